import { DATA_CLASS_TAG } from "@clover/vocabulary";
import {
    AWS_TYPES,
    awsTypeKind,
    isGlobalType,
    isKubernetesType,
    label,
    ownClass,
    stricterThan,
    typeKind,
    type ResourceView,
    type StackGraph,
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
        "Use a resource type the data-residency pack knows, or teach it the type in packages/residency-model/src/catalog.ts (AWS_TYPES) with its destinations, sources and keys, with tests.",
    evaluate: (r) => {
        if (!r.type.startsWith("aws:") || AWS_TYPES[r.type] || isGlobalType(r.type)) return [];
        const kind = awsTypeKind(r.type);
        // Configuration only: it holds no data, whatever it is tagged.
        if (kind === "inert" || kind === "global") return [];
        const c = ownClass(r);
        if (c.kind !== "class" || c.value !== "protected") return [];
        const known =
            kind === undefined || kind === "generic"
                ? ""
                : ` knows a ${r.type} only as a ${kind}, and`;
        return [
            {
                urn: r.urn,
                message: `${label(r)} is classified protected (${c.source}), but the data-residency pack${known} does not know where a ${r.type} keeps or sends data, so it cannot verify it stays in an approved location. Fix: use a known type, or teach the pack this type in packages/residency-model/src/catalog.ts (AWS_TYPES, with its destinations, sources and keys).`,
            },
        ];
    },
};

/**
 * Fail closed on what the pack cannot classify, from any package: `aws-native`, dynamic
 * providers, Kubernetes custom resources the project does not use, Helm releases, CloudFormation
 * stacks and Cloud Control resources (which create resources of any type), and types of a newer
 * provider than the catalog knows. Such a resource is treated as a store and mover of protected
 * data when it carries no class, or is classified protected, or takes protected data through its
 * inputs; its location and destinations cannot be verified, so that is a violation.
 */
export const typesClassified: CloverStackPolicy = {
    scope: "stack",
    name: "types-classified",
    description:
        "Resources of a type the pack does not classify, from any package, neither hold protected data nor take it from other resources.",
    severity: "critical",
    remediationSteps:
        "Teach the pack the type in packages/residency-model/src/kinds.ts (its kind) and catalog.ts (its edges), or use a type it knows; for data that is not protected, classify the resource internal or public.",
    evaluate: (graph) => {
        const findings: Finding[] = [];
        for (const r of graph.resources) {
            // Components and providers hold nothing: only custom resources have a provider.
            if (!r.provider || r.type.startsWith("pulumi:")) continue;
            const kind = typeKind(r.type);
            if (kind !== undefined && kind !== "generic") continue;
            const why = protectedReason(r, graph);
            if (!why) continue;
            const pkg = r.type.split(":")[0];
            const what =
                kind === "generic"
                    ? "creates resources of any type from a template or a type name, which the pack cannot see"
                    : `is of a type the data-residency pack does not classify (package "${pkg}")`;
            const fix =
                kind === "generic"
                    ? "declare what it creates as resources of their own types, which the pack checks"
                    : `teach the pack ${r.type}: its kind in packages/residency-model/src/kinds.ts${isKubernetesType(r.type) ? " (KUBERNETES_GROUP_KINDS for a custom resource)" : ""} and its edges in catalog.ts, or use a type the pack knows`;
            findings.push({
                urn: r.urn,
                message:
                    `${label(r)} ${what}; ${why}, so it is treated as a store and mover of protected data whose location and destinations cannot be verified. ` +
                    `Fix: ${fix}; for data that is not protected, set ${DATA_CLASS_TAG} to internal or public and take no protected data as input.`,
            });
        }
        return findings;
    },
};

/** Why an unclassified resource must be treated as holding protected data, if it must. */
function protectedReason(r: ResourceView, graph: StackGraph): string | undefined {
    const c = isKubernetesType(r.type) ? graph.classOf(r) : ownClass(r);
    if (c.kind === "missing") return `it has no ${DATA_CLASS_TAG}`;
    if (c.kind === "unknown") return `its ${c.source} is unknown during preview`;
    if (c.kind === "invalid") return `its ${c.source} "${c.value}" is not a data class`;
    if (c.value === "protected") return `it is classified protected (${c.source})`;
    for (const [input, urns] of Object.entries(r.propertyDependencies ?? {})) {
        for (const urn of urns) {
            const from = graph.get(urn);
            if (!from) continue;
            const fromClass = graph.classFlow.received(from)?.dataClass ?? classValue(graph, from);
            if (fromClass === "protected" && stricterThan("protected", c.value))
                return `its input "${input}" takes data from ${label(from)}, which holds protected data`;
        }
    }
    return undefined;
}

function classValue(graph: StackGraph, r: ResourceView) {
    const c = graph.classOf(r);
    return c.kind === "class" ? c.value : undefined;
}
