// A protected bucket encrypted with a key in us-east-1, named by ARN.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider } from "../support";

const eu = provider("eu-west-1");
const bucket = protectedBucket("pii", { provider: eu });
new aws.s3.BucketServerSideEncryptionConfiguration(
    "sse",
    {
        bucket: bucket.id,
        rules: [
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId:
                        "arn:aws:kms:us-east-1:123456789012:key/0b5e7a9c-1d2e-4f60-8a9b-0c1d2e3f4a5b",
                },
            },
        ],
    },
    { provider: eu },
);
