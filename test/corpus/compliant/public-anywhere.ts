// Public data may live anywhere, and be served through CloudFront.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { provider, tags } from "../support";

const site = new aws.s3.Bucket(
    "site",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.cloudfront.Distribution(
    "cdn",
    {
        enabled: true,
        origins: [{ originId: "site", domainName: site.bucketRegionalDomainName }],
        defaultCacheBehavior: {
            targetOriginId: "site",
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

// Public data may be anywhere, even where the pack cannot tell.
const pick = new random.RandomShuffle("region", {
    inputs: ["eu-west-1", "us-east-1", "ap-southeast-1"],
    resultCount: 1,
});
new aws.s3.Bucket(
    "press-kit",
    { tags: tags("public") },
    { provider: new aws.Provider("anywhere", { region: pick.results[0] }) },
);
