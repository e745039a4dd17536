// A protected snapshot copied to another region by its destinationRegion.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.rds.SnapshotCopy(
    "copy",
    {
        sourceDbSnapshotIdentifier: "arn:aws:rds:eu-west-1:123456789012:snapshot:users-2026-11-01",
        targetDbSnapshotIdentifier: "users-copy",
        destinationRegion: "us-west-2",
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
