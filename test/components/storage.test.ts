import * as aws from "@pulumi/aws";
import { DataBucket, validateDataBucketArgs } from "../../components/storage";
import { runComponent, type Resources } from "../support/harness";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/protected";

describe("DataBucket", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new DataBucket("pii", { dataClass: "protected", kmsKeyArn: KEY }, { provider });
        });
    });

    it("registers the v7 bucket and its separate configuration resources", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "pulumi:providers:aws": 1,
            "clover:storage:DataBucket": 1,
            "aws:s3/bucket:Bucket": 1,
            "aws:s3/bucketVersioning:BucketVersioning": 1,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
            "aws:s3/bucketPolicy:BucketPolicy": 1,
        });
    });

    it("classifies the bucket and protects it from deletion", () => {
        const bucket = resources.one("aws:s3/bucket:Bucket", "pii-bucket");
        expect(bucket.inputs).toEqual({
            forceDestroy: false,
            tags: { "clover.io/data-class": "protected" },
        });
        expect(bucket.protect).toBe(true);
    });

    it("versions, encrypts with the site key, blocks public access and disables ACLs", () => {
        expect(
            resources.one("aws:s3/bucketVersioning:BucketVersioning", "pii-versioning").inputs
                .versioningConfiguration,
        ).toEqual({ status: "Enabled" });
        expect(
            resources.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "pii-encryption",
            ).inputs.rules,
        ).toEqual([
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: KEY,
                },
                bucketKeyEnabled: true,
            },
        ]);
        expect(
            resources.one(
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "pii-public-access",
            ).inputs,
        ).toMatchObject({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(
            resources.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "pii-ownership")
                .inputs.rule,
        ).toEqual({
            objectOwnership: "BucketOwnerEnforced",
        });
    });

    it("denies every request without TLS", () => {
        const bucket = resources.one("aws:s3/bucket:Bucket", "pii-bucket");
        const policy = resources.one("aws:s3/bucketPolicy:BucketPolicy", "pii-policy");
        const arn = bucket.outputs.arn as string;
        expect(JSON.parse(policy.inputs.policy as string)).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyWithoutTls",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [arn, `${arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": false } },
                },
            ],
        });
        expect(policy.dependencies).toContain(
            resources.one(
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "pii-public-access",
            ).urn,
        );
    });

    it("adds noncurrent-version expiry only when asked", async () => {
        const withExpiry = await runComponent(() => {
            new DataBucket("logs", {
                dataClass: "internal",
                kmsKeyArn: KEY,
                noncurrentVersionExpirationDays: 90,
            });
        });
        const lifecycle = withExpiry.one(
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "logs-lifecycle",
        );
        expect(lifecycle.inputs.rules).toEqual([
            {
                id: "expire-noncurrent-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: 90 },
            },
        ]);
        expect(
            resources.ofType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"),
        ).toEqual([]);
    });
});

describe("validateDataBucketArgs", () => {
    it("rejects an unknown data class", () => {
        expect(() =>
            validateDataBucketArgs({ dataClass: "secret" as never, kmsKeyArn: KEY }),
        ).toThrow(
            'DataBucket: dataClass "secret" is not a data class; pass one of protected, internal, public.',
        );
    });
    it("rejects a non-positive expiry", () => {
        expect(() =>
            validateDataBucketArgs({
                dataClass: "protected",
                kmsKeyArn: KEY,
                noncurrentVersionExpirationDays: 0,
            }),
        ).toThrow(
            "DataBucket: noncurrentVersionExpirationDays 0 must be a whole number of days, at least 1; omit it to keep noncurrent versions.",
        );
    });
});
