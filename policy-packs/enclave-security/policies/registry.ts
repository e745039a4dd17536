/**
 * The single list of the pack's policies. The pack's index.ts builds the PolicyPack from it;
 * tests import it without starting a policy server. Every policy is mandatory.
 */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { observeInputsPolicy } from "@clover/residency-model";
import { toPulumiPolicy, type SecurityPolicy } from "../lib/policy";
import { auditorReadOnly, protectedAccessPrincipals } from "./access";
import { enclaveDefaultDeny, enclaveWorkloadHardening } from "./kubernetes";
import { clusterMonitor, monitorArchive } from "./monitor";
import { egressInspection, enclaveFlowLogs } from "./network";
import {
    protectedStoreDeletionProtection,
    protectedStoreEncryption,
    protectedStorePublicAccess,
    protectedStoreTlsOnly,
} from "./stores";

export const POLICIES: readonly SecurityPolicy[] = [
    protectedStoreEncryption,
    protectedStorePublicAccess,
    protectedStoreTlsOnly,
    protectedStoreDeletionProtection,
    protectedAccessPrincipals,
    auditorReadOnly,
    enclaveFlowLogs,
    egressInspection,
    monitorArchive,
    clusterMonitor,
    enclaveDefaultDeny,
    enclaveWorkloadHardening,
];

/** The policies in the form `new PolicyPack()` takes. */
export function buildPolicies(): (ResourceValidationPolicy | StackValidationPolicy)[] {
    // The stack policies read each resource's inputs too, which only Analyze carries.
    return [...POLICIES.map(toPulumiPolicy), observeInputsPolicy()];
}
