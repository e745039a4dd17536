// A protected volume claim sent through the default provider: the ambient kubeconfig.
import * as k8s from "@pulumi/kubernetes";
import { DATA_CLASS_TAG } from "@clover/vocabulary";

new k8s.core.v1.PersistentVolumeClaim("data", {
    metadata: { name: "data", namespace: "users", labels: { [DATA_CLASS_TAG]: "protected" } },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
});
