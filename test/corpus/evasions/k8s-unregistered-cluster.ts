// A protected namespace on a cluster that is not in the registry.
import * as k8s from "@pulumi/kubernetes";
import { DATA_CLASS_TAG } from "@clover/vocabulary";

const kubeconfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "us", cluster: { server: "https://k8s.virginia.example.com:6443" } }],
    contexts: [{ name: "us", context: { cluster: "us", user: "ci" } }],
    "current-context": "us",
    users: [{ name: "ci", user: { token: "redacted" } }],
});
const cluster = new k8s.Provider("us", { kubeconfig });
new k8s.core.v1.Namespace(
    "users",
    { metadata: { name: "users", labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider: cluster },
);
