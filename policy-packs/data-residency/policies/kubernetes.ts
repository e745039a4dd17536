import {
    awsLocationOfHost,
    awsWhere,
    enforcedClass,
    kubernetesProviderWhere,
    residencyFinding,
    type ResourceView,
    type Settings,
    type StackGraph,
    type Where,
    isUnknown,
    show,
} from "@clover/residency-model";
import type { CloverStackPolicy, Finding } from "../lib/policy";

/**
 * The location of the cluster a Kubernetes object is sent to. When the provider's kubeconfig is
 * unknown during preview (a cluster created in the same deploy), the kubeconfig's dependencies
 * lead to the EKS cluster resource, whose location is known from its own provider.
 */
export function clusterWhere(r: ResourceView, graph: StackGraph, settings: Settings): Where {
    const direct = kubernetesProviderWhere(r.provider, settings);
    if (!("pending" in direct && direct.pending)) return direct;
    const provider = r.provider ? graph.get(r.provider.urn) : undefined;
    const clusters = provider
        ? graph.dependenciesOf(provider, "kubeconfig", ["aws:eks/cluster:Cluster"])
        : [];
    if (clusters.length !== 1) {
        return {
            kind: "unknown",
            how: `${direct.how}, and it does not come from exactly one EKS cluster of this stack`,
        };
    }
    const where = awsWhere(clusters[0]);
    return where.kind === "at"
        ? {
              ...where,
              how: `EKS cluster "${clusters[0].name}" behind provider "${r.provider!.name}", ${where.how}`,
          }
        : where;
}

export const kubernetesDataLocation: CloverStackPolicy = {
    scope: "stack",
    name: "kubernetes-data-location",
    description:
        "A Kubernetes object holding protected data is sent only to a registered cluster in an approved location.",
    severity: "critical",
    remediationSteps:
        "Deploy the object through the site's Kubernetes provider (an explicit kubeconfig for a cluster in the pack's registry, or the site's EKS cluster); never rely on the ambient kubeconfig.",
    evaluate: (graph, { settings }) => {
        const findings: Finding[] = [];
        for (const r of graph.resources) {
            if (!r.type.startsWith("kubernetes:")) continue;
            const c = graph.classOf(r);
            if (c.kind === "missing") continue;
            const cluster = clusterWhere(r, graph, settings);
            findings.push(
                ...residencyFinding({
                    resource: r,
                    cls: enforcedClass(c),
                    subject: "its cluster",
                    where: cluster,
                    settings,
                    fix: "deploy it through the site's Kubernetes provider, whose cluster is registered in the pack's policy config (clusters) or is the site's EKS cluster.",
                }),
            );
            const target = externalNameWhere(r, cluster);
            if (target)
                findings.push(
                    ...residencyFinding({
                        resource: r,
                        cls: enforcedClass(c),
                        subject: "the host its ExternalName sends clients to (spec.externalName)",
                        where: target,
                        settings,
                        fix: "point it at a service of the same cluster or an AWS endpoint of an approved region, or select the pods it serves instead of naming a host.",
                    }),
                );
        }
        return findings;
    },
};

/**
 * Where a Service of type ExternalName sends its clients: a name inside the cluster
 * (`*.svc.cluster.local`) is on the cluster itself, an AWS service host names its region
 * (`db.x.eu-west-1.rds.amazonaws.com`), and any other host is somewhere the pack cannot tell.
 * Undefined for every other object.
 */
function externalNameWhere(r: ResourceView, cluster: Where): Where | undefined {
    if (!/^kubernetes:core\/v1:Service(Patch)?$/.test(r.type)) return undefined;
    const spec = r.props.spec;
    if (isUnknown(spec)) return { kind: "unknown", how: "its spec is unknown during preview" };
    if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return undefined;
    const { type, externalName } = spec;
    if (isUnknown(type)) return { kind: "unknown", how: "its spec.type is unknown during preview" };
    if (type !== "ExternalName") return undefined;
    if (typeof externalName !== "string")
        return { kind: "unknown", how: "its spec.externalName is unknown during preview" };
    const host = externalName.toLowerCase().replace(/\.$/, "");
    if (/\.svc(\.cluster\.local)?$/.test(host))
        return cluster.kind === "at"
            ? {
                  ...cluster,
                  how: `${show(externalName)} is a service of its own cluster, ${cluster.how}`,
              }
            : cluster;
    const region = awsLocationOfHost(host);
    return region
        ? {
              kind: "at",
              location: region,
              how: `${show(externalName)} is an AWS endpoint of that region`,
          }
        : {
              kind: "unknown",
              how: `${show(externalName)} is a host outside the enclave's known places`,
          };
}
