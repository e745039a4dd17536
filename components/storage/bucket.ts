import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASSES, isDataClass, type DataClass } from "../../vocabulary";
import { policyDocument } from "../iam";
import { dataClassTags } from "../tags";

export interface DataBucketArgs {
    /** The class of the data the bucket holds; it is tagged with it. */
    readonly dataClass: DataClass;
    /** The customer-managed KMS key that encrypts every object (SSE-KMS with a bucket key). */
    readonly kmsKeyArn: pulumi.Input<string>;
    /**
     * Days to keep noncurrent object versions before they expire.
     * @default - noncurrent versions are kept until deleted by hand
     */
    readonly noncurrentVersionExpirationDays?: number;
}

export function validateDataBucketArgs(args: DataBucketArgs): void {
    if (!isDataClass(args.dataClass)) {
        throw new Error(
            `DataBucket: dataClass ${JSON.stringify(args.dataClass)} is not a data class; pass one of ${DATA_CLASSES.join(", ")}.`,
        );
    }
    const days = args.noncurrentVersionExpirationDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new Error(
            `DataBucket: noncurrentVersionExpirationDays ${days} must be a whole number of days, at least 1; omit it to keep noncurrent versions.`,
        );
    }
}

/**
 * An S3 bucket for one data class, sealed the way the enclave requires: versioned, encrypted with
 * the site's customer-managed key, every form of public access blocked, ACLs disabled, requests
 * without TLS denied, and the bucket protected so that neither `pulumi destroy` nor a replacement
 * can delete it (`protect`; `forceDestroy` is never set).
 *
 * The bucket's physical name comes from autonaming.
 */
export class DataBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: DataBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:storage:DataBucket", name, {}, opts);
        validateDataBucketArgs(args);
        const child = { parent: this };

        const bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            { forceDestroy: false, tags: dataClassTags(args.dataClass) },
            { parent: this, protect: true },
        );
        const versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            child,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        applyServerSideEncryptionByDefault: {
                            sseAlgorithm: "aws:kms",
                            kmsMasterKeyId: args.kmsKeyArn,
                        },
                        bucketKeyEnabled: true,
                    },
                ],
            },
            child,
        );
        const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
        new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
            child,
        );
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket: bucket.id,
                policy: policyDocument([
                    {
                        Sid: "DenyWithoutTls",
                        Effect: "Deny",
                        Principal: "*",
                        Action: "s3:*",
                        Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                        Condition: { Bool: { "aws:SecureTransport": false } },
                    },
                ]),
            },
            // S3 rejects a bucket policy while the public access block is being written.
            { parent: this, dependsOn: [publicAccessBlock] },
        );
        if (args.noncurrentVersionExpirationDays !== undefined) {
            new aws.s3.BucketLifecycleConfiguration(
                `${name}-lifecycle`,
                {
                    bucket: bucket.id,
                    rules: [
                        {
                            id: "expire-noncurrent-versions",
                            status: "Enabled",
                            filter: {},
                            noncurrentVersionExpiration: {
                                noncurrentDays: args.noncurrentVersionExpirationDays,
                            },
                        },
                    ],
                },
                { parent: this, dependsOn: [versioning] },
            );
        }

        this.bucket = bucket;
        this.bucketName = bucket.bucket;
        this.bucketArn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
    }
}
