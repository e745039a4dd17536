// The bucket's deprecated inline replication rule, to a bucket in us-east-1 (S3 ARN: no region).
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const target = new aws.s3.Bucket(
    "copy",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.s3.Bucket(
    "pii",
    {
        tags: tags("protected"),
        replicationConfiguration: {
            role: "arn:aws:iam::123456789012:role/replication",
            rules: [{ status: "Enabled", destination: { bucket: target.arn } }],
        },
    },
    { provider: provider("eu-west-1") },
);
