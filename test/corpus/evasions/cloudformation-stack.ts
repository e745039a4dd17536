// A CloudFormation stack tagged public whose template copies a protected bucket (passed as a
// parameter) to a bucket it creates: what the template creates is invisible to the pack.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const pii = protectedBucket("pii", { provider: eu });
new aws.cloudformation.Stack(
    "copier",
    {
        parameters: { SourceBucket: pii.bucket },
        templateBody: JSON.stringify({
            Parameters: { SourceBucket: { Type: "String" } },
            Resources: { Copy: { Type: "AWS::S3::Bucket" } },
        }),
        tags: tags("public"),
    },
    { provider: eu },
);
