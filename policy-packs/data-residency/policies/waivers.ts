import {
    evaluatePolicy,
    waivedMessage,
    waiverFor,
    type CloverPolicy,
    type CloverStackPolicy,
    type Finding,
} from "../lib/policy";
import type { StackGraph } from "@clover/residency-model";

/** The stack a URN belongs to: `urn:pulumi:<stack>::<project>::...`. */
function stackOf(urn: string): string | undefined {
    return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

/**
 * Reports what the waivers hide, so that nothing is silently dropped: every violation an active
 * waiver covers (with its ticket and expiry), and every waiver of this stack that no longer
 * matches a violation (its resource is gone or compliant: remove it). Advisory: it never blocks.
 */
export function waivedViolations(policies: readonly CloverPolicy[]): CloverStackPolicy {
    return {
        scope: "stack",
        name: "waived-violations",
        description:
            "Violations covered by an active migration waiver are reported as waived, and waivers that match nothing are reported as stale.",
        severity: "medium",
        remediationSteps:
            "Finish the migration named by the waiver's ticket before it expires; remove waivers that no longer match a violation.",
        evaluate: (graph: StackGraph, ctx) => {
            const stack = stackOf(graph.resources[0]?.urn ?? "");
            const waivers = ctx.settings.waivers.filter((w) => stackOf(w.urn) === stack);
            // Waivers name URNs, and URNs name their stack: with none for this stack, nothing is waived.
            if (waivers.length === 0) return [];
            const findings: Finding[] = [];
            const used = new Set<string>();
            for (const policy of policies) {
                for (const finding of evaluatePolicy(policy, { graph }, ctx)) {
                    const state = waiverFor(finding, policy.name, ctx.settings);
                    if (state.kind !== "active") continue;
                    used.add(`${state.waiver.urn}|${state.waiver.policy}`);
                    findings.push({
                        urn: finding.urn,
                        message: waivedMessage(finding, policy.name, state.waiver),
                    });
                }
            }
            for (const waiver of waivers) {
                if (used.has(`${waiver.urn}|${waiver.policy}`)) continue;
                const expired = waiver.expires < ctx.settings.today;
                if (expired) continue; // an expired waiver that still matches is reported by its policy, as mandatory
                const present = graph.get(waiver.urn) !== undefined;
                findings.push({
                    urn: waiver.urn,
                    message: `The waiver for ${waiver.policy} on ${waiver.urn} (ticket ${waiver.ticket}, until ${waiver.expires}) matches no violation: ${present ? "the resource now complies" : "no such resource is in the stack"}. Fix: remove the waiver from the stack's policy config.`,
                });
            }
            return findings;
        },
    };
}
