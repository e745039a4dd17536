/**
 * The inputs of each resource, as the engine sends them to `Analyze`, for the stack policies.
 *
 * `AnalyzeStack` carries each resource's outputs only, and during a preview the engine gives a
 * resource whose provider is not configured yet no outputs at all: when a provider's config is
 * unknown (a kubeconfig built from an EKS cluster created in the same deploy, say), the engine
 * neither checks nor previews that provider's resources, and a Namespace labelled `protected`
 * reaches the stack policies as `{}` (seen with the real CLI, pulumi/pulumi v3.276,
 * pkg/resource/deploy/step_generator.go). Its labels, and so its class, would be lost, and a
 * policy would pass it. The engine calls `Analyze` for every resource before `AnalyzeStack`, with
 * its inputs, so each pack records them here (the {@link observeInputsPolicy}) and the stack graph
 * reads a resource's inputs overlaid with its outputs: the view the offline plan has, too.
 */
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

/** A pack process serves one deployment, so the record is process-wide. */
const inputsByUrn = new Map<string, unknown>();

/** Records the inputs `Analyze` saw for a resource (its property proxy; read lazily). */
export function recordInputs(urn: string, props: unknown): void {
    inputsByUrn.set(urn, props);
}

/** The inputs `Analyze` saw for a resource, or undefined when it has not seen it. */
export function observedInputs(urn: string): unknown {
    return inputsByUrn.get(urn);
}

/** Forgets every recorded input (tests that run several stacks in one process). */
export function clearObservedInputs(): void {
    inputsByUrn.clear();
}

/** The name of the policy that records inputs; every pack that builds a stack graph has it. */
export const OBSERVE_INPUTS = "resource-inputs-observed";

/**
 * A mandatory resource policy that records each resource's inputs and reports nothing. It must
 * not be disabled: the stack policies would then see outputs only (the plan rejects a policy
 * config that weakens a mandatory policy).
 */
export function observeInputsPolicy(): ResourceValidationPolicy {
    return {
        name: OBSERVE_INPUTS,
        description:
            "Records each resource's inputs for the stack policies, which the engine otherwise sends outputs only (none for a resource whose provider is not configured yet during a preview); it reports nothing.",
        enforcementLevel: "mandatory",
        severity: "low",
        remediationSteps:
            "Nothing to fix: it reports nothing. Keep it enabled (mandatory); without it the stack policies judge resources by their outputs alone.",
        validateResource: (args: ResourceValidationArgs) => recordInputs(args.urn, args.props),
    };
}
