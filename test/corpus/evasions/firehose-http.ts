// A delivery stream that sends protected records to an HTTP endpoint outside AWS.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const backup = new aws.s3.Bucket("backup", { tags: tags("protected") }, { provider: eu });
new aws.kinesis.FirehoseDeliveryStream(
    "events",
    {
        destination: "http_endpoint",
        httpEndpointConfiguration: {
            url: "https://collector.analytics.example.com/ingest",
            name: "analytics",
            roleArn: "arn:aws:iam::123456789012:role/firehose",
            s3Configuration: {
                roleArn: "arn:aws:iam::123456789012:role/firehose",
                bucketArn: backup.arn,
            },
        },
        tags: tags("protected"),
    },
    { provider: eu },
);
