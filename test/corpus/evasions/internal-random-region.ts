// Internal data on a provider whose region is a random choice between Frankfurt and Virginia:
// internal data may be anywhere in Europe, and the pack cannot see that this is.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { tags } from "../support";

const pick = new random.RandomShuffle("region", {
    inputs: ["eu-central-1", "us-east-1"],
    resultCount: 1,
});
new aws.s3.Bucket(
    "metrics",
    { tags: tags("internal") },
    { provider: new aws.Provider("somewhere", { region: pick.results[0] }) },
);
