/**
 * Policy pack configuration, as the Pulumi CLI reads `--policy-pack-config FILE.json` and the
 * engine reconciles it with the pack's own metadata before `Configure`:
 *
 * - the file is a JSON object keyed by policy name (or `all`); a value is an enforcement level or
 *   an object of properties with an optional `enforcementLevel` (the CLI's parsePolicyPackConfig);
 * - the engine starts from each policy's level and its `configSchema` defaults, applies the pack's
 *   `initialConfig`, then the file (`all` first), and validates each policy's properties against
 *   its schema (ReconcilePolicyPackConfig, sdk/go/common/resource/plugin in pulumi/pulumi).
 *
 * On top of the engine's rules, {@link checkPackConfig} rejects what the engine lets through but a
 * mandatory pack must not: a policy name the pack does not have (a misspelt key would silently
 * drop a waiver or a setting), and an enforcement level below the one the pack declares (a config
 * file must not switch a mandatory control off).
 */
import * as fs from "fs";
import * as path from "path";
import Ajv from "ajv";
import type { EnforcementLevel, PackInfo, PolicyConfig } from "./analyzer/client";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PackConfig = Readonly<Record<string, PolicyConfig>>;
export type ReconciledConfig = Readonly<Record<string, Required<PolicyConfig>>>;

/** A policy config file or its reconciliation failed; the message is the whole explanation. */
export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

/** Reads a `--policy-pack-config` file as the CLI does (empty content is no config). */
export function readPackConfig(file: string): PackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new PolicyConfigError(
            `policy pack config ${file}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message}`,
        );
    }
    return parsePackConfig(text, file);
}

export function parsePackConfig(text: string, file: string): PackConfig {
    if (text.trim() === "") return {};
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (err) {
        throw new PolicyConfigError(
            `policy pack config ${file}: not JSON: ${(err as Error).message}`,
        );
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw))
        throw new PolicyConfigError(
            `policy pack config ${file}: must be a JSON object keyed by policy name`,
        );
    const result: Record<string, PolicyConfig> = {};
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof value === "string") {
            result[key] = { enforcementLevel: level(value, key, file), properties: {} };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            if (enforcementLevel !== undefined && typeof enforcementLevel !== "string")
                throw new PolicyConfigError(
                    `policy pack config ${file}: parsing enforcement level for "${key}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level; must be a string`,
                );
            result[key] = {
                enforcementLevel:
                    enforcementLevel === undefined ? undefined : level(enforcementLevel, key, file),
                properties,
            };
        } else {
            throw new PolicyConfigError(
                `policy pack config ${file}: parsing "${key}": ${JSON.stringify(value)} is not a valid value; must be a string or object`,
            );
        }
    }
    return result;
}

function level(value: string, key: string, file: string): EnforcementLevel {
    if (!(LEVELS as readonly string[]).includes(value))
        throw new PolicyConfigError(
            `policy pack config ${file}: parsing enforcement level for "${key}": "${value}" is not a valid enforcement level (one of ${LEVELS.join(", ")})`,
        );
    return value as EnforcementLevel;
}

/**
 * The stricter checks: every key names a policy of the pack (or is `all`), and no level is set
 * below what the pack declares for a mandatory policy.
 */
export function checkPackConfig(info: PackInfo, config: PackConfig, file: string): void {
    const names = new Set(info.policies.map((p) => p.name));
    const problems: string[] = [];
    for (const [key, c] of Object.entries(config)) {
        if (key !== "all" && !names.has(key)) {
            problems.push(
                `"${key}" is not a policy of ${info.name} (its policies: ${[...names].sort().join(", ")})`,
            );
            continue;
        }
        const affected =
            key === "all" ? info.policies : info.policies.filter((p) => p.name === key);
        for (const p of affected) {
            if (
                p.enforcementLevel === "mandatory" &&
                c.enforcementLevel &&
                c.enforcementLevel !== "mandatory"
            )
                problems.push(
                    `${key === "all" ? `"all"` : `"${key}"`} sets ${p.name} to ${c.enforcementLevel}, but ${info.name} declares it mandatory; a policy config may not weaken a mandatory policy (remove the enforcementLevel)`,
                );
        }
    }
    if (problems.length > 0)
        throw new PolicyConfigError(
            `policy pack config ${file} for ${info.name}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
}

const ajv = new Ajv({ allErrors: true, strict: false });
/** Compiled validators by schema: a pack's policies share one schema, and every stack reuses it. */
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validatorOf(schema: object): ReturnType<typeof ajv.compile> {
    const key = JSON.stringify(schema);
    let validate = validators.get(key);
    if (!validate) {
        validate = ajv.compile(schema);
        validators.set(key, validate);
    }
    return validate;
}

/**
 * The configuration the engine sends in `Configure`: levels and schema defaults, then the pack's
 * initial config, then the file; each policy's properties validated against its schema.
 */
export function reconcile(info: PackInfo, config: PackConfig, source: string): ReconciledConfig {
    const result: Record<string, Required<PolicyConfig>> = {};
    for (const p of info.policies) {
        const defaults: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {}))
            if ("default" in schema) defaults[k] = structuredClone(schema.default);
        result[p.name] = { enforcementLevel: p.enforcementLevel, properties: defaults };
    }
    apply(result, info.initialConfig);
    apply(result, config);
    const problems: string[] = [];
    for (const p of info.policies) {
        if (!p.configSchema) continue;
        const validate = validatorOf({
            type: "object",
            properties: p.configSchema.properties,
            ...(p.configSchema.required.length > 0 ? { required: p.configSchema.required } : {}),
        });
        if (!validate(result[p.name].properties))
            for (const e of validate.errors ?? [])
                problems.push(
                    `Policy "${p.name}": ${e.instancePath || "(root)"} ${e.message ?? ""}`,
                );
    }
    if (problems.length > 0)
        throw new PolicyConfigError(
            `policy pack ${info.name}: the policy config from ${source} does not match the policies' config schemas:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
    return result;
}

function apply(result: Record<string, Required<PolicyConfig>>, config: PackConfig): void {
    const all = config.all?.enforcementLevel;
    if (all)
        for (const k of Object.keys(result)) result[k] = { ...result[k], enforcementLevel: all };
    for (const [policy, given] of Object.entries(config)) {
        const current = result[policy] ?? {
            enforcementLevel: given.enforcementLevel,
            properties: {},
        };
        // An entry the pack does not know keeps no level, as in the engine (checkPackConfig rejects it).
        result[policy] = {
            enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
            properties: { ...current.properties, ...given.properties },
        };
    }
}

/**
 * Waivers name their policy, and two policies must see each: the policy it waives (which then lets
 * the resource through) and the pack's advisory policies that take waivers (the residency pack's
 * `waived-violations`, which reports what they hide). A waiver in one and not the other is either
 * hidden silently or never applied, so the file must list it in both.
 */
export function checkWaiverCopies(info: PackInfo, config: PackConfig, file: string): void {
    const waiversOf = (policy: string): readonly Record<string, unknown>[] => {
        const list = config[policy]?.properties.waivers;
        return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
    };
    const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
        JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());
    // The pack's advisory policies that take waivers report on them; the mandatory ones apply them.
    const reporters = info.policies
        .filter((p) => p.enforcementLevel === "advisory" && p.configSchema?.properties.waivers)
        .map((p) => p.name);
    const problems: string[] = [];
    for (const reporter of reporters)
        for (const w of waiversOf(reporter))
            if (w.policy !== reporter && !waiversOf(String(w.policy)).some((x) => same(x, w)))
                problems.push(
                    `the waiver of ${String(w.policy)} on ${String(w.urn)} under "${reporter}" is missing under "${String(w.policy)}": add the same entry there, or the violation still blocks`,
                );
    for (const policy of Object.keys(config))
        for (const w of waiversOf(policy))
            if (w.policy === policy)
                for (const reporter of reporters)
                    if (!waiversOf(reporter).some((x) => same(x, w)))
                        problems.push(
                            `the waiver of ${policy} on ${String(w.urn)} is missing under "${reporter}": add the same entry there, or what it hides is never reported`,
                        );
    if (problems.length > 0)
        throw new PolicyConfigError(
            `policy pack config ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
}

/** Where a stack's policy config for a pack is committed: `policy-config/<stack>/<pack>.json`. */
export function stackPolicyConfigFile(
    projectDir: string,
    stack: string,
    packDirectory: string,
): string {
    return path.join(projectDir, "policy-config", stack, `${path.basename(packDirectory)}.json`);
}

/**
 * The CLI's own rule for the flags: `--policy-pack-config` values pair with `--policy-pack` values
 * by position, and if any is given there must be one for every pack.
 */
export function pairPackConfigs(packs: readonly string[], configs: readonly string[]): void {
    if (configs.length === 0) return;
    if (packs.length === 0)
        throw new PolicyConfigError(
            `"--policy-pack-config" must be specified with "--policy-pack"`,
        );
    if (configs.length !== packs.length)
        throw new PolicyConfigError(
            `the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags`,
        );
}

/**
 * The committed policy config of the project's stacks, as `PlanOptions.packConfig` takes it: the
 * same files the preview and deploy workflows pass to `pulumi/actions` and the engine tests pass
 * on the command line.
 */
export function committedPackConfig(
    projectDir: string,
): (target: { readonly stack: string }, packDirectory: string) => string | undefined {
    return (target, packDirectory) => {
        const file = stackPolicyConfigFile(projectDir, target.stack, packDirectory);
        return fs.existsSync(file) ? file : undefined;
    };
}

/**
 * The `pulumi preview` / `pulumi up` flags for a stack of this project: every pack with the
 * stack's committed policy config, paired by position, as the README shows and the workflows pass.
 */
export function pulumiPolicyArgs(
    projectDir: string,
    stack: string,
    packs: readonly string[] = ["policy-packs/data-residency", "policy-packs/enclave-security"],
): string[] {
    return packs.flatMap((pack) => [
        "--policy-pack",
        pack,
        "--policy-pack-config",
        path.relative(projectDir, stackPolicyConfigFile(projectDir, stack, pack)),
    ]);
}
