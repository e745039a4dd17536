// Replication to a bucket outside the stack, named by a literal ARN, while another field of the same
// input (the rule's filter) depends on an in-region bucket: the dependency must not vouch for the
// literal destination.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
const local = new aws.s3.Bucket(
    "local-copy",
    { bucket: "clover-local-copy", tags: tags("protected") },
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
                filter: { prefix: local.bucket },
                destination: { bucket: "arn:aws:s3:::legacy-virginia-archive" },
            },
        ],
    },
    { provider: eu },
);
