// A misspelt data class.
import * as aws from "@pulumi/aws";
import { DATA_CLASS_TAG } from "@clover/vocabulary";
import { provider } from "../support";

new aws.s3.Bucket(
    "pii",
    { tags: { [DATA_CLASS_TAG]: "PII" } },
    { provider: provider("us-east-1") },
);
