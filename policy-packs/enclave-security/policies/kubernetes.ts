/** The enclave's namespaces: default-deny networking, no privileged or host-level workloads. */
import {
    groupBy,
    isUnknown,
    type Plain,
    type PlainObject,
    type ResourceView,
} from "@clover/residency-model";
import { label, text } from "../lib/enclave";
import type { Finding, SecurityPolicy } from "../lib/policy";

const NAMESPACE = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Workload kinds and where their pod spec is. */
export const POD_SPECS: Readonly<Record<string, string[]>> = {
    "kubernetes:core/v1:Pod": ["spec"],
    "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
    "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

function meta(r: ResourceView): PlainObject {
    const m = r.props.metadata;
    return m && typeof m === "object" && !Array.isArray(m) && !isUnknown(m) ? m : {};
}

/** The enclave namespaces (labelled clover.io/role: enclave), by provider and name. */
function enclaveNamespaces(namespaces: readonly ResourceView[]): Map<string, ResourceView> {
    const found = new Map<string, ResourceView>();
    for (const r of namespaces) {
        const labels = meta(r).labels as PlainObject | undefined;
        if (labels?.["clover.io/role"] === "enclave" && typeof meta(r).name === "string")
            found.set(`${r.provider?.urn ?? ""}/${text(meta(r).name)}`, r);
    }
    return found;
}

function isEmptySelector(selector: Plain): boolean {
    return (
        selector !== null &&
        typeof selector === "object" &&
        !Array.isArray(selector) &&
        !isUnknown(selector) &&
        Object.values(selector).every(
            (v) =>
                v === undefined ||
                (typeof v === "object" && v !== null && Object.keys(v).length === 0),
        )
    );
}

export const enclaveDefaultDeny: SecurityPolicy = {
    name: "enclave-default-deny",
    description:
        "Every enclave namespace has a network policy that selects all its pods and denies all ingress and egress not allowed by another policy.",
    severity: "high",
    remediationSteps:
        "Keep EnclaveLayer's default-deny policy: podSelector {}, policyTypes [Ingress, Egress], no rules.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const policiesIn = groupBy(
            graph.ofType(NETWORK_POLICY),
            (p) => `${p.provider?.urn ?? ""}/${text(meta(p).namespace)}`,
        );
        for (const [key, namespace] of enclaveNamespaces(graph.ofType(NAMESPACE))) {
            const denies = (policiesIn.get(key) ?? []).some((p) => {
                const spec = (p.props.spec ?? {}) as PlainObject;
                const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
                const empty = (v: Plain) => v === undefined || (Array.isArray(v) && v.length === 0);
                return (
                    isEmptySelector(spec.podSelector ?? {}) &&
                    types.includes("Ingress") &&
                    types.includes("Egress") &&
                    empty(spec.ingress) &&
                    empty(spec.egress)
                );
            });
            if (!denies)
                findings.push({
                    urn: namespace.urn,
                    message: `Enclave namespace "${text(meta(namespace).name)}" has no default-deny network policy (podSelector {}, policyTypes Ingress and Egress, no rules), so its pods accept and send traffic no policy allows. Fix: keep EnclaveLayer's default-deny policy.`,
                });
        }
        return findings;
    },
};

function podSpecOf(r: ResourceView): PlainObject | undefined {
    let at: Plain = r.props;
    for (const step of POD_SPECS[r.type] ?? []) {
        if (at === null || typeof at !== "object" || Array.isArray(at) || isUnknown(at))
            return undefined;
        at = at[step];
    }
    return at && typeof at === "object" && !Array.isArray(at) && !isUnknown(at) ? at : undefined;
}

export const enclaveWorkloadHardening: SecurityPolicy = {
    name: "enclave-workload-hardening",
    description:
        "No workload in an enclave namespace runs privileged, with host networking, PID or IPC, or with host paths.",
    severity: "critical",
    remediationSteps:
        "Remove privileged, hostNetwork, hostPID, hostIPC and hostPath volumes; the namespaces enforce Pod Security restricted as well.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const namespaces = enclaveNamespaces(graph.ofType(NAMESPACE));
        for (const r of Object.keys(POD_SPECS).flatMap((type) => graph.ofType(type))) {
            if (!namespaces.has(`${r.provider?.urn ?? ""}/${text(meta(r).namespace)}`)) continue;
            const spec = podSpecOf(r);
            if (!spec) {
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} in an enclave namespace has a pod spec that cannot be read, so it cannot be shown to be unprivileged. Fix: give the pod template as plain inputs.`,
                });
                continue;
            }
            const problems: string[] = [];
            for (const host of ["hostNetwork", "hostPID", "hostIPC"])
                if (spec[host] === true) problems.push(`${host}: true`);
            for (const v of Array.isArray(spec.volumes) ? (spec.volumes as PlainObject[]) : [])
                if (v && typeof v === "object" && "hostPath" in v)
                    problems.push(`hostPath volume "${text(v.name)}"`);
            for (const list of ["initContainers", "containers", "ephemeralContainers"])
                for (const c of Array.isArray(spec[list]) ? (spec[list] as PlainObject[]) : []) {
                    const sc = (c?.securityContext ?? {}) as PlainObject;
                    if (sc.privileged === true)
                        problems.push(`privileged container "${text(c.name)}"`);
                }
            if (problems.length > 0)
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} in enclave namespace "${text(meta(r).namespace)}" runs with ${problems.join(", ")}. Fix: remove them; enclave workloads run unprivileged and off the host.`,
                });
        }
        return findings;
    },
};
