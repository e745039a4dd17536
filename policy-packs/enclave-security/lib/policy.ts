/**
 * The enclave-security pack's policies are pure evaluators over the stack graph (the residency
 * pack's unknown-safe views: a value unknown during preview is a marker the policy decides about,
 * never the engine's advisory "cannot run during preview"). {@link toPulumiPolicy} wraps them for
 * the PolicyPack. There are no waivers: a sealed enclave has no exceptions to time-box.
 */
import type { ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { StackGraph } from "@clover/residency-model";

export { StackGraph };

/** One violation found by an evaluator. */
export interface Finding {
    readonly urn: string;
    readonly message: string;
}

export interface SecurityPolicy {
    /** kebab-case, unique in the pack. */
    readonly name: string;
    /** One sentence. */
    readonly description: string;
    readonly severity: "low" | "medium" | "high" | "critical";
    readonly remediationSteps: string;
    readonly evaluate: (graph: StackGraph) => Finding[];
}

/** Wraps a policy into the @pulumi/policy form the PolicyPack takes. */
export function toPulumiPolicy(policy: SecurityPolicy): StackValidationPolicy {
    return {
        name: policy.name,
        description: policy.description,
        severity: policy.severity,
        remediationSteps: policy.remediationSteps,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            for (const finding of policy.evaluate(StackGraph.fromPolicyResources(args.resources)))
                reportViolation(finding.message, finding.urn);
        },
    };
}
