// A Service in a protected namespace of the registered Hamar cluster that sends its clients to a
// database in us-east-1 by name: the object is in Hamar, the data it serves is not.
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
new k8s.core.v1.Service(
    "users-db",
    {
        metadata: { name: "users-db", namespace: "users" },
        spec: {
            type: "ExternalName",
            externalName: "clover-users.abc123.us-east-1.rds.amazonaws.com",
        },
    },
    { provider: hamar },
);
