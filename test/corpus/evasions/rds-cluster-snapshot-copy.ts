// An untagged cluster snapshot copy made in Singapore from a snapshot outside the stack.
import * as aws from "@pulumi/aws";
import { provider } from "../support";

new aws.rds.ClusterSnapshotCopy(
    "copy",
    {
        sourceDbClusterSnapshotIdentifier:
            "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:users",
        targetDbClusterSnapshotIdentifier: "users-copy",
    },
    { provider: provider("ap-southeast-1") },
);
