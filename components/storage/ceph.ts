import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { STORAGE_CLASS_NAMES, type StorageClassName } from "../../config/kubernetes";
import type { DataClass } from "@clover/vocabulary";
import { siteLabels } from "../kubernetes";

const REGION_LABEL = "topology.kubernetes.io/region";
const RBD_PROVISIONER = "rook-ceph.rbd.csi.ceph.com";
const BUCKET_PROVISIONER = "rook-ceph.ceph.rook.io/bucket";

/** The port of the object store's gateway (RGW) inside the cluster. */
export const OBJECT_STORE_PORT = 80;
/** The Ceph CSI KMS entry that encrypts volumes (its connection details are the cluster's). */
export const VOLUME_KMS_ID = "clover-volumes";

export interface CephStorageArgs {
    /** The site; every object is labelled with it. */
    readonly site: string;
    /** The namespace of the Rook-Ceph cluster (where its operator runs). */
    readonly cephNamespace: string;
    /** The value of `topology.kubernetes.io/region` on the campus's nodes: volumes bind only there. */
    readonly topologyRegion: string;
    /**
     * The storage class that claims without one get.
     * @default "clover-block-protected"
     */
    readonly defaultStorageClass?: StorageClassName;
    /**
     * Copies of every object and block, each on a different host.
     * @default 3
     */
    readonly replicas?: number;
}

export function validateCephStorageArgs(args: CephStorageArgs): void {
    if (
        args.defaultStorageClass !== undefined &&
        !STORAGE_CLASS_NAMES.includes(args.defaultStorageClass)
    ) {
        throw new Error(
            `CephStorage: defaultStorageClass "${String(args.defaultStorageClass)}" is not a storage class of the site; pass one of ${STORAGE_CLASS_NAMES.join(", ")}.`,
        );
    }
    if (args.replicas !== undefined && (!Number.isInteger(args.replicas) || args.replicas < 2)) {
        throw new Error(
            `CephStorage: replicas ${args.replicas} must be a whole number, at least 2 (a single copy loses data with a host).`,
        );
    }
}

/**
 * Block and S3-compatible object storage on the campus through Rook-Ceph custom resources: a
 * replicated pool per data class, an object store, and storage classes that provision only on
 * the campus's nodes, encrypt volumes, and keep protected volumes and buckets when released.
 */
export class CephStorage extends pulumi.ComponentResource {
    /** The storage class names. */
    public readonly storageClasses: readonly StorageClassName[] = STORAGE_CLASS_NAMES;

    constructor(name: string, args: CephStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:storage:CephStorage", name, {}, opts);
        validateCephStorageArgs(args);
        const replicas = args.replicas ?? 3;
        const defaultClass = args.defaultStorageClass ?? "clover-block-protected";
        const ns = args.cephNamespace;
        const onCampus = [
            { matchLabelExpressions: [{ key: REGION_LABEL, values: [args.topologyRegion] }] },
        ];
        const replicated = {
            failureDomain: "host",
            replicated: { size: replicas, requireSafeReplicaSize: true },
        };

        const pools = (["protected", "internal"] as const).map(
            (dataClass) =>
                new k8s.apiextensions.CustomResource(
                    `${name}-pool-${dataClass}`,
                    {
                        apiVersion: "ceph.rook.io/v1",
                        kind: "CephBlockPool",
                        metadata: {
                            name: `clover-${dataClass}`,
                            namespace: ns,
                            labels: siteLabels(args.site, dataClass),
                        },
                        spec: { ...replicated, parameters: { compression_mode: "none" } },
                    },
                    { parent: this },
                ),
        );
        const objectStore = new k8s.apiextensions.CustomResource(
            `${name}-objects`,
            {
                apiVersion: "ceph.rook.io/v1",
                kind: "CephObjectStore",
                metadata: {
                    name: "clover-objects",
                    namespace: ns,
                    labels: siteLabels(args.site, "protected"),
                },
                spec: {
                    metadataPool: replicated,
                    dataPool: replicated,
                    // Deleting the store must never delete the data of the enclave.
                    preservePoolsOnDelete: true,
                    gateway: { port: OBJECT_STORE_PORT, instances: 2 },
                },
            },
            { parent: this },
        );

        const blockClass = (dataClass: DataClass, pool: pulumi.Resource) =>
            new k8s.storage.v1.StorageClass(
                `${name}-block-${dataClass}`,
                {
                    metadata: {
                        name: `clover-block-${dataClass}`,
                        labels: siteLabels(args.site, dataClass),
                        annotations: {
                            "storageclass.kubernetes.io/is-default-class": String(
                                defaultClass === `clover-block-${dataClass}`,
                            ),
                        },
                    },
                    provisioner: RBD_PROVISIONER,
                    parameters: {
                        clusterID: ns,
                        pool: `clover-${dataClass}`,
                        imageFormat: "2",
                        imageFeatures: "layering",
                        encrypted: "true",
                        encryptionKMSID: VOLUME_KMS_ID,
                        "csi.storage.k8s.io/fstype": "ext4",
                        "csi.storage.k8s.io/provisioner-secret-name": "rook-csi-rbd-provisioner",
                        "csi.storage.k8s.io/provisioner-secret-namespace": ns,
                        "csi.storage.k8s.io/controller-expand-secret-name":
                            "rook-csi-rbd-provisioner",
                        "csi.storage.k8s.io/controller-expand-secret-namespace": ns,
                        "csi.storage.k8s.io/node-stage-secret-name": "rook-csi-rbd-node",
                        "csi.storage.k8s.io/node-stage-secret-namespace": ns,
                    },
                    reclaimPolicy: dataClass === "protected" ? "Retain" : "Delete",
                    allowVolumeExpansion: true,
                    volumeBindingMode: "WaitForFirstConsumer",
                    allowedTopologies: onCampus,
                },
                { parent: this, dependsOn: [pool] },
            );
        blockClass("protected", pools[0]);
        blockClass("internal", pools[1]);
        new k8s.storage.v1.StorageClass(
            `${name}-bucket-protected`,
            {
                metadata: {
                    name: "clover-bucket-protected",
                    labels: siteLabels(args.site, "protected"),
                    annotations: { "storageclass.kubernetes.io/is-default-class": "false" },
                },
                provisioner: BUCKET_PROVISIONER,
                parameters: { objectStoreName: "clover-objects", objectStoreNamespace: ns },
                reclaimPolicy: "Retain",
                allowedTopologies: onCampus,
            },
            { parent: this, dependsOn: [objectStore] },
        );
        this.registerOutputs({ storageClasses: this.storageClasses });
    }
}
