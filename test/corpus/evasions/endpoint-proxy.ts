// A Dublin provider whose DynamoDB endpoint is a host outside AWS (a proxy or a compatible store):
// where the table really is cannot be known.
import * as aws from "@pulumi/aws";
import { tags } from "../support";

const proxied = new aws.Provider("dublin", {
    region: "eu-west-1",
    endpoints: [{ dynamodb: "https://dynamo.storage.example.net" }],
});
new aws.dynamodb.Table(
    "users",
    { hashKey: "id", attributes: [{ name: "id", type: "S" }], tags: tags("protected") },
    { provider: proxied },
);
