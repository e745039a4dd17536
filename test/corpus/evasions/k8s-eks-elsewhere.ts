// A protected namespace on an EKS cluster created in us-east-1 in the same deploy.
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DATA_CLASS_TAG } from "@clover/vocabulary";
import { provider, tags } from "../support";

const cluster = new aws.eks.Cluster(
    "us",
    {
        roleArn: "arn:aws:iam::123456789012:role/eks",
        vpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
        tags: tags("public"),
    },
    { provider: provider("us-east-1") },
);
const kubeconfig = pulumi.jsonStringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "us", cluster: { server: cluster.endpoint } }],
    contexts: [{ name: "us", context: { cluster: "us", user: "aws" } }],
    "current-context": "us",
    users: [{ name: "aws", user: {} }],
});
new k8s.core.v1.Namespace(
    "users",
    { metadata: { labels: { [DATA_CLASS_TAG]: "protected" } } },
    { provider: new k8s.Provider("us", { kubeconfig }) },
);
