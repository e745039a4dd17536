import * as aws from "@pulumi/aws";
import { DataBucket, validateDataBucketArgs } from "../../components/storage";
import { runComponent, type Resources } from "../support/harness";
import { PROTECTED_OBJECT_ACTIONS as OBJECT_ACTIONS } from "../support/iam";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/protected";
const GATEWAY = "arn:aws:iam::123456789012:role/clover/clover-dublin-data-gateway";
const SERVICE = "arn:aws:iam::123456789012:role/clover/clover-dublin-site-service";
const ACCESS = { principalArns: [GATEWAY, SERVICE], vpcEndpointIds: ["vpce-0s3"] };

describe("DataBucket", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new DataBucket(
                "pii",
                { dataClass: "protected", kmsKeyArn: KEY, access: ACCESS },
                { provider },
            );
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
        expect(bucket.retainOnDelete).toBe(true);
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

    it("denies requests without TLS, from other principals, and from outside the VPC endpoints", () => {
        const bucket = resources.one("aws:s3/bucket:Bucket", "pii-bucket");
        const policy = resources.one("aws:s3/bucketPolicy:BucketPolicy", "pii-policy");
        const arn = bucket.outputs.arn as string;
        const everything = [arn, `${arn}/*`];
        // A structured document: known in a preview except where a value is itself unknown.
        expect(policy.inputs.policy).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyWithoutTls",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: everything,
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                {
                    Sid: "DenyObjectsToOtherPrincipals",
                    Effect: "Deny",
                    Principal: "*",
                    Action: OBJECT_ACTIONS,
                    Resource: everything,
                    Condition: { ArnNotEquals: { "aws:PrincipalArn": [GATEWAY, SERVICE] } },
                },
                {
                    Sid: "DenyObjectsOutsideVpcEndpoints",
                    Effect: "Deny",
                    Principal: "*",
                    Action: OBJECT_ACTIONS,
                    Resource: everything,
                    Condition: { StringNotEquals: { "aws:SourceVpce": ["vpce-0s3"] } },
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

    it("locks objects in compliance mode and tags its control role when asked", async () => {
        const archive = await runComponent(() => {
            new DataBucket("audit", {
                dataClass: "protected",
                kmsKeyArn: KEY,
                controlRole: "audit-archive",
                objectLockDays: 2557,
                extraStatements: (bucketArn) => [
                    {
                        Sid: "Extra",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:DeleteObject*",
                        Resource: bucketArn,
                    },
                ],
            });
        });
        const bucket = archive.one("aws:s3/bucket:Bucket", "audit-bucket");
        expect(bucket.inputs).toEqual({
            objectLockEnabled: true,
            forceDestroy: false,
            tags: { "clover.io/data-class": "protected", "clover.io/role": "audit-archive" },
        });
        const lock = archive.one(
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
            "audit-object-lock",
        );
        expect(lock.inputs).toEqual({
            bucket: bucket.outputs.bucket,
            objectLockEnabled: "Enabled",
            rule: { defaultRetention: { mode: "COMPLIANCE", days: 2557 } },
        });
        const statements = (
            archive.one("aws:s3/bucketPolicy:BucketPolicy", "audit-policy").inputs.policy as {
                Statement: { Sid: string }[];
            }
        ).Statement;
        expect(statements.map((st) => st.Sid)).toEqual(["DenyWithoutTls", "Extra"]);
        expect(
            resources.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
        ).toEqual([]);
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
    it("rejects a protected bucket without access, or with an empty one", () => {
        expect(() => validateDataBucketArgs({ dataClass: "protected", kmsKeyArn: KEY })).toThrow(
            "DataBucket: a protected bucket needs access (the gateway's and service roles and the site's VPC endpoints); pass access: { principalArns, vpcEndpointIds }.",
        );
        expect(() =>
            validateDataBucketArgs({
                dataClass: "protected",
                kmsKeyArn: KEY,
                access: { principalArns: [], vpcEndpointIds: ["vpce-0s3"] },
            }),
        ).toThrow(
            "DataBucket: access.principalArns is empty, so nobody could reach the objects; pass the gateway's and service roles' ARNs.",
        );
        expect(() =>
            validateDataBucketArgs({
                dataClass: "protected",
                kmsKeyArn: KEY,
                access: { principalArns: [GATEWAY], vpcEndpointIds: [] },
            }),
        ).toThrow(
            "DataBucket: access.vpcEndpointIds is empty, so no request could qualify; pass the site's S3 VPC endpoint IDs.",
        );
    });
    it("rejects an object lock of no days", () => {
        expect(() =>
            validateDataBucketArgs({
                dataClass: "internal",
                kmsKeyArn: KEY,
                objectLockDays: 0,
            }),
        ).toThrow(
            "DataBucket: objectLockDays 0 must be a whole number of days from 1 to 36500; omit it for no object lock.",
        );
    });
});
