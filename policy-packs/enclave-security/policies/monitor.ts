/** The independent monitor: the locked archive, the trail, the auditor, the clusters' logs. */
import { groupBy, type PlainObject, type ResourceView } from "@clover/residency-model";
import { archiveBuckets, controlRoleOf, label, protectedBuckets, ROLE_TYPE } from "../lib/enclave";
import type { Finding, SecurityPolicy, StackGraph } from "../lib/policy";

const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const TRAIL = "aws:cloudtrail/trail:Trail";
const EKS = "aws:eks/cluster:Cluster";
const DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
const NAMESPACE = "kubernetes:core/v1:Namespace";
const CLUSTER_ROLE = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole";
const CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";

/** The shortest retention the archive may have: a year. */
export const MINIMUM_RETENTION_DAYS = 365;

export const monitorArchive: SecurityPolicy = {
    name: "monitor-archive",
    description:
        "A stack with protected buckets has the monitor's archive (object lock in compliance mode for at least a year), a CloudTrail trail of its region into it with data events on every protected bucket, and the auditor's role.",
    severity: "critical",
    remediationSteps:
        "Build the site with AuditArchive and SiteMonitor (components/monitor); do not remove the trail, the object lock or the auditor's role.",
    evaluate(graph) {
        const buckets = protectedBuckets(graph);
        if (buckets.length === 0) return [];
        const findings: Finding[] = [];
        const anchor = buckets[0];
        const archives = archiveBuckets(graph);
        const fail = (r: ResourceView, problem: string, fix: string) =>
            findings.push({ urn: r.urn, message: `${problem}. Fix: ${fix}.` });
        if (archives.length === 0)
            fail(
                anchor,
                `${label(anchor)} holds protected data, but the stack has no audit archive (a bucket tagged clover.io/role: audit-archive)`,
                "add the site's AuditArchive",
            );
        for (const archive of archives) {
            const locked = graph.dependentsOf(archive, "bucket", LOCK).some((l) => {
                const retention = ((l.props.rule as PlainObject | undefined)?.defaultRetention ??
                    {}) as PlainObject;
                const days =
                    typeof retention.days === "number"
                        ? retention.days
                        : typeof retention.years === "number"
                          ? retention.years * 365
                          : 0;
                return (
                    l.props.objectLockEnabled === "Enabled" &&
                    retention.mode === "COMPLIANCE" &&
                    days >= MINIMUM_RETENTION_DAYS
                );
            });
            if (archive.props.objectLockEnabled !== true || !locked)
                fail(
                    archive,
                    `The audit archive ${label(archive)} is not under object lock in COMPLIANCE mode for at least ${MINIMUM_RETENTION_DAYS} days`,
                    "set objectLockEnabled and a BucketObjectLockConfiguration with mode COMPLIANCE (AuditArchive does it)",
                );
        }
        const archiveUrns = new Set(archives.map((a) => a.urn));
        const trails = graph
            .ofType(TRAIL)
            .filter((t) =>
                (t.propertyDependencies?.s3BucketName ?? []).some((u) => archiveUrns.has(u)),
            );
        const recorded = new Set(
            trails.flatMap((t) => t.propertyDependencies?.advancedEventSelectors ?? []),
        );
        if (trails.length === 0)
            fail(
                anchor,
                `${label(anchor)} holds protected data, but no CloudTrail trail delivers to the audit archive`,
                "add the site's SiteMonitor, whose trail records management events and protected-object access",
            );
        for (const bucket of buckets) {
            if (trails.length > 0 && !recorded.has(bucket.urn))
                fail(
                    bucket,
                    `${label(bucket)} holds protected data, but no trail records data events on its objects`,
                    "pass the bucket's ARN to SiteMonitor's protectedBucketArns",
                );
        }
        if (!graph.ofType(ROLE_TYPE).some((r) => controlRoleOf(r) === "auditor"))
            fail(
                anchor,
                `${label(anchor)} holds protected data, but the stack has no role for the independent auditor (an IAM role tagged clover.io/role: auditor)`,
                "add the site's SiteMonitor",
            );
        return findings;
    },
};

/** The enclave's Kubernetes providers: those of the stack's enclave namespaces. */
function enclaveProviders(namespaces: readonly ResourceView[]): Map<string, ResourceView> {
    const providers = new Map<string, ResourceView>();
    for (const r of namespaces)
        if (
            ((r.props.metadata as PlainObject | undefined)?.labels as PlainObject | undefined)?.[
                "clover.io/role"
            ] === "enclave"
        )
            providers.set(r.provider?.urn ?? "", r);
    return providers;
}

/**
 * Whether a Kubernetes provider's cluster is an EKS cluster of the stack (its kubeconfig is built
 * from one), whose control-plane logs reach the archive through AWS. Anything else must ship its
 * own logs.
 */
function onEks(graph: StackGraph, providerUrn: string): boolean {
    const provider = graph.get(providerUrn);
    return provider !== undefined && graph.dependenciesOf(provider, "kubeconfig", [EKS]).length > 0;
}

const READ_VERBS = new Set(["get", "list", "watch"]);
const DATA_RESOURCES = new Set([
    "secrets",
    "configmaps",
    "pods/log",
    "pods/exec",
    "pods/attach",
    "pods/portforward",
    "*",
]);

export const clusterMonitor: SecurityPolicy = {
    name: "cluster-monitor",
    description:
        "Every cluster of the enclave gives the auditor a read-only cluster role (no secrets, logs or exec), and a cluster outside AWS ships its audit and gateway logs with a log-shipper DaemonSet.",
    severity: "high",
    remediationSteps:
        "Keep the ClusterAuditor on every cluster and the LogShipper on on-premises clusters (components/monitor/kubernetes.ts).",
    evaluate(graph) {
        const findings: Finding[] = [];
        const byProvider = (type: string) =>
            groupBy(graph.ofType(type), (r) => r.provider?.urn ?? "");
        const bindingsOn = byProvider(CLUSTER_ROLE_BINDING);
        const rolesOn = byProvider(CLUSTER_ROLE);
        const daemonSetsOn = byProvider(DAEMON_SET);
        for (const [provider, namespace] of enclaveProviders(graph.ofType(NAMESPACE))) {
            const bindings = bindingsOn.get(provider) ?? [];
            const auditorRoles = (rolesOn.get(provider) ?? [])
                .filter((role) =>
                    bindings.some(
                        (b) =>
                            (b.propertyDependencies?.roleRef ?? []).includes(role.urn) ||
                            ((b.props.roleRef as PlainObject | undefined)?.name ===
                                (role.props.metadata as PlainObject | undefined)?.name &&
                                ((b.props.metadata as PlainObject | undefined)?.name ?? "") ===
                                    "clover-auditor"),
                    ),
                )
                .filter(
                    (role) =>
                        ((role.props.metadata as PlainObject | undefined)?.name ?? "") ===
                        "clover-auditor",
                );
            if (auditorRoles.length === 0)
                findings.push({
                    urn: namespace.urn,
                    message: `The cluster of enclave namespace "${namespace.name}" has no clover-auditor cluster role bound to the auditor's group. Fix: add the site's ClusterAuditor.`,
                });
            for (const role of auditorRoles) {
                const rules = Array.isArray(role.props.rules)
                    ? (role.props.rules as PlainObject[])
                    : [];
                for (const rule of rules) {
                    const verbs = (Array.isArray(rule.verbs) ? rule.verbs : []).map(String);
                    const resources = (Array.isArray(rule.resources) ? rule.resources : []).map(
                        String,
                    );
                    const writes = verbs.filter((v) => !READ_VERBS.has(v));
                    const data = resources.filter((r) => DATA_RESOURCES.has(r));
                    if (writes.length > 0 || data.length > 0)
                        findings.push({
                            urn: role.urn,
                            message: `The auditor's ${label(role)} ${writes.length > 0 ? `may ${writes.join(", ")}` : `may read ${data.join(", ")}`}, which is not read-only or reaches data. Fix: only get, list and watch on resources that describe the cluster.`,
                        });
                }
            }
            if (!onEks(graph, provider)) {
                const shipper = (daemonSetsOn.get(provider) ?? []).some(
                    (r) =>
                        (
                            (r.props.metadata as PlainObject | undefined)?.labels as
                                PlainObject | undefined
                        )?.["app.kubernetes.io/name"] === "log-shipper",
                );
                if (!shipper)
                    findings.push({
                        urn: namespace.urn,
                        message: `The cluster of enclave namespace "${namespace.name}" is not on EKS and has no log-shipper DaemonSet, so its audit and gateway logs reach no archive. Fix: add the site's LogShipper.`,
                    });
            }
        }
        return findings;
    },
};
