// Internal data may live anywhere in Europe: a Frankfurt table with a Stockholm replica.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.dynamodb.Table(
    "metrics",
    {
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        replicas: [{ regionName: "eu-north-1" }],
        tags: tags("internal"),
    },
    { provider: provider("eu-central-1") },
);
