/**
 * Policies here are pure evaluators over resource views, wrapped into @pulumi/policy policies by
 * {@link toPulumiPolicy}. The wrapper reads the policy's settings from its policy config (never
 * from a file or the environment), snapshots the engine's arguments (so that unknown values cannot
 * turn a check into the engine's advisory note), applies waivers, and reports violations.
 */
import type {
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import {
    parseSettings,
    SETTINGS_CONFIG_SCHEMA,
    snapshotObject,
    StackGraph,
    utcToday,
    type Finding,
    type ResourceView,
    type Settings,
    type Waiver,
} from "@clover/residency-model";

export type { Finding };

export interface Context {
    readonly settings: Settings;
}

interface PolicyMeta {
    /** kebab-case, unique in the pack. */
    readonly name: string;
    /** One sentence. */
    readonly description: string;
    readonly severity: "low" | "medium" | "high" | "critical";
    readonly remediationSteps: string;
}

export interface CloverResourcePolicy extends PolicyMeta {
    readonly scope: "resource";
    readonly evaluate: (r: ResourceView, ctx: Context) => Finding[];
}

export interface CloverStackPolicy extends PolicyMeta {
    readonly scope: "stack";
    readonly evaluate: (graph: StackGraph, ctx: Context) => Finding[];
}

export type CloverPolicy = CloverResourcePolicy | CloverStackPolicy;

/** Builds the view of the resource under analysis from the engine's arguments. */
export function viewOf(args: ResourceValidationArgs): ResourceView {
    return {
        urn: args.urn,
        type: args.type,
        name: args.name,
        props: snapshotObject(args.props),
        provider: args.provider
            ? {
                  urn: args.provider.urn,
                  type: args.provider.type,
                  name: args.provider.name,
                  props: snapshotObject(args.provider.props),
              }
            : undefined,
    };
}

/** Runs a policy's evaluator over one resource or the whole stack graph. */
export function evaluatePolicy(
    policy: CloverPolicy,
    input: { resource: ResourceView } | { graph: StackGraph },
    ctx: Context,
): Finding[] {
    if (policy.scope === "resource")
        return "resource" in input
            ? policy.evaluate(input.resource, ctx)
            : input.graph.resources.flatMap((r) => policy.evaluate(r, ctx));
    return "graph" in input ? policy.evaluate(input.graph, ctx) : [];
}

export type WaiverState =
    | { readonly kind: "none" }
    | { readonly kind: "active"; readonly waiver: Waiver }
    | { readonly kind: "expired"; readonly waiver: Waiver };

export function waiverFor(finding: Finding, policy: string, settings: Settings): WaiverState {
    const waiver = settings.waivers.find((w) => w.urn === finding.urn && w.policy === policy);
    if (!waiver) return { kind: "none" };
    return waiver.expires >= settings.today
        ? { kind: "active", waiver }
        : { kind: "expired", waiver };
}

/** The message of a finding whose waiver has expired: it blocks, and says so. */
export function expiredMessage(finding: Finding, waiver: Waiver): string {
    return `${finding.message} The waiver for this (ticket ${waiver.ticket}) expired on ${waiver.expires}; migrate the data or renew the waiver in the stack's policy config.`;
}

export function waivedMessage(finding: Finding, policy: string, waiver: Waiver): string {
    return `[waived: ${policy}, ticket ${waiver.ticket}, until ${waiver.expires}: ${waiver.reason}] ${finding.message}`;
}

/** Reports the findings that no active waiver covers. */
function report(
    policy: CloverPolicy,
    findings: Finding[],
    settings: Settings,
    reportViolation: ReportViolation,
): void {
    for (const finding of findings) {
        const state = waiverFor(finding, policy.name, settings);
        if (state.kind === "active") continue;
        reportViolation(
            state.kind === "expired" ? expiredMessage(finding, state.waiver) : finding.message,
            finding.urn,
        );
    }
}

/**
 * Settings per distinct config and day: every policy of a stack usually gets the same config, so
 * it is validated once; a config that does not validate throws, and the preview fails (the SDK
 * turns a throw other than an unknown value into an error), never passes unchecked.
 */
const settingsCache = new Map<string, Settings>();

export function settingsOf(
    policy: string,
    config: unknown,
    waivable: readonly string[],
    today: string = utcToday(),
): Settings {
    const key = `${policy}|${today}|${JSON.stringify(config ?? {})}`;
    const cached = settingsCache.get(key);
    if (cached) return cached;
    const settings = parseSettings(config, {
        source: `policy ${policy}`,
        today,
        policies: waivable,
    });
    settingsCache.set(key, settings);
    return settings;
}

/** The policy config every residency policy takes: the residency settings, with the enclave's defaults. */
export const CONFIG_SCHEMA = SETTINGS_CONFIG_SCHEMA as PolicyConfigSchema;

/**
 * Wraps a Clover policy into the @pulumi/policy form the PolicyPack takes. `waivable` lists the
 * policies whose waivers this policy's config may hold: itself, or every residency policy for the
 * policy that reports on waivers.
 */
export function toPulumiPolicy(
    policy: CloverPolicy,
    waivable: readonly string[] = [policy.name],
): ResourceValidationPolicy | StackValidationPolicy {
    const meta = {
        name: policy.name,
        description: policy.description,
        severity: policy.severity,
        remediationSteps: policy.remediationSteps,
        configSchema: CONFIG_SCHEMA,
    };
    if (policy.scope === "resource") {
        return {
            ...meta,
            validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
                const settings = settingsOf(policy.name, args.getConfig(), waivable);
                report(
                    policy,
                    policy.evaluate(viewOf(args), { settings }),
                    settings,
                    reportViolation,
                );
            },
        };
    }
    return {
        ...meta,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            const settings = settingsOf(policy.name, args.getConfig(), waivable);
            report(
                policy,
                // The SDK builds a fresh resource list for every stack policy, so each builds its graph.
                policy.evaluate(StackGraph.fromPolicyResources(args.resources), { settings }),
                settings,
                reportViolation,
            );
        },
    };
}
