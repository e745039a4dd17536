import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ControlRole, DATA_CLASSES, type DataClass, isDataClass } from "@clover/vocabulary";
import { policyObject, S3_DATA_ACTIONS, type Statement } from "../iam";
import { controlRoleTags, dataClassTags } from "../tags";

/** Who may reach a bucket's objects, and from where. */
export interface BucketAccess {
    /** The only principals whose requests may read, write or delete objects (role ARNs). */
    readonly principalArns: pulumi.Input<string>[];
    /** The VPC endpoints object requests must come through. */
    readonly vpcEndpointIds: pulumi.Input<string>[];
}

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
    /**
     * The only principals and network paths that reach the objects. The bucket policy denies object
     * requests from any other principal or from outside these VPC endpoints.
     * @default - no such restriction (only TLS is enforced); protected buckets must set it
     */
    readonly access?: BucketAccess;
    /**
     * Locks every object for this many days in compliance mode (S3 object lock): nobody, the
     * account's root user included, can delete or overwrite a version before then.
     * @default - no object lock
     */
    readonly objectLockDays?: number;
    /** What the bucket is in the enclave's controls (`audit-archive`), tagged `clover.io/role`. */
    readonly controlRole?: ControlRole;
    /**
     * More bucket-policy statements (service deliveries, auditor access), given the bucket's ARN.
     * @default - none
     */
    readonly extraStatements?: (bucketArn: pulumi.Output<string>) => Statement[];
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
    const lock = args.objectLockDays;
    if (lock !== undefined && (!Number.isInteger(lock) || lock < 1 || lock > 36500)) {
        throw new Error(
            `DataBucket: objectLockDays ${lock} must be a whole number of days from 1 to 36500; omit it for no object lock.`,
        );
    }
    if (args.dataClass === "protected" && args.controlRole === undefined && !args.access) {
        throw new Error(
            `DataBucket: a protected bucket needs access (the gateway's and service roles and the site's VPC endpoints); pass access: { principalArns, vpcEndpointIds }.`,
        );
    }
    if (args.access && args.access.principalArns.length === 0) {
        throw new Error(
            `DataBucket: access.principalArns is empty, so nobody could reach the objects; pass the gateway's and service roles' ARNs.`,
        );
    }
    if (args.access && args.access.vpcEndpointIds.length === 0) {
        throw new Error(
            `DataBucket: access.vpcEndpointIds is empty, so no request could qualify; pass the site's S3 VPC endpoint IDs.`,
        );
    }
}

/**
 * An S3 bucket for one data class, sealed the way the enclave requires: versioned, encrypted with
 * the site's customer-managed key, every form of public access blocked, ACLs disabled, requests
 * without TLS denied, and the bucket protected so that neither `pulumi destroy` nor a replacement
 * can delete it (`protect` and `retainOnDelete`; `forceDestroy` is never set).
 *
 * With `access`, object requests are denied to every principal but the listed roles and to every
 * path but the listed VPC endpoints: the data-access gateway is the only way in.
 */
export class DataBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly bucketName: pulumi.Output<string>;
    public readonly bucketArn: pulumi.Output<string>;

    constructor(name: string, args: DataBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:storage:DataBucket", name, {}, opts);
        validateDataBucketArgs(args);
        const child = { parent: this };

        const tags = {
            ...dataClassTags(args.dataClass),
            ...(args.controlRole ? controlRoleTags(args.controlRole) : {}),
        };
        const bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            {
                ...(args.objectLockDays ? { objectLockEnabled: true } : {}),
                forceDestroy: false,
                tags,
            },
            { parent: this, protect: true, retainOnDelete: true },
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
        if (args.objectLockDays !== undefined) {
            new aws.s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                {
                    bucket: bucket.id,
                    objectLockEnabled: "Enabled",
                    rule: { defaultRetention: { mode: "COMPLIANCE", days: args.objectLockDays } },
                },
                { parent: this, dependsOn: [versioning] },
            );
        }
        const everything = [bucket.arn, pulumi.interpolate`${bucket.arn}/*`];
        const statements: Statement[] = [
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: everything,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ];
        if (args.access) {
            statements.push(
                {
                    Sid: "DenyObjectsToOtherPrincipals",
                    Effect: "Deny",
                    Principal: "*",
                    Action: [...S3_DATA_ACTIONS],
                    Resource: everything,
                    Condition: { ArnNotEquals: { "aws:PrincipalArn": args.access.principalArns } },
                },
                {
                    Sid: "DenyObjectsOutsideVpcEndpoints",
                    Effect: "Deny",
                    Principal: "*",
                    Action: [...S3_DATA_ACTIONS],
                    Resource: everything,
                    Condition: {
                        StringNotEquals: { "aws:SourceVpce": args.access.vpcEndpointIds },
                    },
                },
            );
        }
        statements.push(...(args.extraStatements?.(bucket.arn) ?? []));
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            { bucket: bucket.id, policy: policyObject(statements) },
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
