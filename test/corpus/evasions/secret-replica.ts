// A protected secret replicated to us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.secretsmanager.Secret(
    "db",
    { replicas: [{ region: "us-east-1" }], tags: tags("protected") },
    { provider: provider("eu-west-1") },
);
