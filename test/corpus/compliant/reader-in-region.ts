// A Lambda function in Dublin reading the protected bucket.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const bucket = protectedBucket("pii", { provider: eu });
const role = new aws.iam.Role(
    "reader",
    {
        assumeRolePolicy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "lambda.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        }),
    },
    { provider: eu },
);
new aws.iam.RolePolicy(
    "read-pii",
    {
        role: role.id,
        policy: pulumi.jsonStringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["s3:GetObject"],
                    Resource: pulumi.interpolate`${bucket.arn}/*`,
                },
            ],
        }),
    },
    { provider: eu },
);
new aws.lambda.Function(
    "export",
    {
        role: role.arn,
        runtime: "nodejs20.x",
        handler: "index.handler",
        tags: tags("protected"),
        code: new pulumi.asset.AssetArchive({
            "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};"),
        }),
    },
    { provider: eu },
);
