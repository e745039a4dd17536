// The default provider with no aws:region at all (no-stack-region.yaml): the region would come
// from whatever environment runs the deploy.
import * as aws from "@pulumi/aws";
import { tags } from "../support";

new aws.dynamodb.Table("pii", {
    hashKey: "id",
    attributes: [{ name: "id", type: "S" }],
    tags: tags("protected"),
});
