// A separate replication configuration to a bucket created in us-east-1.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
const target = new aws.s3.Bucket(
    "copy",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.s3.BucketReplicationConfig(
    "replicate",
    {
        bucket: source.id,
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [{ id: "all", status: "Enabled", destination: { bucket: target.arn } }],
    },
    { provider: eu },
);
