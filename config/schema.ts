import { RunError } from "@pulumi/pulumi/errors";
import * as YAML from "yaml";
import { z } from "zod";
import {
    AWS_REGIONS,
    SITE_NAMES,
    type SiteInfo,
    type SiteKind,
    type SiteName,
    SITES,
} from "@clover/vocabulary";
import { cidrsOverlap, isPrivateCidr, parseCidr } from "./cidr";
import {
    ABSOLUTE_PATH,
    DOMAIN_NAME,
    GROUP_NAME,
    isPinnedImage,
    STORAGE_CLASS_NAMES,
    type StorageClassName,
} from "./kubernetes";

/** A config value as the engine hands it to a program: a string, JSON-encoded when structured. */
export interface RawValue {
    readonly value: string;
    readonly secret: boolean;
}

/** The stack's config, keyed by fully-qualified key (`clover:site`, `aws:region`). */
export type RawConfig = Record<string, RawValue>;

/**
 * What the offline plan hands a program for a secret it cannot decrypt (it has no key). Accepted
 * in place of a secret's content during a preview only; never in a deploy.
 */
export const OFFLINE_SECRET = "offline-plan:secret-not-decrypted";

/** The enclave layer's settings, the same on every site. */
export interface EnclaveConfig {
    /** The egress proxy image, pinned by tag or digest. */
    readonly gatewayImage: string;
    /**
     * Destinations the egress gateway lets enclave workloads reach (domains; `.x` = subdomains).
     * On AWS sites the Network Firewall enforces the same list.
     */
    readonly egressAllowList: readonly string[];
    /** The Kubernetes group the independent auditor's identity maps to (read-only role). */
    readonly auditorGroup: string;
}

/** Validated config of an AWS site (`dublin`, `dublin-2`). */
export interface AwsSiteConfig {
    readonly kind: "aws";
    readonly site: SiteName;
    readonly region: string;
    readonly vpcCidr: string;
    readonly availabilityZoneCount: number;
    readonly kubernetesVersion: string;
    readonly kubernetesServiceCidr: string;
    readonly nodeInstanceTypes: readonly string[];
    readonly nodeMinSize: number;
    readonly nodeDesiredSize: number;
    readonly nodeMaxSize: number;
    readonly flowLogRetentionDays: number;
    readonly monitor: AwsMonitorConfig;
    readonly enclave: EnclaveConfig;
}

/** The independent monitor of an AWS site. */
export interface AwsMonitorConfig {
    /** The auditor's AWS account: the only one that may assume the auditor's read-only role. */
    readonly auditorAccountId: string;
    /** Days every object in the audit archive stays locked (S3 object lock, compliance mode). */
    readonly auditRetentionDays: number;
}

/** The independent monitor of an on-premises site. */
export interface OnpremMonitorConfig {
    /** The log shipper's image, pinned by tag or digest. */
    readonly logShipperImage: string;
    /** Where the API server writes its audit log on the control-plane nodes. */
    readonly auditLogPath: string;
}

/** Validated config of an on-premises site (`hamar`). */
export interface OnpremSiteConfig {
    readonly kind: "onprem";
    readonly site: SiteName;
    /** The cluster's API server: the only server the site's provider talks to. */
    readonly apiServerUrl: string;
    /** The cluster admins' kubeconfig (a secret): its credentials and CA are used. */
    readonly kubeconfig: string;
    /** The value of `topology.kubernetes.io/region` on the campus's nodes. */
    readonly topologyRegion: string;
    /** The namespace of the Rook-Ceph cluster. */
    readonly cephNamespace: string;
    /** The storage class that claims without one get. */
    readonly defaultStorageClass: StorageClassName;
    readonly monitor: OnpremMonitorConfig;
    readonly enclave: EnclaveConfig;
}

/** Validated config of the legacy locations (`legacy`), adopted while their data is migrated. */
export interface LegacySiteConfig {
    readonly kind: "legacy";
    readonly site: SiteName;
    /** The buckets to adopt with `import`, by region. */
    readonly buckets: readonly { readonly region: string; readonly name: string }[];
}

export type StackConfig = AwsSiteConfig | OnpremSiteConfig | LegacySiteConfig;

/**
 * Thrown for invalid stack config; its message lists every problem, one per line. A `RunError`, so
 * that the CLI prints the message alone, without a stack trace or an object dump.
 */
export class ConfigError extends RunError {
    constructor(
        /** The stack whose config is invalid (not `stack`, which would shadow `Error.stack`). */
        readonly stackName: string,
        readonly problems: readonly string[],
    ) {
        super(
            `Invalid config for stack "${stackName}" (stacks/Pulumi.${stackName}.yaml):\n` +
                problems.map((p) => `  - ${p}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** CloudWatch Logs accepts only these retention periods. */
const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
] as const;

/** Sites that run a cluster, and so the enclave layer. */
const CLUSTER_SITES: readonly SiteKind[] = ["aws", "onprem"];

interface KeySpec {
    /** What the key accepts, for error messages. */
    readonly allowed: string;
    /** An example of a valid value, used in the fix. */
    readonly example: string;
    /** The kinds of site the key applies to. */
    readonly sites: readonly SiteKind[];
    /** Whether the value is JSON-encoded by the engine (numbers, lists). */
    readonly structured?: boolean;
    readonly required?: boolean;
    /** Whether the value must be stored as a secret. */
    readonly secret?: boolean;
}

/**
 * Every key this project reads, with what it accepts. `Pulumi.yaml` declares only the keys every
 * kind of site requires (a declared key without a default is required on every stack by the
 * CLI); `test/config.test.ts` checks that they agree.
 */
export const CONFIG_KEYS: Readonly<Record<string, KeySpec>> = {
    "clover:site": {
        allowed: `one of ${SITE_NAMES.join(", ")}`,
        example: "dublin",
        sites: ["aws", "onprem", "legacy"],
        required: true,
    },
    "clover:gatewayImage": {
        allowed: "an image reference pinned by an exact tag (not latest) or a sha256 digest",
        example: "registry.example/clover/egress-proxy:6.12@sha256:<64 hex digits>",
        sites: CLUSTER_SITES,
        required: true,
    },
    "clover:egressAllowList": {
        allowed: "a non-empty list of domain names (a leading dot allows subdomains)",
        example: '[".eu-west-1.amazonaws.com"]',
        sites: CLUSTER_SITES,
        structured: true,
        required: true,
    },
    "clover:auditorGroup": {
        allowed: "a Kubernetes group name (letters, digits, '.', ':', '_', '-')",
        example: "clover:auditors",
        sites: CLUSTER_SITES,
    },
    "aws:region": {
        allowed: "the region of the site (dublin: eu-west-1)",
        example: "eu-west-1",
        sites: ["aws"],
        required: true,
    },
    "clover:vpcCidr": {
        allowed: "a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20",
        example: "10.20.0.0/16",
        sites: ["aws"],
        required: true,
    },
    "clover:availabilityZoneCount": {
        allowed: "an integer from 2 to 3",
        example: "3",
        sites: ["aws"],
        structured: true,
    },
    "clover:kubernetesVersion": {
        allowed: 'an EKS minor version such as "1.33"',
        example: "1.33",
        sites: ["aws"],
    },
    "clover:kubernetesServiceCidr": {
        allowed: "a private IPv4 CIDR block from /12 to /24 that does not overlap clover:vpcCidr",
        example: "172.20.0.0/16",
        sites: ["aws"],
    },
    "clover:nodeInstanceTypes": {
        allowed: "a non-empty list of EC2 instance types",
        example: '["m7i.xlarge"]',
        sites: ["aws"],
        structured: true,
    },
    "clover:nodeMinSize": {
        allowed: "an integer from 1 to 100, at most clover:nodeDesiredSize",
        example: "3",
        sites: ["aws"],
        structured: true,
    },
    "clover:nodeDesiredSize": {
        allowed: "an integer from 1 to 100, between clover:nodeMinSize and clover:nodeMaxSize",
        example: "3",
        sites: ["aws"],
        structured: true,
    },
    "clover:nodeMaxSize": {
        allowed: "an integer from 1 to 100, at least clover:nodeDesiredSize",
        example: "6",
        sites: ["aws"],
        structured: true,
    },
    "clover:flowLogRetentionDays": {
        allowed: `one of the CloudWatch Logs retention periods (${LOG_RETENTION_DAYS.join(", ")})`,
        example: "365",
        sites: ["aws"],
        structured: true,
    },
    "clover:auditorAccountId": {
        allowed: "the 12-digit ID of the independent auditor's AWS account",
        example: "210987654321",
        sites: ["aws"],
        required: true,
    },
    "clover:auditRetentionDays": {
        allowed: "an integer from 365 to 3653 (one to ten years)",
        example: "2557",
        sites: ["aws"],
        structured: true,
    },
    "clover:apiServerUrl": {
        allowed:
            "the https:// URL of the cluster's API server, as registered in the residency pack",
        example: "https://api.k8s.hamar.clover.internal:6443",
        sites: ["onprem"],
        required: true,
    },
    "clover:kubeconfig": {
        allowed: "a kubeconfig with a user's credentials, stored as a secret",
        example: "-- < hamar.kubeconfig",
        sites: ["onprem"],
        required: true,
        secret: true,
    },
    "clover:topologyRegion": {
        allowed: "the value of the topology.kubernetes.io/region label on the campus's nodes",
        example: "hamar",
        sites: ["onprem"],
    },
    "clover:cephNamespace": {
        allowed: "the namespace of the Rook-Ceph cluster",
        example: "rook-ceph",
        sites: ["onprem"],
    },
    "clover:legacyBuckets": {
        allowed: "a non-empty list of <region>/<bucket> entries naming the buckets to adopt",
        example: '["us-east-1/clover-users-us"]',
        sites: ["legacy"],
        structured: true,
        required: true,
    },
    "clover:defaultStorageClass": {
        allowed: `one of the site's storage classes (${STORAGE_CLASS_NAMES.join(", ")})`,
        example: "clover-block-protected",
        sites: ["onprem"],
    },
    "clover:logShipperImage": {
        allowed: "an image reference pinned by an exact tag (not latest) or a sha256 digest",
        example: "registry.example/fluent/fluent-bit:4.0.3@sha256:<64 hex digits>",
        sites: ["onprem"],
        required: true,
    },
    "clover:auditLogPath": {
        allowed: "an absolute directory path on the control-plane nodes",
        example: "/var/log/kubernetes/audit",
        sites: ["onprem"],
    },
};

const cidrText = z.string().superRefine((text, ctx) => {
    try {
        parseCidr(text);
    } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
    }
});

const integer = (min: number, max: number) => z.number().int().min(min).max(max);
const K8S_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const enclaveShape = {
    "clover:site": z.enum(SITE_NAMES as [SiteName, ...SiteName[]]),
    "clover:gatewayImage": z
        .string()
        .refine(isPinnedImage, "not an image reference pinned by an exact tag or a digest"),
    "clover:egressAllowList": z
        .array(z.string().regex(DOMAIN_NAME, "not a domain name"))
        .min(1, "the list is empty, so nothing could leave the enclave, not even to AWS APIs"),
    "clover:auditorGroup": z
        .string()
        .regex(GROUP_NAME, "not a Kubernetes group name")
        .refine((g) => !g.startsWith("system:"), "a system: group, which Kubernetes reserves")
        .default("clover:auditors"),
};

const awsSchema = z.object({
    ...enclaveShape,
    "aws:region": z.string(),
    "clover:vpcCidr": cidrText,
    "clover:availabilityZoneCount": integer(2, 3).default(3),
    "clover:kubernetesVersion": z
        .string()
        .regex(/^1\.\d{2}$/, "not an EKS minor version")
        .default("1.33"),
    "clover:kubernetesServiceCidr": cidrText.default("172.20.0.0/16"),
    "clover:nodeInstanceTypes": z
        .array(z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, "not an EC2 instance type"))
        .min(1)
        .default(["m7i.xlarge"]),
    "clover:nodeMinSize": integer(1, 100).default(3),
    "clover:nodeDesiredSize": integer(1, 100).default(3),
    "clover:nodeMaxSize": integer(1, 100).default(6),
    "clover:flowLogRetentionDays": z
        .number()
        .refine(
            (n) => (LOG_RETENTION_DAYS as readonly number[]).includes(n),
            "not a retention period",
        )
        .default(365),
    "clover:auditorAccountId": z.string().regex(/^\d{12}$/, "not a 12-digit AWS account ID"),
    "clover:auditRetentionDays": integer(365, 3653).default(2557),
});

const onpremSchema = z.object({
    ...enclaveShape,
    "clover:apiServerUrl": z
        .string()
        .url("not a URL")
        .refine((u) => u.startsWith("https://"), "not an https:// URL"),
    "clover:kubeconfig": z.string().min(1),
    "clover:topologyRegion": z.string().regex(K8S_NAME, "not a label value").default("hamar"),
    "clover:cephNamespace": z.string().regex(K8S_NAME, "not a namespace name").default("rook-ceph"),
    "clover:defaultStorageClass": z
        .enum(STORAGE_CLASS_NAMES as unknown as [StorageClassName, ...StorageClassName[]], {
            errorMap: () => ({ message: "not a storage class of the site" }),
        })
        .default("clover-block-protected"),
    "clover:logShipperImage": z
        .string()
        .refine(isPinnedImage, "not an image reference pinned by an exact tag or a digest"),
    "clover:auditLogPath": z
        .string()
        .regex(ABSOLUTE_PATH, "not an absolute directory path")
        .default("/var/log/kubernetes/audit"),
});

const legacySchema = z.object({
    "clover:site": z.enum(SITE_NAMES as [SiteName, ...SiteName[]]),
    "clover:legacyBuckets": z
        .array(
            z.string().refine((entry) => {
                const [region, name, extra] = entry.split("/");
                return (
                    extra === undefined &&
                    AWS_REGIONS[region] !== undefined &&
                    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name ?? "")
                );
            }, "not <region>/<bucket> with a known AWS region and a valid bucket name"),
        )
        .min(1),
});

type ParsedAws = z.infer<typeof awsSchema>;
type ParsedOnprem = z.infer<typeof onpremSchema>;

export interface ValidateOptions {
    /** True during a preview: the offline plan's stand-in for a secret is accepted then. */
    readonly preview?: boolean;
}

/**
 * Validates a stack's raw config and returns it typed, with defaults applied. Pure: reads nothing.
 *
 * @param raw every config value of the stack, keyed by fully-qualified key.
 * @param stack the stack name, for error messages.
 * @throws ConfigError listing every problem: the key, the value received, what is allowed, the fix.
 */
export function validateStackConfig(
    raw: RawConfig,
    stack: string,
    options: ValidateOptions = {},
): StackConfig {
    const problems: string[] = [];
    const values: Record<string, unknown> = {};
    for (const [key, { value }] of Object.entries(raw)) {
        if (!key.startsWith("clover:")) {
            values[key] = value;
            continue;
        }
        const spec = CONFIG_KEYS[key];
        if (!spec) {
            problems.push(unknownKey(key));
            continue;
        }
        values[key] = spec.structured ? decodeStructured(value) : value;
    }
    const siteName = values["clover:site"];
    if (siteName === undefined) {
        problems.push(missing("clover:site"));
        throw new ConfigError(stack, problems);
    }
    if (typeof siteName !== "string" || !(SITE_NAMES as string[]).includes(siteName)) {
        problems.push(describe("clover:site", siteName, "not a site of the enclave"));
        throw new ConfigError(stack, problems);
    }
    const kind = SITES[siteName as SiteName].kind;
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
        const applies = spec.sites.includes(kind);
        if (!applies && raw[key] !== undefined) {
            problems.push(
                `${key} applies only to ${spec.sites.map((k) => KIND_NAMES[k]).join(" and ")} sites, and ${siteName} is ${article(KIND_NAMES[kind])} site. Fix: pulumi config rm ${key}`,
            );
        } else if (applies && spec.required && values[key] === undefined) {
            problems.push(missing(key));
        } else if (applies && spec.secret && raw[key] !== undefined && !raw[key].secret) {
            problems.push(
                `${key} is stored in plain text; it must be a secret. Fix: pulumi config set --secret ${key} ${spec.example}`,
            );
        }
    }
    if (problems.length > 0) throw new ConfigError(stack, problems);

    if (kind === "aws") {
        const parsed = parse(awsSchema, values, stack);
        problems.push(...crossCheckAws(parsed));
        if (problems.length > 0) throw new ConfigError(stack, problems);
        return toAwsSiteConfig(parsed);
    }
    if (kind === "legacy") {
        const parsed = parse(legacySchema, values, stack);
        return {
            kind: "legacy",
            site: parsed["clover:site"],
            buckets: parsed["clover:legacyBuckets"].map((entry) => {
                const [region, name] = entry.split("/");
                return { region, name };
            }),
        };
    }
    const parsed = parse(onpremSchema, values, stack);
    problems.push(...crossCheckOnprem(parsed, options));
    if (problems.length > 0) throw new ConfigError(stack, problems);
    return toOnpremSiteConfig(parsed);
}

const KIND_NAMES: Record<SiteKind, string> = {
    aws: "AWS",
    onprem: "on-premises",
    legacy: "legacy",
};

function article(word: string): string {
    return /^[aeiouAEIOU]/.test(word) ? `an ${word}` : `a ${word}`;
}

function parse<T extends z.ZodTypeAny>(
    schema: T,
    values: Record<string, unknown>,
    stack: string,
): z.infer<T> {
    const result = schema.safeParse(values);
    if (result.success) return result.data as z.infer<T>;
    throw new ConfigError(
        stack,
        result.error.issues.map((issue) => {
            const key = String(issue.path[0]);
            const at = issue.path.length > 1 ? `${key}[${issue.path.slice(1).join("][")}]` : key;
            const value =
                issue.path.length > 1
                    ? (values[key] as unknown[] | undefined)?.[Number(issue.path[1])]
                    : values[key];
            return describe(key, value, issue.message, at);
        }),
    );
}

function crossCheckAws(c: ParsedAws): string[] {
    const problems: string[] = [];
    const site: SiteInfo = SITES[c["clover:site"]];
    if (c["aws:region"] !== site.region) {
        problems.push(
            `aws:region = "${c["aws:region"]}" is not the region of site ${c["clover:site"]}; ` +
                `it must be ${site.region}. Fix: pulumi config set aws:region ${site.region}`,
        );
    }
    const vpc = parseCidr(c["clover:vpcCidr"]);
    if (!isPrivateCidr(vpc) || vpc.prefixLength < 16 || vpc.prefixLength > 20) {
        problems.push(
            describe("clover:vpcCidr", c["clover:vpcCidr"], "not a private block from /16 to /20"),
        );
    }
    const service = parseCidr(c["clover:kubernetesServiceCidr"]);
    if (!isPrivateCidr(service) || service.prefixLength < 12 || service.prefixLength > 24) {
        problems.push(
            describe(
                "clover:kubernetesServiceCidr",
                c["clover:kubernetesServiceCidr"],
                "not a private block from /12 to /24",
            ),
        );
    } else if (cidrsOverlap(vpc, service)) {
        problems.push(
            describe(
                "clover:kubernetesServiceCidr",
                c["clover:kubernetesServiceCidr"],
                `overlaps clover:vpcCidr (${vpc.text})`,
            ),
        );
    }
    const [min, desired, max] = [
        c["clover:nodeMinSize"],
        c["clover:nodeDesiredSize"],
        c["clover:nodeMaxSize"],
    ];
    if (!(min <= desired && desired <= max)) {
        problems.push(
            `clover:nodeMinSize = ${min}, clover:nodeDesiredSize = ${desired}, clover:nodeMaxSize = ${max}: ` +
                `they must satisfy min <= desired <= max. Fix: adjust them, e.g. 3, 3 and 6.`,
        );
    }
    return problems;
}

function crossCheckOnprem(c: ParsedOnprem, options: ValidateOptions): string[] {
    const text = c["clover:kubeconfig"];
    if (text === OFFLINE_SECRET) {
        return options.preview
            ? []
            : [
                  `clover:kubeconfig holds the offline plan's stand-in, not a kubeconfig; a deploy needs the real one. Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig`,
              ];
    }
    const problem = kubeconfigProblem(text, c["clover:apiServerUrl"]);
    return problem
        ? [
              `clover:kubeconfig (secret, not shown) ${problem}. Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig`,
          ]
        : [];
}

/** What is wrong with a kubeconfig for the site, or undefined. Its content is never echoed. */
function kubeconfigProblem(text: string, apiServerUrl: string): string | undefined {
    let doc: unknown;
    try {
        doc = YAML.parse(text);
    } catch {
        return "is not YAML or JSON";
    }
    const config = doc as {
        users?: { user?: Record<string, unknown> }[];
        clusters?: { cluster?: { server?: string } }[];
    } | null;
    if (!config || !Array.isArray(config.users) || config.users.length === 0) return "has no users";
    const user = config.users[0].user ?? {};
    if (
        !["token", "client-certificate-data", "exec", "auth-provider", "tokenFile"].some(
            (k) => k in user,
        )
    ) {
        return "has a user with no credentials (token, client certificate or exec)";
    }
    const servers = (config.clusters ?? [])
        .map((c) => c.cluster?.server)
        .filter((s): s is string => typeof s === "string");
    const foreign = servers.find((s) => s.replace(/\/+$/, "") !== apiServerUrl.replace(/\/+$/, ""));
    if (foreign !== undefined)
        return `points at ${foreign}, not at clover:apiServerUrl (${apiServerUrl})`;
    return undefined;
}

function toAwsSiteConfig(c: ParsedAws): AwsSiteConfig {
    return {
        kind: "aws",
        site: c["clover:site"],
        region: c["aws:region"],
        vpcCidr: parseCidr(c["clover:vpcCidr"]).text,
        availabilityZoneCount: c["clover:availabilityZoneCount"],
        kubernetesVersion: c["clover:kubernetesVersion"],
        kubernetesServiceCidr: parseCidr(c["clover:kubernetesServiceCidr"]).text,
        nodeInstanceTypes: c["clover:nodeInstanceTypes"],
        nodeMinSize: c["clover:nodeMinSize"],
        nodeDesiredSize: c["clover:nodeDesiredSize"],
        nodeMaxSize: c["clover:nodeMaxSize"],
        flowLogRetentionDays: c["clover:flowLogRetentionDays"],
        monitor: {
            auditorAccountId: c["clover:auditorAccountId"],
            auditRetentionDays: c["clover:auditRetentionDays"],
        },
        enclave: enclaveConfig(c),
    };
}

function toOnpremSiteConfig(c: ParsedOnprem): OnpremSiteConfig {
    return {
        kind: "onprem",
        site: c["clover:site"],
        apiServerUrl: c["clover:apiServerUrl"].replace(/\/+$/, ""),
        kubeconfig: c["clover:kubeconfig"],
        topologyRegion: c["clover:topologyRegion"],
        cephNamespace: c["clover:cephNamespace"],
        defaultStorageClass: c["clover:defaultStorageClass"],
        monitor: {
            logShipperImage: c["clover:logShipperImage"],
            auditLogPath: c["clover:auditLogPath"],
        },
        enclave: enclaveConfig(c),
    };
}

function enclaveConfig(c: ParsedAws | ParsedOnprem): EnclaveConfig {
    return {
        gatewayImage: c["clover:gatewayImage"],
        egressAllowList: c["clover:egressAllowList"],
        auditorGroup: c["clover:auditorGroup"],
    };
}

/** The engine JSON-encodes structured values; a plain string that is not JSON stays a string. */
function decodeStructured(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function missing(key: string): string {
    const spec = CONFIG_KEYS[key];
    return `${key} is missing; it must be ${spec.allowed}. ${fix(key, spec)}`;
}

function describe(key: string, value: unknown, found: string, at = key): string {
    const spec = CONFIG_KEYS[key];
    const shown = spec.secret ? "(secret, not shown)" : JSON.stringify(value);
    return `${at} = ${shown}: ${found}; it must be ${spec.allowed}. ${fix(key, spec)}`;
}

function fix(key: string, spec: KeySpec): string {
    if (spec.example.startsWith("[")) {
        const first = (JSON.parse(spec.example) as string[])[0];
        return `Fix: pulumi config set --path '${key}[0]' ${first}`;
    }
    return `Fix: pulumi config set${spec.secret ? " --secret" : ""} ${key} ${spec.example}`;
}

function unknownKey(key: string): string {
    const known = Object.keys(CONFIG_KEYS).filter((k) => k.startsWith("clover:"));
    const near = known.find((k) => editDistance(k, key) <= 3);
    return (
        `${key} is not a config key of this project` +
        (near ? `; did you mean ${near}?` : `; the keys are ${known.join(", ")}.`) +
        ` Fix: rename or remove it (pulumi config rm ${key}).`
    );
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const current = row[j];
            row[j] = Math.min(
                row[j] + 1,
                row[j - 1] + 1,
                previous + (a[i - 1] === b[j - 1] ? 0 : 1),
            );
            previous = current;
        }
    }
    return row[b.length];
}
