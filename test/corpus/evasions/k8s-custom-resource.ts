// A Kubernetes custom resource (an AWS Controllers for Kubernetes bucket) in a protected
// namespace of the registered Hamar cluster: the controller creates the bucket wherever its spec
// says, outside what the pack can see.
import * as k8s from "@pulumi/kubernetes";
import { DATA_CLASS_TAG } from "@clover/vocabulary";

const hamar = new k8s.Provider("hamar", {
    kubeconfig: JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            { name: "hamar", cluster: { server: "https://api.k8s.hamar.clover.internal:6443" } },
        ],
        contexts: [{ name: "hamar", context: { cluster: "hamar", user: "deployer" } }],
        "current-context": "hamar",
        users: [{ name: "deployer", user: { token: "redacted" } }],
    }),
});
new k8s.core.v1.Namespace(
    "users",
    { metadata: { name: "users", labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider: hamar },
);
new k8s.apiextensions.CustomResource(
    "exports",
    {
        apiVersion: "s3.services.k8s.aws/v1alpha1",
        kind: "Bucket",
        metadata: { name: "exports", namespace: "users" },
        spec: {
            name: "clover-exports",
            createBucketConfiguration: { locationConstraint: "us-east-1" },
        },
    },
    { provider: hamar },
);
