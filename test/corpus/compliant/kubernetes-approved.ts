// Protected namespaces on the registered Hamar cluster and on an EKS cluster created in Dublin.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASS_TAG } from "@clover/vocabulary";
import { provider, tags } from "../support";

const hamarConfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
        { name: "hamar", cluster: { server: "https://api.k8s.hamar.clover.internal:6443" } },
    ],
    contexts: [{ name: "hamar", context: { cluster: "hamar", user: "deployer" } }],
    "current-context": "hamar",
    users: [{ name: "deployer", user: { token: "redacted" } }],
});
const hamar = new k8s.Provider("hamar", { kubeconfig: hamarConfig });
new k8s.core.v1.Namespace(
    "users",
    { metadata: { name: "users", labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider: hamar },
);
new k8s.core.v1.PersistentVolumeClaim(
    "data",
    {
        metadata: { name: "data", namespace: "users" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
    },
    { provider: hamar },
);

const cluster = new aws.eks.Cluster(
    "dublin",
    {
        roleArn: "arn:aws:iam::123456789012:role/eks",
        vpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
const kubeconfig = pulumi.jsonStringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "dublin", cluster: { server: cluster.endpoint } }],
    contexts: [{ name: "dublin", context: { cluster: "dublin", user: "aws" } }],
    "current-context": "dublin",
    users: [{ name: "aws", user: {} }],
});
new k8s.core.v1.Namespace(
    "users-dublin",
    { metadata: { labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider: new k8s.Provider("dublin", { kubeconfig }) },
);

// Services that name hosts the enclave holds: a service of the same cluster, by its DNS name.
new k8s.core.v1.Service(
    "users-db",
    {
        metadata: { name: "users-db", namespace: "users" },
        spec: { type: "ExternalName", externalName: "postgres.users.svc.cluster.local" },
    },
    { provider: hamar },
);
