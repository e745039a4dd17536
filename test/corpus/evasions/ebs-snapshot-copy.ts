// A protected EBS snapshot copied into us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.ebs.SnapshotCopy(
    "copy",
    {
        sourceSnapshotId: "snap-0123456789abcdef0",
        sourceRegion: "eu-west-1",
        tags: tags("protected"),
    },
    { provider: provider("us-east-1") },
);
