// A multi-region access point over a Dublin bucket and a Virginia bucket.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = protectedBucket("pii", { provider: provider("eu-west-1") });
const us = new aws.s3.Bucket(
    "pii-us",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.s3control.MultiRegionAccessPoint(
    "global",
    { details: { name: "users", regions: [{ bucket: eu.bucket }, { bucket: us.bucket }] } },
    { provider: provider("eu-west-1") },
);
