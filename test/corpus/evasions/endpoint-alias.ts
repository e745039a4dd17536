// A Dublin provider that overrides S3 under another of the provider's names for it ("s3api"):
// an override the pack cannot rule out for the bucket leaves its location unknown.
import * as aws from "@pulumi/aws";
import { protectedBucket } from "../support";

const aliased = new aws.Provider("dublin", {
    region: "eu-west-1",
    endpoints: [{ s3api: "https://objects.storage.example.net" }],
});
protectedBucket("pii", { provider: aliased });
