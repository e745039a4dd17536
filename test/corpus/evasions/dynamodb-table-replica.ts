// A separate, untagged table replica created in us-east-1 for a protected table.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const table = new aws.dynamodb.Table(
    "users",
    {
        hashKey: "id",
        attributes: [{ name: "id", type: "S" }],
        streamEnabled: true,
        streamViewType: "NEW_AND_OLD_IMAGES",
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
new aws.dynamodb.TableReplica(
    "users-us",
    { globalTableArn: table.arn },
    { provider: provider("us-east-1") },
);
