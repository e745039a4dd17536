/**
 * What the enclave-security policies look for in a stack: protected stores and what seals them,
 * the roles by their control tag, the archive, the VPCs and their route tables, the enclave's
 * namespaces. Resources are matched to each other through property dependencies, which a preview
 * reports even where the IDs themselves are still unknown.
 */
import {
    type ControlRole,
    ROLE_TAG,
    SITE_TAG,
    type SiteName,
    SITES,
    SUBNET_ROLE_TAG,
} from "@clover/vocabulary";
import {
    awsWhere,
    describeWhere,
    isUnknown,
    type Plain,
    type PlainObject,
    providerDefaultTags,
    type ResourceView,
} from "@clover/residency-model";
import type { StackGraph } from "./policy";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const KEY_TYPE = "aws:kms/key:Key";
export const ROLE_TYPE = "aws:iam/role:Role";
export const RDS_TYPES = ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"];

/** A resource's own tags (AWS) or labels (Kubernetes), where known. */
export function tagsOf(r: ResourceView): PlainObject {
    const own = r.props.tags ?? (r.props.metadata as PlainObject | undefined)?.labels;
    return own && typeof own === "object" && !Array.isArray(own) && !isUnknown(own) ? own : {};
}

export function controlRoleOf(r: ResourceView): ControlRole | undefined {
    const value = tagsOf(r)[ROLE_TAG];
    return typeof value === "string" ? (value as ControlRole) : undefined;
}

/** The site a resource belongs to, from its own tag or its provider's default tags. */
export function siteOf(r: ResourceView): SiteName | undefined {
    const own = tagsOf(r)[SITE_TAG];
    const defaults = providerDefaultTags(r.provider?.props);
    const inherited =
        defaults && typeof defaults === "object" && !Array.isArray(defaults) && !isUnknown(defaults)
            ? defaults[SITE_TAG]
            : undefined;
    const site = typeof own === "string" ? own : inherited;
    return typeof site === "string" && site in SITES ? (site as SiteName) : undefined;
}

/**
 * Whether the enclave-security policies apply: everything but the legacy locations, whose adopted
 * buckets are being emptied into the enclave under the residency pack's time-boxed waivers and
 * cannot be sealed where they are (a same-location key would be a new protected store there).
 */
export function inEnclave(r: ResourceView): boolean {
    const site = siteOf(r);
    return site === undefined || SITES[site].kind !== "legacy";
}

export function isProtected(graph: StackGraph, r: ResourceView): boolean {
    const c = graph.classOf(r);
    return c.kind === "class" && c.value === "protected";
}

/** Protected data buckets of the enclave (not the monitor's archive, which has rules of its own). */
export function protectedBuckets(graph: StackGraph): ResourceView[] {
    return BUCKET_TYPES.flatMap((t) => graph.ofType(t)).filter(
        (r) => isProtected(graph, r) && controlRoleOf(r) !== "audit-archive" && inEnclave(r),
    );
}

export function archiveBuckets(graph: StackGraph): ResourceView[] {
    return BUCKET_TYPES.flatMap((t) => graph.ofType(t)).filter(
        (r) => controlRoleOf(r) === "audit-archive",
    );
}

/** Protected KMS keys of the enclave that are not the archive's. */
export function protectedKeys(graph: StackGraph): ResourceView[] {
    return graph
        .ofType(KEY_TYPE)
        .filter(
            (r) => isProtected(graph, r) && controlRoleOf(r) !== "audit-archive" && inEnclave(r),
        );
}

/**
 * The ARN suffixes (`role/clover/<name>`) of the roles with one of `roles` as control tag. Role ARNs
 * are matched by suffix and account separately, since a preview knows names, not ARNs.
 */
export function roleSuffixes(graph: StackGraph, roles: readonly ControlRole[]): Set<string> {
    const suffixes = new Set<string>();
    for (const r of graph.ofType(ROLE_TYPE)) {
        const role = controlRoleOf(r);
        const name = r.props.name;
        if (!role || !roles.includes(role) || typeof name !== "string") continue;
        const path = typeof r.props.path === "string" ? r.props.path : "/";
        suffixes.add(`role${path}${name}`);
    }
    return suffixes;
}

/** The role-name suffix of a role ARN (`role/clover/x` of `arn:aws:iam::1:role/clover/x`). */
export function roleSuffixOf(arn: Plain): string | undefined {
    return typeof arn === "string"
        ? /^arn:aws[a-z-]*:iam::\d{12}:(role\/.+)$/.exec(arn)?.[1]
        : undefined;
}

/** Where an AWS resource is, for messages and same-location checks. */
export function locationOf(r: ResourceView): string | undefined {
    const where = awsWhere(r);
    return where.kind === "at" ? where.location : undefined;
}

export { describeWhere };

/** `aws:s3/bucket:Bucket "name"` for messages. */
export function label(r: ResourceView): string {
    return `${r.type} "${r.name}"`;
}

/** The tier tag of a subnet or route table (`data`, `gateway`, `egress`). */
export function subnetRoleOf(r: ResourceView): string | undefined {
    const v = tagsOf(r)[SUBNET_ROLE_TAG];
    return typeof v === "string" ? v : undefined;
}

/** A value for a message. */
export function text(value: Plain): string {
    if (typeof value === "string") return value;
    if (isUnknown(value)) return "(unknown during preview)";
    return JSON.stringify(value) ?? "";
}
