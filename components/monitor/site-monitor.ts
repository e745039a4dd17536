import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { policyObject, ROLE_PATH, serviceTrustPolicy } from "../iam";
import { controlRoleTags, dataClassTags } from "../tags";
import { ARCHIVE_PREFIXES, type AuditArchive } from "./archive";
import { monitorNames } from "./names";

/** The AWS-managed policy that lets the auditor describe (never change) the account's resources. */
export const AUDITOR_DESCRIBE_POLICY = "arn:aws:iam::aws:policy/SecurityAudit";

export interface SiteMonitorArgs {
    /** The site's name; the trail and roles are named after it. */
    readonly site: string;
    /** The site's region: the trail and the log stream are there, and only there. */
    readonly region: string;
    /** The archive everything is delivered to. */
    readonly archive: AuditArchive;
    /** The protected buckets whose object-level access CloudTrail records. */
    readonly protectedBucketArns: pulumi.Input<string>[];
    /** The EKS cluster: its control-plane log group is shipped to the archive. */
    readonly clusterName: pulumi.Input<string>;
    readonly controlPlaneLogGroupName: pulumi.Input<string>;
    /** The auditor's account: the only one that may assume the auditor's role. */
    readonly auditorAccountId: string;
    /** The Kubernetes group the auditor's role maps to on the cluster (bound read-only). */
    readonly auditorGroup: string;
}

export function validateSiteMonitorArgs(args: SiteMonitorArgs): void {
    if (!/^\d{12}$/.test(args.auditorAccountId)) {
        throw new Error(
            `SiteMonitor: auditorAccountId "${args.auditorAccountId}" is not a 12-digit AWS account ID; pass the independent auditor's account.`,
        );
    }
    if (args.protectedBucketArns.length === 0) {
        throw new Error(
            `SiteMonitor: protectedBucketArns is empty; pass every protected bucket of the site so that CloudTrail records access to its objects.`,
        );
    }
}

/**
 * The independent monitor of an AWS site, around its {@link AuditArchive}:
 *
 * - a CloudTrail trail of the site's region (management events, and data events on every object of
 *   the protected buckets), encrypted with the archive's key, with log-file validation;
 * - the EKS control-plane logs (audit included) streamed from CloudWatch Logs through Firehose
 *   into the archive;
 * - the auditor's role: assumable only from the auditor's account with an external ID (random,
 *   stable, exported as a secret), allowed to describe the account (SecurityAudit) and read the
 *   archive, and nothing else; on the cluster it maps to a read-only group.
 *
 * VPC flow logs and Network Firewall logs are delivered by the network and the firewall.
 */
export class SiteMonitor extends pulumi.ComponentResource {
    public readonly trail: aws.cloudtrail.Trail;
    public readonly auditorRole: aws.iam.Role;
    /** The external ID the auditor must present. Secret. */
    public readonly auditorExternalId: pulumi.Output<string>;

    constructor(name: string, args: SiteMonitorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:monitor:SiteMonitor", name, {}, opts);
        validateSiteMonitorArgs(args);
        const names = monitorNames(args.site);
        const archive = args.archive;
        const child = { parent: this };

        this.trail = new aws.cloudtrail.Trail(
            `${name}-trail`,
            {
                name: names.trail,
                s3BucketName: archive.bucketName,
                s3KeyPrefix: ARCHIVE_PREFIXES.trail,
                kmsKeyId: archive.keyArn,
                isMultiRegionTrail: false,
                includeGlobalServiceEvents: true,
                enableLogFileValidation: true,
                advancedEventSelectors: [
                    {
                        name: "Management events",
                        fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
                    },
                    {
                        name: "Object access in protected buckets",
                        fieldSelectors: [
                            { field: "eventCategory", equals: ["Data"] },
                            { field: "resources.type", equals: ["AWS::S3::Object"] },
                            {
                                field: "resources.ARN",
                                startsWiths: args.protectedBucketArns.map(
                                    (arn) => pulumi.interpolate`${arn}/`,
                                ),
                            },
                        ],
                    },
                ],
                tags: dataClassTags("protected"),
            },
            { parent: this, dependsOn: [archive.bucket] },
        );

        // Control-plane logs: CloudWatch Logs -> Firehose -> the archive.
        const deliveryRole = new aws.iam.Role(
            `${name}-delivery`,
            {
                name: names.deliveryRole,
                path: ROLE_PATH,
                assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com"),
            },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-delivery`,
            {
                role: deliveryRole.id,
                policy: policyObject([
                    {
                        Effect: "Allow",
                        Action: [
                            "s3:AbortMultipartUpload",
                            "s3:GetBucketLocation",
                            "s3:GetObject",
                            "s3:ListBucket",
                            "s3:ListBucketMultipartUploads",
                            "s3:PutObject",
                        ],
                        Resource: [archive.bucketArn, pulumi.interpolate`${archive.bucketArn}/*`],
                    },
                    {
                        Effect: "Allow",
                        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                        Resource: archive.keyArn,
                        Condition: {
                            StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com` },
                        },
                    },
                ]),
            },
            child,
        );
        const stream = new aws.kinesis.FirehoseDeliveryStream(
            `${name}-control-plane`,
            {
                name: names.deliveryStream,
                destination: "extended_s3",
                serverSideEncryption: {
                    enabled: true,
                    keyType: "CUSTOMER_MANAGED_CMK",
                    keyArn: archive.keyArn,
                },
                extendedS3Configuration: {
                    roleArn: deliveryRole.arn,
                    bucketArn: archive.bucketArn,
                    prefix: `${ARCHIVE_PREFIXES.controlPlane}/`,
                    errorOutputPrefix: `${ARCHIVE_PREFIXES.controlPlane}-errors/`,
                    kmsKeyArn: archive.keyArn,
                    compressionFormat: "GZIP",
                    bufferingInterval: 300,
                },
                tags: dataClassTags("protected"),
            },
            child,
        );
        const subscriptionRole = new aws.iam.Role(
            `${name}-subscription`,
            { assumeRolePolicy: serviceTrustPolicy(`logs.${args.region}.amazonaws.com`) },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-subscription`,
            {
                role: subscriptionRole.id,
                policy: policyObject([
                    {
                        Effect: "Allow",
                        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
                        Resource: stream.arn,
                    },
                ]),
            },
            child,
        );
        new aws.cloudwatch.LogSubscriptionFilter(
            `${name}-control-plane`,
            {
                logGroup: args.controlPlaneLogGroupName,
                filterPattern: "",
                destinationArn: stream.arn,
                roleArn: subscriptionRole.arn,
            },
            child,
        );

        // The auditor.
        const externalId = new random.RandomPassword(
            `${name}-auditor-external-id`,
            { length: 40, special: false },
            child,
        );
        this.auditorExternalId = pulumi.secret(externalId.result);
        this.auditorRole = new aws.iam.Role(
            `${name}-auditor`,
            {
                name: names.auditorRole,
                path: ROLE_PATH,
                description: `Clover ${args.site}: the independent auditor (read-only)`,
                maxSessionDuration: 3600,
                assumeRolePolicy: policyObject([
                    {
                        Effect: "Allow",
                        Principal: { AWS: `arn:aws:iam::${args.auditorAccountId}:root` },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "sts:ExternalId": externalId.result } },
                    },
                ]),
                tags: controlRoleTags("auditor"),
            },
            child,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-auditor-describe`,
            { role: this.auditorRole.name, policyArn: AUDITOR_DESCRIBE_POLICY },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-auditor-archive`,
            {
                role: this.auditorRole.id,
                policy: policyObject([
                    {
                        Sid: "ReadTheArchive",
                        Effect: "Allow",
                        Action: [
                            "s3:GetObject",
                            "s3:GetObjectVersion",
                            "s3:ListBucket",
                            "s3:ListBucketVersions",
                        ],
                        Resource: [archive.bucketArn, pulumi.interpolate`${archive.bucketArn}/*`],
                    },
                    {
                        Sid: "DecryptTheArchiveThroughS3",
                        Effect: "Allow",
                        Action: "kms:Decrypt",
                        Resource: archive.keyArn,
                        Condition: {
                            StringEquals: { "kms:ViaService": `s3.${args.region}.amazonaws.com` },
                        },
                    },
                ]),
            },
            child,
        );
        new aws.eks.AccessEntry(
            `${name}-auditor`,
            {
                clusterName: args.clusterName,
                principalArn: this.auditorRole.arn,
                kubernetesGroups: [args.auditorGroup],
                type: "STANDARD",
            },
            child,
        );
        this.registerOutputs({
            trailName: this.trail.name,
            auditorRoleArn: this.auditorRole.arn,
            auditorExternalId: this.auditorExternalId,
        });
    }
}
