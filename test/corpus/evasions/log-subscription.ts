// A protected log group subscribed to a Kinesis stream in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const group = new aws.cloudwatch.LogGroup(
    "access",
    { retentionInDays: 30, tags: tags("protected") },
    { provider: eu },
);
const stream = new aws.kinesis.Stream(
    "sink",
    { shardCount: 1, tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.cloudwatch.LogSubscriptionFilter(
    "ship",
    { logGroup: group.name, filterPattern: "", destinationArn: stream.arn },
    { provider: eu },
);
