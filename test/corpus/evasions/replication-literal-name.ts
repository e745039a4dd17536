// Replication to a bucket of the stack in us-east-1, tagged public, named by a literal ARN with no
// dependency on it: a literal that names a stack resource resolves to that resource.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
new aws.s3.Bucket(
    "mirror",
    { bucket: "clover-mirror-virginia", tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.s3.BucketReplicationConfig(
    "replicate",
    {
        bucket: source.id,
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [
            {
                id: "all",
                status: "Enabled",
                destination: { bucket: "arn:aws:s3:::clover-mirror-virginia" },
            },
        ],
    },
    { provider: eu },
);
