// A table replica in us-east-1 of a protected table, tagged public: the replica's tag must not
// decide what it holds.
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
    { globalTableArn: table.arn, tags: tags("public") },
    { provider: provider("us-east-1") },
);
