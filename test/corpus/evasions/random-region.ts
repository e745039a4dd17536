// The provider's region is a random choice, unknown until the deploy.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { protectedBucket } from "../support";

const pick = new random.RandomShuffle("region", {
    inputs: ["eu-west-1", "us-east-1"],
    resultCount: 1,
});
protectedBucket("pii", { provider: new aws.Provider("somewhere", { region: pick.results[0] }) });
