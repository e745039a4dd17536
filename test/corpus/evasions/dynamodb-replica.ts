// A global-table replica block in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.dynamodb.Table(
    "users",
    {
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        replicas: [{ regionName: "us-east-1" }],
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
