import { z } from "zod";
import { SITES, SITE_NAMES, type SiteName } from "../vocabulary";
import { cidrsOverlap, isPrivateCidr, parseCidr } from "./cidr";

/** A config value as the engine hands it to a program: a string, JSON-encoded when structured. */
export interface RawValue {
    readonly value: string;
    readonly secret: boolean;
}

/** The stack's config, keyed by fully-qualified key (`clover:site`, `aws:region`). */
export type RawConfig = Record<string, RawValue>;

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
}

export type StackConfig = AwsSiteConfig;

/** Thrown for invalid stack config; its message lists every problem, one per line. */
export class ConfigError extends Error {
    constructor(
        readonly stack: string,
        readonly problems: readonly string[],
    ) {
        super(
            `Invalid config for stack "${stack}" (stacks/Pulumi.${stack}.yaml):\n` +
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

interface KeySpec {
    /** What the key accepts, for error messages. */
    readonly allowed: string;
    /** An example of a valid value, used in the fix. */
    readonly example: string;
    /** Whether the value is JSON-encoded by the engine (numbers, lists). */
    readonly structured?: boolean;
    readonly required?: boolean;
}

/**
 * Every key this project reads, with what it accepts. The README's configuration table and
 * `Pulumi.yaml` declare the same keys; `test/config.test.ts` checks that they agree.
 */
export const CONFIG_KEYS: Readonly<Record<string, KeySpec>> = {
    "clover:site": {
        allowed: `one of ${SITE_NAMES.join(", ")}`,
        example: "dublin",
        required: true,
    },
    "aws:region": {
        allowed: "the region of the site (dublin: eu-west-1)",
        example: "eu-west-1",
        required: true,
    },
    "clover:vpcCidr": {
        allowed: "a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20",
        example: "10.20.0.0/16",
        required: true,
    },
    "clover:availabilityZoneCount": {
        allowed: "an integer from 2 to 3",
        example: "3",
        structured: true,
    },
    "clover:kubernetesVersion": { allowed: 'an EKS minor version such as "1.33"', example: "1.33" },
    "clover:kubernetesServiceCidr": {
        allowed: "a private IPv4 CIDR block from /12 to /24 that does not overlap clover:vpcCidr",
        example: "172.20.0.0/16",
    },
    "clover:nodeInstanceTypes": {
        allowed: "a non-empty list of EC2 instance types",
        example: '["m7i.xlarge"]',
        structured: true,
    },
    "clover:nodeMinSize": {
        allowed: "an integer from 1 to 100, at most clover:nodeDesiredSize",
        example: "3",
        structured: true,
    },
    "clover:nodeDesiredSize": {
        allowed: "an integer from 1 to 100, between clover:nodeMinSize and clover:nodeMaxSize",
        example: "3",
        structured: true,
    },
    "clover:nodeMaxSize": {
        allowed: "an integer from 1 to 100, at least clover:nodeDesiredSize",
        example: "6",
        structured: true,
    },
    "clover:flowLogRetentionDays": {
        allowed: `one of the CloudWatch Logs retention periods (${LOG_RETENTION_DAYS.join(", ")})`,
        example: "365",
        structured: true,
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

const awsSchema = z.object({
    "clover:site": z.enum(SITE_NAMES as [SiteName, ...SiteName[]]),
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
});

type ParsedAws = z.infer<typeof awsSchema>;

/**
 * Validates a stack's raw config and returns it typed, with defaults applied. Pure: reads nothing.
 *
 * @param raw every config value of the stack, keyed by fully-qualified key.
 * @param stack the stack name, for error messages.
 * @throws ConfigError listing every problem: the key, the value received, what is allowed, the fix.
 */
export function validateStackConfig(raw: RawConfig, stack: string): StackConfig {
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
    for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
        if (spec.required && values[key] === undefined) {
            problems.push(`${key} is missing; it must be ${spec.allowed}. ${fix(key, spec)}`);
        }
    }
    if (problems.length > 0) throw new ConfigError(stack, problems);

    const result = awsSchema.safeParse(values);
    if (!result.success) {
        for (const issue of result.error.issues) {
            const key = String(issue.path[0]);
            problems.push(describe(key, values[key], issue.message));
        }
        throw new ConfigError(stack, problems);
    }
    problems.push(...crossCheck(result.data));
    if (problems.length > 0) throw new ConfigError(stack, problems);
    return toAwsSiteConfig(result.data);
}

function crossCheck(c: ParsedAws): string[] {
    const problems: string[] = [];
    const site = SITES[c["clover:site"]];
    if (site.kind !== "aws") {
        problems.push(
            `clover:site = "${c["clover:site"]}" is an on-premises site, which this program does not provision yet; ` +
                `it must be an AWS site (${SITE_NAMES.filter((s) => SITES[s].kind === "aws").join(", ")}). ` +
                `Fix: deploy ${c["clover:site"]} from its own stack once the on-premises site is supported.`,
        );
        return problems;
    }
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

function describe(key: string, value: unknown, found: string): string {
    const spec = CONFIG_KEYS[key];
    return `${key} = ${JSON.stringify(value)}: ${found}; it must be ${spec.allowed}. ${fix(key, spec)}`;
}

function fix(key: string, spec: KeySpec): string {
    if (spec.example.startsWith("[")) {
        const first = (JSON.parse(spec.example) as string[])[0];
        return `Fix: pulumi config set --path '${key}[0]' ${first}`;
    }
    return `Fix: pulumi config set ${key} ${spec.example}`;
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
