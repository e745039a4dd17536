// A kubeconfig whose current context is the registered Hamar cluster, and a provider whose
// `context` input sends it to another cluster in the same file: the provider's input decides.
import * as k8s from "@pulumi/kubernetes";
import { DATA_CLASS_TAG } from "@clover/vocabulary";

const kubeconfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        { name: "hamar", cluster: { server: "https://api.k8s.hamar.clover.internal:6443" } },
        { name: "us", cluster: { server: "https://k8s.virginia.example.com:6443" } },
    ],
    contexts: [
        { name: "hamar", context: { cluster: "hamar", user: "deployer" } },
        { name: "us", context: { cluster: "us", user: "deployer" } },
    ],
    "current-context": "hamar",
    users: [{ name: "deployer", user: { token: "redacted" } }],
});
const provider = new k8s.Provider("hamar", { kubeconfig, context: "us" });
new k8s.core.v1.Namespace(
    "users",
    { metadata: { name: "users", labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider },
);
