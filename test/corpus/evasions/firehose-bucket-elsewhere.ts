// A delivery stream whose destination bucket is in us-east-1 (S3 ARN, resolved through the graph).
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const target = new aws.s3.Bucket(
    "lake",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.kinesis.FirehoseDeliveryStream(
    "events",
    {
        destination: "extended_s3",
        extendedS3Configuration: {
            roleArn: "arn:aws:iam::123456789012:role/firehose",
            bucketArn: target.arn,
        },
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
