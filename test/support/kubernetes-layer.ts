import type { RecordedResource } from "../../plan/program/model";
import type { Resources } from "./harness";

/** What the gateway, the enclave layer and the auditor's access add to every cluster. */
export const KUBERNETES_LAYER_INVENTORY: Record<string, number> = {
    "clover:gateway:EgressGateway": 1,
    "clover:enclave:EnclaveLayer": 1,
    "clover:monitor:ClusterAuditor": 1,
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": 1,
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": 1,
    "kubernetes:core/v1:Namespace": 4,
    "kubernetes:core/v1:ConfigMap": 1,
    "kubernetes:apps/v1:Deployment": 1,
    "kubernetes:core/v1:Service": 1,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": 17,
    "kubernetes:core/v1:ResourceQuota": 3,
    "kubernetes:core/v1:LimitRange": 3,
};

/** Every Kubernetes object uses `provider` and carries the site and a data class. */
export function expectKubernetesObjectsOnProvider(
    resources: Resources,
    provider: RecordedResource,
    site: string,
): void {
    const objects = resources.all.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThan(0);
    for (const r of objects) {
        const labels = (r.inputs.metadata as { labels?: Record<string, string> }).labels ?? {};
        expect({
            urn: r.urn,
            provider: r.provider,
            site: labels["clover.io/site"],
            hasClass: ["protected", "internal", "public"].includes(labels["clover.io/data-class"]),
        }).toEqual({
            urn: r.urn,
            provider: provider.urn,
            site,
            hasClass: true,
        });
    }
}
