import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASSES, type DataClass } from "@clover/vocabulary";
import { KMS_DATA_ACTIONS, policyDocument, type Statement } from "../iam";
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
    /**
     * Keys that only certain roles may use on data, and only through certain AWS services.
     * @default - every key is usable by the account's IAM principals and by CloudWatch Logs
     */
    readonly restrictedUse?: Partial<Record<DataClass, KeyUse>>;
}

/** Who may use a key on data, and through which services. */
export interface KeyUse {
    /** The only roles whose requests may encrypt, decrypt or generate data keys. */
    readonly principalArns: pulumi.Input<string>[];
    /**
     * The services those roles must go through, as `kms:ViaService` values
     * (`s3.eu-west-1.amazonaws.com`); roles listed in `servicePrincipalArns` are exempt.
     */
    readonly viaServices: string[];
    /** Roles that AWS services assume to use the key themselves (the EKS cluster role). */
    readonly servicePrincipalArns?: pulumi.Input<string>[];
}

export function validateSiteKeysArgs(args: SiteKeysArgs): void {
    const classes = args.dataClasses ?? DATA_CLASSES;
    if (classes.length === 0 || new Set(classes).size !== classes.length) {
        throw new Error(
            `SiteKeys: dataClasses ${JSON.stringify(classes)} must list distinct data classes (${DATA_CLASSES.join(", ")}); omit it for all of them.`,
        );
    }
    for (const [dataClass, use] of Object.entries(args.restrictedUse ?? {})) {
        if (!classes.includes(dataClass as DataClass)) {
            throw new Error(
                `SiteKeys: restrictedUse names ${dataClass}, which gets no key here (dataClasses ${JSON.stringify(classes)}); remove it or add the class.`,
            );
        }
        if (use.principalArns.length === 0 || use.viaServices.length === 0) {
            throw new Error(
                `SiteKeys: restrictedUse.${dataClass} needs at least one principal and one service, or nobody could use the key.`,
            );
        }
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
                    policy: keyPolicy(args.region, args.accountId, args.restrictedUse?.[dataClass]),
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
 * The account administers the key through IAM. A restricted key denies use on data to every
 * principal but the listed roles, and to those roles except through the listed services. Any other
 * key lets CloudWatch Logs in its own region use it for this account's log groups, and no other
 * region's Logs service.
 */
function keyPolicy(
    region: string,
    accountId: pulumi.Input<string>,
    use: KeyUse | undefined,
): pulumi.Output<string> {
    const administer: Statement = {
        Sid: "AccountAdministersThroughIam",
        Effect: "Allow",
        Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
        Action: "kms:*",
        Resource: "*",
    };
    if (use) {
        const services = use.servicePrincipalArns ?? [];
        return policyDocument([
            administer,
            {
                Sid: "DenyDataUseToOtherPrincipals",
                Effect: "Deny",
                Principal: "*",
                Action: [...KMS_DATA_ACTIONS],
                Resource: "*",
                Condition: {
                    ArnNotEquals: { "aws:PrincipalArn": [...use.principalArns, ...services] },
                },
            },
            {
                Sid: "DenyDataUseOutsideServices",
                Effect: "Deny",
                Principal: "*",
                Action: [...KMS_DATA_ACTIONS],
                Resource: "*",
                Condition: {
                    ArnEquals: { "aws:PrincipalArn": use.principalArns },
                    StringNotEquals: { "kms:ViaService": use.viaServices },
                },
            },
        ]);
    }
    return policyDocument([
        administer,
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
