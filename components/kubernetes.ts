import { DATA_CLASS_TAG, type DataClass, SITE_TAG } from "@clover/vocabulary";

/** The labels every Kubernetes object of a site carries. */
export function siteLabels(
    site: string,
    dataClass: DataClass,
    extra: Record<string, string> = {},
): Record<string, string> {
    return {
        [SITE_TAG]: site,
        [DATA_CLASS_TAG]: dataClass,
        "app.kubernetes.io/managed-by": "pulumi",
        ...extra,
    };
}

/** Pod Security Standards `restricted`, enforced, audited and warned, at the latest version. */
export const RESTRICTED_POD_SECURITY: Record<string, string> = {
    "pod-security.kubernetes.io/enforce": "restricted",
    "pod-security.kubernetes.io/enforce-version": "latest",
    "pod-security.kubernetes.io/audit": "restricted",
    "pod-security.kubernetes.io/warn": "restricted",
};

/** The label Kubernetes puts on every namespace with its name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** The label that marks the enclave's data namespaces, which the gateway admits traffic from. */
export const ROLE_LABEL = "clover.io/role";

/** Where cluster DNS runs: the kube-dns pods (CoreDNS keeps this label) in kube-system. */
export const CLUSTER_DNS = {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } },
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};

export const DNS_PORTS = [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
];
