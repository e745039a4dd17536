import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { policyDocument, type Statement } from "../iam";
import { DataBucket } from "../storage";
import { controlRoleTags, dataClassTags } from "../tags";
import { monitorNames, monitorRoleArns } from "./names";

/** Where each kind of record lands in the archive. */
export const ARCHIVE_PREFIXES = {
    trail: "cloudtrail",
    flowLogs: "vpc-flow-logs",
    firewall: "network-firewall",
    controlPlane: "eks-control-plane",
} as const;

export interface AuditArchiveArgs {
    /** The site's name; the archive's names are built from it. */
    readonly site: string;
    /** The site's region: the services that deliver to the archive are those of this region. */
    readonly region: string;
    /** The site's AWS account. Known before deploy (from the caller's identity). */
    readonly accountId: pulumi.Input<string>;
    /** Days every archived object stays locked in compliance mode. */
    readonly retentionDays: number;
}

export function validateAuditArchiveArgs(args: AuditArchiveArgs): void {
    if (!Number.isInteger(args.retentionDays) || args.retentionDays < 365) {
        throw new Error(
            `AuditArchive: retentionDays ${args.retentionDays} must be a whole number of days, at least 365; pass e.g. 2557 (seven years).`,
        );
    }
}

/**
 * The independent monitor's archive on an AWS site: an S3 bucket in the site's region with object
 * lock in compliance mode (nobody can delete or rewrite a record before `retentionDays`), its own
 * customer-managed key, and a policy under which only the delivering services (CloudTrail, VPC
 * flow logs and Network Firewall through log delivery, the control-plane log stream's role) write
 * and only the auditor's role and that stream's role read. It holds IP addresses and object keys of
 * protected data, so it is classed `protected` and stays in the site's location.
 */
export class AuditArchive extends pulumi.ComponentResource {
    public readonly key: aws.kms.Key;
    public readonly keyArn: pulumi.Output<string>;
    public readonly bucket: DataBucket;
    public readonly bucketArn: pulumi.Output<string>;
    public readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: AuditArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:monitor:AuditArchive", name, {}, opts);
        validateAuditArchiveArgs(args);
        const names = monitorNames(args.site);
        const roles = monitorRoleArns(args.site, args.accountId);
        const trailArn = pulumi.interpolate`arn:aws:cloudtrail:${args.region}:${args.accountId}:trail/${names.trail}`;

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `Clover ${args.site}: audit archive`,
                enableKeyRotation: true,
                multiRegion: false,
                deletionWindowInDays: 30,
                policy: archiveKeyPolicy(args.region, args.accountId, trailArn),
                tags: { ...dataClassTags("protected"), ...controlRoleTags("audit-archive") },
            },
            { parent: this, protect: true },
        );
        new aws.kms.Alias(
            `${name}-key`,
            { name: `alias/clover/${args.site}/audit-archive`, targetKeyId: this.key.keyId },
            { parent: this },
        );

        this.bucket = new DataBucket(
            `${name}-archive`,
            {
                dataClass: "protected",
                controlRole: "audit-archive",
                kmsKeyArn: this.key.arn,
                objectLockDays: args.retentionDays,
                extraStatements: (arn) =>
                    archiveStatements(arn, args.accountId, trailArn, roles.auditor, roles.delivery),
            },
            { parent: this },
        );
        this.keyArn = this.key.arn;
        this.bucketArn = this.bucket.bucketArn;
        this.bucketName = this.bucket.bucketName;
        this.registerOutputs({ bucketName: this.bucketName, keyArn: this.keyArn });
    }
}

/**
 * The archive's key: the account administers it through IAM (the auditor's and the delivery
 * role's grants live there); CloudTrail may use it for this site's trail only; CloudWatch Logs of
 * the region for this account's log groups; log delivery (flow logs, firewall logs) for this
 * account only.
 */
function archiveKeyPolicy(
    region: string,
    accountId: pulumi.Input<string>,
    trailArn: pulumi.Output<string>,
): pulumi.Output<string> {
    const encrypt = ["kms:GenerateDataKey*", "kms:Encrypt", "kms:DescribeKey"];
    return policyDocument([
        {
            Sid: "AccountAdministersThroughIam",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
        {
            Sid: "CloudTrailOfThisSite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: encrypt,
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
            Sid: "CloudWatchLogsInThisRegion",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: [...encrypt, "kms:Decrypt*", "kms:ReEncrypt*"],
            Resource: "*",
            Condition: {
                ArnLike: {
                    "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:*`,
                },
            },
        },
        {
            Sid: "LogDeliveryForThisAccount",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: encrypt,
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
    ]);
}

/** Who may write and read the archive, beyond the TLS rule every bucket has. */
function archiveStatements(
    arn: pulumi.Output<string>,
    accountId: pulumi.Input<string>,
    trailArn: pulumi.Output<string>,
    auditorArn: pulumi.Output<string>,
    deliveryArn: pulumi.Output<string>,
): Statement[] {
    const objects = pulumi.interpolate`${arn}/*`;
    const ownerFullControl = { "s3:x-amz-acl": "bucket-owner-full-control" };
    return [
        {
            Sid: "CloudTrailChecksAcl",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
        },
        {
            Sid: "CloudTrailWrites",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: pulumi.interpolate`${arn}/${ARCHIVE_PREFIXES.trail}/AWSLogs/${accountId}/*`,
            Condition: { StringEquals: { ...ownerFullControl, "aws:SourceArn": trailArn } },
        },
        {
            Sid: "LogDeliveryChecksAcl",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        },
        {
            Sid: "LogDeliveryWrites",
            Effect: "Allow",
            Principal: { Service: "delivery.logs.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: objects,
            Condition: { StringEquals: { ...ownerFullControl, "aws:SourceAccount": accountId } },
        },
        {
            Sid: "DenyReadsExceptAuditorAndDelivery",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:GetObject*", "s3:ListBucket*"],
            Resource: [arn, objects],
            Condition: { ArnNotEquals: { "aws:PrincipalArn": [auditorArn, deliveryArn] } },
        },
        {
            Sid: "DenyWritesExceptDelivery",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject*",
            Resource: objects,
            Condition: {
                ArnNotEqualsIfExists: { "aws:PrincipalArn": [deliveryArn] },
                StringNotEqualsIfExists: {
                    "aws:PrincipalServiceName": [
                        "cloudtrail.amazonaws.com",
                        "delivery.logs.amazonaws.com",
                    ],
                },
            },
        },
        {
            Sid: "DenyDeletes",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteObject*", "s3:BypassGovernanceRetention"],
            Resource: objects,
        },
    ];
}
