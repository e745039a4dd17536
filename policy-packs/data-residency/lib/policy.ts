/**
 * Policies here are pure evaluators over resource views, wrapped into @pulumi/policy policies by
 * {@link toPulumiPolicy}. The wrapper snapshots the engine's arguments (so that unknown values
 * cannot turn a check into the engine's advisory note), applies waivers, and reports violations.
 */
import type {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { StackGraph } from "./graph";
import { loadSettings, type Settings, type Waiver } from "./settings";
import { snapshotObject, type ResourceView } from "./view";

/** One violation found by an evaluator. */
export interface Finding {
    readonly urn: string;
    readonly message: string;
}

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

/** Runs a policy's evaluator over the engine's arguments. */
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
    return `${finding.message} The waiver for this (ticket ${waiver.ticket}) expired on ${waiver.expires}; migrate the data or renew the waiver in the pack's config.yaml.`;
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

/** Wraps a Clover policy into the @pulumi/policy form the PolicyPack takes. */
export function toPulumiPolicy(
    policy: CloverPolicy,
    settings: Settings = loadSettings(),
): ResourceValidationPolicy | StackValidationPolicy {
    const meta = {
        name: policy.name,
        description: policy.description,
        severity: policy.severity,
        remediationSteps: policy.remediationSteps,
    };
    const ctx: Context = { settings };
    if (policy.scope === "resource") {
        return {
            ...meta,
            validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
                report(policy, policy.evaluate(viewOf(args), ctx), settings, reportViolation),
        };
    }
    return {
        ...meta,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
            report(
                policy,
                // The SDK builds a fresh resource list for every stack policy, so each builds its graph.
                policy.evaluate(StackGraph.fromPolicyResources(args.resources), ctx),
                settings,
                reportViolation,
            ),
    };
}
