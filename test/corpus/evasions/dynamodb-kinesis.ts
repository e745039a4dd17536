// Change data of a protected table streamed to a Kinesis stream in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const table = new aws.dynamodb.Table(
    "users",
    { hashKey: "id", attributes: [{ name: "id", type: "S" }], tags: tags("protected") },
    { provider: eu },
);
const stream = new aws.kinesis.Stream(
    "changes",
    { shardCount: 1, tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.dynamodb.KinesisStreamingDestination(
    "to-stream",
    { tableName: table.name, streamArn: stream.arn },
    { provider: eu },
);
