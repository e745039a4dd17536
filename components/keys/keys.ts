import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASSES, type DataClass } from "../../vocabulary";
import { policyDocument } from "../iam";
import { dataClassTags } from "../tags";

export interface SiteKeysArgs {
    /** The site's name, used in key descriptions and aliases. */
    readonly site: string;
    /** The region the keys live in; the CloudWatch Logs grant is scoped to it. */
    readonly region: string;
    /** The AWS account that owns the keys; its root principal administers them through IAM. */
    readonly accountId: pulumi.Input<string>;
    /**
     * The data classes that get a key.
     * @default all data classes (protected, internal, public)
     */
    readonly dataClasses?: readonly DataClass[];
    /**
     * Days a deleted key waits before it is destroyed (7 to 30).
     * @default 30
     */
    readonly deletionWindowInDays?: number;
}

export function validateSiteKeysArgs(args: SiteKeysArgs): void {
    const classes = args.dataClasses ?? DATA_CLASSES;
    if (classes.length === 0 || new Set(classes).size !== classes.length) {
        throw new Error(
            `SiteKeys: dataClasses ${JSON.stringify(classes)} must list distinct data classes (${DATA_CLASSES.join(", ")}); omit it for all of them.`,
        );
    }
    const window = args.deletionWindowInDays;
    if (window !== undefined && (!Number.isInteger(window) || window < 7 || window > 30)) {
        throw new Error(
            `SiteKeys: deletionWindowInDays ${window} must be a whole number of days from 7 to 30; omit it for 30.`,
        );
    }
}

/**
 * Customer-managed KMS keys, one per data class, in the site's region: single-region (never
 * multi-region, so key material cannot be replicated out), rotated yearly.
 *
 * Each key has the alias `alias/clover/<site>/<data-class>`, a contract that operators and the
 * gateway's roles use to find the key.
 */
export class SiteKeys extends pulumi.ComponentResource {
    /** The keys by data class. */
    public readonly keys: Partial<Record<DataClass, aws.kms.Key>>;
    public readonly keyArns: Partial<Record<DataClass, pulumi.Output<string>>>;

    constructor(name: string, args: SiteKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:keys:SiteKeys", name, {}, opts);
        validateSiteKeysArgs(args);
        const classes = args.dataClasses ?? DATA_CLASSES;
        const deletionWindowInDays = args.deletionWindowInDays ?? 30;

        this.keys = {};
        this.keyArns = {};
        for (const dataClass of classes) {
            const key = new aws.kms.Key(
                `${name}-${dataClass}`,
                {
                    description: `Clover ${args.site}: ${dataClass} data`,
                    enableKeyRotation: true,
                    multiRegion: false,
                    deletionWindowInDays,
                    policy: keyPolicy(args.region, args.accountId),
                    tags: dataClassTags(dataClass),
                },
                { parent: this },
            );
            new aws.kms.Alias(
                `${name}-${dataClass}`,
                { name: `alias/clover/${args.site}/${dataClass}`, targetKeyId: key.keyId },
                { parent: this },
            );
            this.keys[dataClass] = key;
            this.keyArns[dataClass] = key.arn;
        }
        this.registerOutputs({ keyArns: this.keyArns });
    }
}

/**
 * The account administers the key through IAM; CloudWatch Logs in the key's own region may use it
 * for log groups of this account (the flow logs), and no other region's Logs service can.
 */
function keyPolicy(region: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return policyDocument([
        {
            Sid: "AccountAdministersThroughIam",
            Effect: "Allow",
            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
            Action: "kms:*",
            Resource: "*",
        },
        {
            Sid: "CloudWatchLogsInThisRegion",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: [
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ],
            Resource: "*",
            Condition: {
                ArnLike: {
                    "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:*`,
                },
            },
        },
    ]);
}
