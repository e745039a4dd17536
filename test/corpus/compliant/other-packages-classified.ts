// Resources the pack does not catalogue, used as a platform does: generated passwords, and a
// resource of another package classified public that takes nothing from protected data.
import * as random from "@pulumi/random";
import { OtherProvider, OtherResource, tagList } from "../support";

new random.RandomPassword("db", { length: 32, special: false });
const native = new OtherProvider("aws-native", "virginia", { region: "us-east-1" });
new OtherResource(
    "aws-native:s3:Bucket",
    "website",
    { tags: tagList("public") },
    { provider: native },
);
