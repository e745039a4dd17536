// A Dublin provider whose S3 endpoint is us-east-1's: the provider's region says eu-west-1, the
// bytes land in Virginia.
import * as aws from "@pulumi/aws";
import { protectedBucket } from "../support";

const redirected = new aws.Provider("dublin", {
    region: "eu-west-1",
    endpoints: [{ s3: "https://s3.us-east-1.amazonaws.com" }],
});
protectedBucket("pii", { provider: redirected });
