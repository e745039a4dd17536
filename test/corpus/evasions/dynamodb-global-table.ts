// A legacy global table (untaggable) with a replica in us-east-1.
import * as aws from "@pulumi/aws";
import { provider } from "../support";

new aws.dynamodb.GlobalTable(
    "users",
    { name: "users", replicas: [{ regionName: "eu-west-1" }, { regionName: "us-east-1" }] },
    { provider: provider("eu-west-1") },
);
