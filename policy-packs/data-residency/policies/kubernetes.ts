import {
    awsWhere,
    enforcedClass,
    kubernetesProviderWhere,
    residencyFinding,
    type ResourceView,
    type Settings,
    type StackGraph,
    type Where,
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
            findings.push(
                ...residencyFinding({
                    resource: r,
                    cls: enforcedClass(c),
                    subject: "its cluster",
                    where: clusterWhere(r, graph, settings),
                    settings,
                    fix: "deploy it through the site's Kubernetes provider, whose cluster is registered in the pack's policy config (clusters) or is the site's EKS cluster.",
                }),
            );
        }
        return findings;
    },
};
