// Replication to a bucket outside the stack, named only by its (region-less) ARN.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
new aws.s3.BucketReplicationConfig(
    "replicate",
    {
        bucket: source.id,
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [
            {
                id: "all",
                status: "Enabled",
                destination: { bucket: "arn:aws:s3:::legacy-virginia-archive" },
            },
        ],
    },
    { provider: eu },
);
