// A CloudFront distribution in front of the protected bucket.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider } from "../support";

const bucket = protectedBucket("pii", { provider: provider("eu-west-1") });
new aws.cloudfront.Distribution(
    "cdn",
    {
        enabled: true,
        origins: [{ originId: "pii", domainName: bucket.bucketRegionalDomainName }],
        defaultCacheBehavior: {
            targetOriginId: "pii",
            viewerProtocolPolicy: "https-only",
            allowedMethods: ["GET", "HEAD"],
            cachedMethods: ["GET", "HEAD"],
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        restrictions: { geoRestriction: { restrictionType: "none" } },
        viewerCertificate: { cloudfrontDefaultCertificate: true },
    },
    { provider: provider("us-east-1") },
);
