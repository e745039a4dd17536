// Protected data replicated between two Dublin buckets, encrypted with a Dublin key.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const key = new aws.kms.Key(
    "key",
    { enableKeyRotation: true, tags: tags("protected") },
    { provider: eu },
);
const source = protectedBucket("pii", { provider: eu });
const copy = protectedBucket("pii-copy", { provider: eu });
new aws.s3.BucketServerSideEncryptionConfiguration(
    "sse",
    {
        bucket: source.id,
        rules: [
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: key.arn,
                },
            },
        ],
    },
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
                destination: {
                    bucket: copy.arn,
                    encryptionConfiguration: { replicaKmsKeyId: key.arn },
                },
            },
        ],
    },
    { provider: eu },
);
