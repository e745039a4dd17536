// A protected bucket encrypted with a key (tagged public) created in us-east-1: unknown ARN.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const key = new aws.kms.Key(
    "key",
    { enableKeyRotation: true, tags: tags("public") },
    { provider: provider("us-east-1") },
);
const bucket = protectedBucket("pii", { provider: eu });
new aws.s3.BucketServerSideEncryptionConfiguration(
    "sse",
    {
        bucket: bucket.id,
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
