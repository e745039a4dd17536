// A data class computed at deploy time (unknown in preview) on a bucket in us-east-1.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { DATA_CLASS_TAG } from "@clover/vocabulary";
import { provider } from "../support";

const label = new random.RandomShuffle("class", {
    inputs: ["public", "protected"],
    resultCount: 1,
});
new aws.s3.Bucket(
    "pii",
    { tags: { [DATA_CLASS_TAG]: label.results[0] } },
    { provider: provider("us-east-1") },
);
