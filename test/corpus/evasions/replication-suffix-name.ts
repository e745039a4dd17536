// Replication to a bucket outside the stack whose ARN ends in the name of an in-region bucket of
// the stack ("archive"): only an exact name resolves to a stack resource.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
const archive = new aws.s3.Bucket(
    "archive",
    { bucket: "archive", tags: tags("protected") },
    { provider: eu },
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
                filter: { prefix: archive.bucket },
                destination: { bucket: "arn:aws:s3:::legacy-virginia/archive" },
            },
        ],
    },
    { provider: eu },
);
