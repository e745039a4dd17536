import { awsDataLocation } from "../../policy-packs/data-residency/policies/location";
import { awsWhere, UNKNOWN, type PlainObject } from "@clover/residency-model";
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

    it("fails closed on internal data in an unknown location, and lets public data be anywhere", () => {
        const somewhere = { provider: { ...EU, props: { region: UNKNOWN } as PlainObject } };
        const metrics = view(BUCKET, "metrics", { tags: tagged("internal") }, somewhere);
        expect(awsDataLocation.evaluate(metrics, ctx())[0].message).toBe(
            'aws:s3/bucket:Bucket "metrics" holds internal data (tag clover.io/data-class); it is in an unknown location (the "region" of provider "dublin-aws" is unknown during preview). ' +
                "Internal data may only be in any European location (EEA, UK, Switzerland). Fix: give the resource a provider with a literal region in an approved location (the site provider).",
        );
        const press = view(BUCKET, "press", { tags: tagged("public") }, somewhere);
        expect(awsDataLocation.evaluate(press, ctx())).toEqual([]);
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

describe("the provider's endpoints decide where a service's resources are", () => {
    const provider = (endpoints: unknown, region = "eu-west-1") => ({
        ...awsProvider(region, "p"),
        props: {
            region,
            endpoints: typeof endpoints === "string" ? endpoints : JSON.stringify(endpoints),
        },
    });
    const where = (type: string, endpoints: unknown, region?: string) =>
        awsWhere({ type, props: {}, provider: provider(endpoints, region) });

    it("places a resource where its service's AWS endpoint is, whatever the provider's region", () => {
        expect(where(BUCKET, [{ s3: "https://s3.us-east-1.amazonaws.com" }])).toEqual({
            kind: "at",
            location: "aws:us-east-1",
            how: 'the "s3" endpoint of provider "p", https://s3.us-east-1.amazonaws.com',
        });
        expect(
            where("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", [
                { firehose: "https://firehose.ap-southeast-1.amazonaws.com" },
            ]),
        ).toMatchObject({ kind: "at", location: "aws:ap-southeast-1" });
        expect(
            where("aws:lb/loadBalancer:LoadBalancer", [
                { elbv2: "https://elasticloadbalancing.us-west-2.amazonaws.com" },
            ]),
        ).toMatchObject({
            kind: "at",
            location: "aws:us-west-2",
        });
    });

    it("keeps FIPS, VPC endpoint and dual-stack hosts of the provider's region, and global STS", () => {
        const endpoints = [
            {
                s3: "https://bucket.vpce-0a1b2c3d4e5f67890-abcdefgh.s3.eu-west-1.vpce.amazonaws.com",
                kms: "https://kms-fips.eu-west-1.amazonaws.com",
                dynamodb: "https://dynamodb.eu-west-1.api.aws",
                sts: "https://sts.amazonaws.com",
            },
        ];
        for (const type of [
            BUCKET,
            "aws:kms/key:Key",
            "aws:dynamodb/table:Table",
            "aws:sqs/queue:Queue",
        ])
            expect(where(type, endpoints)).toMatchObject({ kind: "at", location: "aws:eu-west-1" });
    });

    it("knows no location for a host outside AWS, an alias it cannot rule out, or endpoints unknown at preview", () => {
        expect(
            where("aws:dynamodb/table:Table", [{ dynamodb: "https://dynamo.example.net" }]),
        ).toEqual({
            kind: "unknown",
            how: 'the "dynamodb" endpoint of provider "p" sends it to "https://dynamo.example.net", which is not an AWS endpoint of a region; remove the override or point it at AWS in an approved region',
        });
        expect(where(BUCKET, [{ s3api: "https://objects.example.net" }])).toMatchObject({
            kind: "unknown",
        });
        expect(
            where(BUCKET, [{ s3: "https://s3.eu-west-1.amazonaws.com.example.net" }]),
        ).toMatchObject({ kind: "unknown" });
        expect(where(BUCKET, [{ sqs: "https://sqs.us-east-1.amazonaws.com" }])).toMatchObject({
            kind: "unknown",
        });
        expect(
            awsWhere({
                type: BUCKET,
                props: {},
                provider: { ...provider([]), props: { region: "eu-west-1", endpoints: UNKNOWN } },
            }),
        ).toEqual({
            kind: "unknown",
            how: 'the "endpoints" of provider "p" are unknown during preview',
        });
    });

    it("blocks protected data the endpoints send out of the approved locations", () => {
        const r = view(
            BUCKET,
            "pii",
            { tags: tagged("protected") },
            { provider: provider([{ s3: "https://s3.us-east-1.amazonaws.com" }]) },
        );
        expect(awsDataLocation.evaluate(r, ctx())[0].message).toContain(
            'it is in aws:us-east-1 (the "s3" endpoint of provider "p", https://s3.us-east-1.amazonaws.com)',
        );
    });
});
