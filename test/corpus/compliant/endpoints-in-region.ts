// A Dublin provider with the endpoint overrides a platform really sets: FIPS and VPC endpoints of
// its own region, and the global STS endpoint.
import * as aws from "@pulumi/aws";
import { protectedBucket, tags } from "../support";

const dublin = new aws.Provider("dublin", {
    region: "eu-west-1",
    endpoints: [
        {
            s3: "https://bucket.vpce-0a1b2c3d4e5f67890-abcdefgh.s3.eu-west-1.vpce.amazonaws.com",
            kms: "https://kms-fips.eu-west-1.amazonaws.com",
            dynamodb: "https://dynamodb.eu-west-1.api.aws",
            sts: "https://sts.amazonaws.com",
        },
    ],
});
protectedBucket("pii", { provider: dublin });
new aws.dynamodb.Table(
    "users",
    { hashKey: "id", attributes: [{ name: "id", type: "S" }], tags: tags("protected") },
    { provider: dublin },
);
new aws.kms.Key("key", { enableKeyRotation: true, tags: tags("protected") }, { provider: dublin });
