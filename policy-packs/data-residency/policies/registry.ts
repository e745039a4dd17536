/**
 * The single list of the pack's policies. The pack's index.ts builds the PolicyPack from it;
 * tests import it without starting a policy server.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { observeInputsPolicy } from "@clover/residency-model";
import { toPulumiPolicy, type CloverPolicy } from "../lib/policy";
import { remoteReaders } from "./access";
import { dataClassRequired, protectedTypeKnown, typesClassified } from "./classification";
import { declassification } from "./declassification";
import { awsDataFlows, awsDataFlowsResolved } from "./flows";
import { globalServiceExposure } from "./global-services";
import { kubernetesDataLocation } from "./kubernetes";
import { awsDataLocation } from "./location";
import { waivedViolations } from "./waivers";

/** The policies that decide residency; each may be waived per resource. */
const RESIDENCY: readonly CloverPolicy[] = [
    awsDataLocation,
    awsDataFlows,
    protectedTypeKnown,
    typesClassified,
    dataClassRequired,
    awsDataFlowsResolved,
    declassification,
    globalServiceExposure,
    remoteReaders,
    kubernetesDataLocation,
];

export const POLICIES: readonly CloverPolicy[] = registry([
    ...RESIDENCY,
    waivedViolations(RESIDENCY),
]);

/** Policies that report without blocking, whatever the pack's level. */
export const ADVISORY = new Set(["waived-violations"]);

/** Rejects duplicate or malformed names, so that no policy silently shadows another. */
export function registry(policies: CloverPolicy[]): readonly CloverPolicy[] {
    const seen = new Set<string>();
    for (const p of policies) {
        if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(p.name))
            throw new Error(`policy name "${p.name}" is not kebab-case`);
        if (seen.has(p.name)) throw new Error(`policy "${p.name}" is registered twice`);
        seen.add(p.name);
    }
    return policies;
}

/** The names of the policies a waiver may name. */
export const WAIVABLE: readonly string[] = RESIDENCY.map((p) => p.name);

/**
 * The policies in the form `new PolicyPack()` takes. Each takes the residency settings as its
 * policy config; a residency policy's waivers name itself, and `waived-violations` may hold the
 * waivers of any of them (it reports what they hide).
 */
export function buildPolicies(): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return [
        ...POLICIES.map((p) => ({
            ...toPulumiPolicy(p, ADVISORY.has(p.name) ? WAIVABLE : [p.name]),
            ...(ADVISORY.has(p.name) ? { enforcementLevel: "advisory" as const } : {}),
        })),
        // The stack policies read each resource's inputs too, which only Analyze carries.
        observeInputsPolicy(),
    ];
}
