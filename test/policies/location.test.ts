import { awsDataLocation } from "../../policy-packs/data-residency/policies/location";
import { UNKNOWN } from "@clover/residency-model";
import { awsProvider, ctx, tagged, view } from "../support/views";

const BUCKET = "aws:s3/bucket:Bucket";
const EU = awsProvider("eu-west-1", "dublin-aws");

describe("aws-data-location", () => {
    it("passes a protected bucket on the site provider", () => {
        expect(
            awsDataLocation.evaluate(
                view(BUCKET, "pii", { tags: tagged("protected") }, { provider: EU }),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("passes internal data anywhere in Europe and public data anywhere", () => {
        const frankfurt = awsProvider("eu-central-1");
        const virginia = awsProvider("us-east-1");
        expect(
            awsDataLocation.evaluate(
                view(BUCKET, "m", { tags: tagged("internal") }, { provider: frankfurt }),
                ctx(),
            ),
        ).toEqual([]);
        expect(
            awsDataLocation.evaluate(
                view(BUCKET, "w", { tags: tagged("public") }, { provider: virginia }),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("blocks a region override on the resource", () => {
        const r = view(
            BUCKET,
            "pii",
            { region: "us-east-1", tags: tagged("protected") },
            { provider: EU },
        );
        expect(awsDataLocation.evaluate(r, ctx())).toEqual([
            {
                urn: r.urn,
                message:
                    'aws:s3/bucket:Bucket "pii" holds protected data (tag clover.io/data-class); it is in aws:us-east-1 (its own "region" input). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: create it through the site's provider and remove any region override.",
            },
        ]);
    });

    it("blocks a provider in another region, naming the provider", () => {
        const r = view(
            BUCKET,
            "pii",
            { tags: tagged("protected") },
            { provider: awsProvider("ap-southeast-1", "dublin-eu-west-1") },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toContain(
            'it is in aws:ap-southeast-1 (the "region" of provider "dublin-eu-west-1")',
        );
    });

    it("blocks internal data outside Europe", () => {
        const r = view(
            BUCKET,
            "metrics",
            { tags: tagged("internal") },
            { provider: awsProvider("us-east-1") },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toBe(
            'aws:s3/bucket:Bucket "metrics" holds internal data (tag clover.io/data-class); it is in aws:us-east-1 (the "region" of provider "aws-us-east-1"). ' +
                "Internal data may only be in any European location (EEA, UK, Switzerland). Fix: create it through the site's provider and remove any region override.",
        );
    });

    it("fails closed on a region unknown during preview", () => {
        const r = view(
            BUCKET,
            "pii",
            { tags: tagged("protected") },
            { provider: { ...EU, props: { region: UNKNOWN } } },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toBe(
            'aws:s3/bucket:Bucket "pii" holds protected data (tag clover.io/data-class); it is in an unknown location (the "region" of provider "dublin-aws" is unknown during preview). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: give the resource a provider with a literal region in an approved location (the site provider).",
        );
    });

    it("fails closed on a default provider with no aws:region", () => {
        const r = view(
            BUCKET,
            "pii",
            { tags: tagged("protected") },
            { provider: awsProvider(undefined, "default_7_48_0") },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toContain(
            "it is in an unknown location (the stack sets no aws:region, so the default provider takes the region from the environment)",
        );
    });

    it("treats an unclassified store as protected", () => {
        const r = view(BUCKET, "mystery", {}, { provider: awsProvider("us-east-1") });
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toContain(
            '"mystery" holds protected data (no clover.io/data-class, so treated as protected)',
        );
    });

    it("covers the deprecated BucketV2 token too", () => {
        const r = view(
            "aws:s3/bucketV2:BucketV2",
            "pii",
            { tags: tagged("protected") },
            { provider: awsProvider("us-west-2") },
        );
        expect(awsDataLocation.evaluate(r, ctx())).toHaveLength(1);
    });

    it("blocks protected data placed on a global service", () => {
        const r = view(
            "aws:cloudfront/distribution:Distribution",
            "cdn",
            { tags: tagged("protected") },
            { provider: EU },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toBe(
            'aws:cloudfront/distribution:Distribution "cdn" holds protected data (tag clover.io/data-class); it is in a global service with no location (cloudfront is global). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: keep protected data off global services; serve it from the site through the security gateway.",
        );
    });

    it("leaves unclassified compute alone but holds classified compute to its class", () => {
        const lambda = "aws:lambda/function:Function";
        const us = awsProvider("us-east-1");
        expect(awsDataLocation.evaluate(view(lambda, "f", {}, { provider: us }), ctx())).toEqual(
            [],
        );
        expect(
            awsDataLocation.evaluate(
                view(lambda, "f", { tags: tagged("protected") }, { provider: us }),
                ctx(),
            ),
        ).toHaveLength(1);
    });

    it("leaves resources that inherit their class to the stack policy", () => {
        const r = view(
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            "r",
            {},
            { provider: awsProvider("us-east-1") },
        );
        expect(awsDataLocation.evaluate(r, ctx())).toEqual([]);
    });
});
