import { DATA_CLASS_TAG } from "@clover/vocabulary";
import {
    AWS_TYPES,
    isGlobalType,
    isKubernetesType,
    label,
    ownClass,
} from "@clover/residency-model";
import type { CloverResourcePolicy, CloverStackPolicy, Finding } from "../lib/policy";

/** Kubernetes kinds that hold data and so must be classified (on the object or its namespace). */
export const KUBERNETES_DATA_KINDS = [
    "kubernetes:core/v1:PersistentVolumeClaim",
    "kubernetes:core/v1:PersistentVolume",
    "kubernetes:apps/v1:StatefulSet",
    "kubernetes:ceph.rook.io/v1:CephCluster",
    "kubernetes:ceph.rook.io/v1:CephBlockPool",
    "kubernetes:ceph.rook.io/v1:CephObjectStore",
    "kubernetes:ceph.rook.io/v1:CephFilesystem",
    "kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim",
];

export const dataClassRequired: CloverStackPolicy = {
    scope: "stack",
    name: "data-class-required",
    description: `Every resource that stores or moves data carries a valid ${DATA_CLASS_TAG} tag or label.`,
    severity: "critical",
    remediationSteps: `Tag the resource (AWS) or label it or its namespace (Kubernetes) with ${DATA_CLASS_TAG}: protected, internal or public. Personal data of European users is protected.`,
    evaluate: (graph) => {
        const findings: Finding[] = [];
        for (const r of graph.resources) {
            const info = AWS_TYPES[r.type];
            const mustClassify =
                (info !== undefined &&
                    info.kind !== "compute" &&
                    info.taggable &&
                    !(info.classFrom && info.classFrom.length > 0)) ||
                KUBERNETES_DATA_KINDS.includes(r.type);
            const c = mustClassify ? graph.classOf(r) : ownClass(r);
            const where = isKubernetesType(r.type) ? "label (on it or on its namespace)" : "tag";
            if (c.kind === "missing" && mustClassify) {
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} stores or moves data but has no ${DATA_CLASS_TAG} ${where}. An unclassified store is treated as protected and cannot be checked for what it holds. Fix: set ${DATA_CLASS_TAG} to protected, internal or public.`,
                });
            } else if (c.kind === "unknown" && mustClassify) {
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} has a ${DATA_CLASS_TAG} ${where} whose value is unknown during preview. Fix: set ${DATA_CLASS_TAG} to a literal value: protected, internal or public.`,
                });
            } else if (c.kind === "invalid") {
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} has ${c.source} = "${c.value}", which is not a data class. Fix: use protected, internal or public (lower case).`,
                });
            }
        }
        return findings;
    },
};

export const protectedTypeKnown: CloverResourcePolicy = {
    scope: "resource",
    name: "protected-type-known",
    description:
        "Protected data is only placed on AWS resource types whose location and data flows the pack understands.",
    severity: "high",
    remediationSteps:
        "Use a resource type the data-residency pack knows, or add the type to policy-packs/data-residency/lib/catalog.ts with its destinations and keys, with tests.",
    evaluate: (r) => {
        if (!r.type.startsWith("aws:") || AWS_TYPES[r.type] || isGlobalType(r.type)) return [];
        const c = ownClass(r);
        if (c.kind !== "class" || c.value !== "protected") return [];
        return [
            {
                urn: r.urn,
                message: `${label(r)} is classified protected (${c.source}), but the data-residency pack does not know where a ${r.type} keeps or sends data, so it cannot verify it stays in an approved location. Fix: use a known type, or teach the pack this type in lib/catalog.ts.`,
            },
        ];
    },
};
