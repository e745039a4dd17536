import { OFFLINE_SECRET } from "../../config";
import { runStack, type Resources } from "../support/harness";
import {
    KUBERNETES_LAYER_INVENTORY,
    expectKubernetesObjectsOnProvider,
} from "../support/kubernetes-layer";

describe("stack hamar (offline preview)", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runStack("hamar");
    });

    it("registers exactly the resources of the on-premises site", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "clover:site:OnpremSite": 1,
            "clover:cluster:OnpremCluster": 1,
            "pulumi:providers:kubernetes": 1,
            "clover:storage:CephStorage": 1,
            "kubernetes:ceph.rook.io/v1:CephBlockPool": 2,
            "kubernetes:ceph.rook.io/v1:CephObjectStore": 1,
            "kubernetes:storage.k8s.io/v1:StorageClass": 3,
            ...KUBERNETES_LAYER_INVENTORY,
            // The log shipper: its namespace, claim, config, DaemonSet and egress policy.
            "clover:monitor:LogShipper": 1,
            "kubernetes:core/v1:Namespace":
                KUBERNETES_LAYER_INVENTORY["kubernetes:core/v1:Namespace"] + 1,
            "kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim": 1,
            "kubernetes:core/v1:ConfigMap":
                KUBERNETES_LAYER_INVENTORY["kubernetes:core/v1:ConfigMap"] + 1,
            "kubernetes:apps/v1:DaemonSet": 1,
            "kubernetes:networking.k8s.io/v1:NetworkPolicy":
                KUBERNETES_LAYER_INVENTORY["kubernetes:networking.k8s.io/v1:NetworkPolicy"] + 1,
        });
    });

    it("reaches the cluster through an explicit provider whose kubeconfig is secret and names the registered server", () => {
        const provider = resources.one("pulumi:providers:kubernetes", "hamar-cluster-k8s");
        const secret = provider.inputs.kubeconfig as Record<string, string>;
        expect(secret["4dabf18193072939515e22adb298388d"]).toBe("1b47061264138c4ac30d75fd1eb44270");
        const kubeconfig = JSON.parse(secret.value);
        expect(kubeconfig.clusters).toEqual([
            { name: "hamar", cluster: { server: "https://api.k8s.hamar.clover.internal:6443" } },
        ]);
        expect(kubeconfig["current-context"]).toBe("hamar");
        expect(secret.value).not.toContain(OFFLINE_SECRET);
        expect(resources.all.filter((r) => r.defaultProvider)).toEqual([]);
    });

    it("sends every Kubernetes object through that provider, labelled with site and class", () => {
        expectKubernetesObjectsOnProvider(
            resources,
            resources.one("pulumi:providers:kubernetes", "hamar-cluster-k8s"),
            "hamar",
        );
    });

    it("declares replicated Rook-Ceph pools and an object store that keeps its pools", () => {
        const pool = resources.one(
            "kubernetes:ceph.rook.io/v1:CephBlockPool",
            "hamar-storage-pool-protected",
        );
        expect(pool.inputs).toMatchObject({
            apiVersion: "ceph.rook.io/v1",
            kind: "CephBlockPool",
            metadata: {
                name: "clover-protected",
                namespace: "rook-ceph",
                labels: { "clover.io/data-class": "protected" },
            },
            spec: { failureDomain: "host", replicated: { size: 3, requireSafeReplicaSize: true } },
        });
        const store = resources.one(
            "kubernetes:ceph.rook.io/v1:CephObjectStore",
            "hamar-storage-objects",
        );
        expect(store.inputs).toMatchObject({
            metadata: { name: "clover-objects", namespace: "rook-ceph" },
            spec: {
                preservePoolsOnDelete: true,
                metadataPool: { replicated: { size: 3 } },
                dataPool: { replicated: { size: 3 } },
            },
        });
    });

    it("provisions only on the campus, encrypted, and retains protected volumes and buckets", () => {
        const classes = resources
            .ofType("kubernetes:storage.k8s.io/v1:StorageClass")
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((r) => {
                const i = r.inputs as Record<string, any>;
                return [
                    i.metadata.name,
                    i.provisioner,
                    i.reclaimPolicy,
                    i.parameters.encrypted ?? "-",
                    i.metadata.annotations["storageclass.kubernetes.io/is-default-class"],
                    i.allowedTopologies,
                ];
            });
        const campus = [
            {
                matchLabelExpressions: [
                    { key: "topology.kubernetes.io/region", values: ["hamar"] },
                ],
            },
        ];
        expect(classes).toEqual([
            [
                "clover-block-internal",
                "rook-ceph.rbd.csi.ceph.com",
                "Delete",
                "true",
                "false",
                campus,
            ],
            [
                "clover-block-protected",
                "rook-ceph.rbd.csi.ceph.com",
                "Retain",
                "true",
                "true",
                campus,
            ],
            [
                "clover-bucket-protected",
                "rook-ceph.ceph.rook.io/bucket",
                "Retain",
                "-",
                "false",
                campus,
            ],
        ]);
    });
});
