// Access logs of the protected bucket (requester IPs) written to a bucket in us-east-1.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const bucket = protectedBucket("pii", { provider: eu });
const logs = new aws.s3.Bucket(
    "logs",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.s3.BucketLogging(
    "access-logs",
    { bucket: bucket.id, targetBucket: logs.id, targetPrefix: "pii/" },
    { provider: eu },
);
