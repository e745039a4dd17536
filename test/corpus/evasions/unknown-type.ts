// Protected data in a type the pack does not know.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.timestreamwrite.Database(
    "metrics",
    { databaseName: "metrics", tags: tags("protected") },
    { provider: provider("eu-west-1") },
);
