/**
 * Where data goes: the destinations and encryption keys a resource names, resolved to locations.
 * A reference whose value says where it points (a region, an ARN with a region, an endpoint
 * outside AWS) is resolved on its own; one that does not (an S3 ARN, a name, a value unknown
 * during preview) is resolved through the stack graph, to the resource it came from.
 */
import { awsLocation } from "@clover/vocabulary";
import { parseArn } from "./arn";
import type { Reference } from "./catalog";
import type { StackGraph } from "./graph";
import { awsWhere, type Where } from "./where";
import { isUnknown, select, show, topLevelKey, type Plain, type ResourceView } from "./view";

export interface ResolvedReference {
    readonly ref: Reference;
    readonly path: string;
    readonly value: Plain;
    /** Each place the reference may point at; several when the graph offers several candidates. */
    readonly targets: readonly { readonly where: Where; readonly resource?: ResourceView }[];
}

/** Resolves a reference from its value alone; undefined when only the graph can tell. */
export function resolveStatically(ref: Reference, value: Plain): Where | undefined {
    if (ref.kind === "region") {
        if (typeof value === "string")
            return { kind: "at", location: awsLocation(value), how: `region "${value}"` };
        return {
            kind: "unknown",
            how: `the region is ${isUnknown(value) ? "unknown during preview" : `not a region: ${show(value)}`}`,
        };
    }
    if (typeof value !== "string") return undefined;
    const arn = parseArn(value);
    if (arn && arn.region !== "")
        return { kind: "at", location: awsLocation(arn.region), how: `the ARN ${value}` };
    if (arn) return undefined;
    if (ref.kind === "endpoint")
        return {
            kind: "unknown",
            how: `${show(value)} is an endpoint outside the enclave's AWS locations`,
        };
    return undefined;
}

/** Every reference of `r` for the given catalog references, with the concrete paths and values. */
export function referencesOf(
    r: ResourceView,
    refs: readonly Reference[],
): { ref: Reference; path: string; value: Plain }[] {
    return refs.flatMap((ref) =>
        select(r.props, ref.path).map(({ path, value }) => ({ ref, path, value })),
    );
}

/**
 * Resolves a reference through the stack graph to the resource it names. A known value resolves
 * to exactly the resources of the stack it names (by ARN, name, ID, key ID or file system ID), or
 * to nothing, and then the destination cannot be verified: never to "some dependency of the same
 * input", which would let one legitimate target launder an external one. Names that always resolve
 * in the caller's region (a KMS alias, a key ID, a backup vault name) are in the resource's own
 * location. A value unknown during preview resolves to the resources of the reference's types
 * that the input depends on, each of which is checked.
 */
export function resolveThroughGraph(
    r: ResourceView,
    ref: Reference,
    path: string,
    value: Plain,
    graph: StackGraph,
): ResolvedReference {
    const resolved = (targets: ResolvedReference["targets"]): ResolvedReference => ({
        ref,
        path,
        value,
        targets,
    });
    const referenced = referencedResources(r, ref, path, value, graph);
    if (referenced.length > 0) return resolved(referenced.map((c) => target(c)));
    if (typeof value === "string") {
        const implied = regionImplied(r, ref, value);
        if (implied) return resolved([{ where: implied }]);
        return resolved([
            {
                where: {
                    kind: "unknown",
                    how: `${show(value)} is not a resource of this stack, so its location cannot be verified`,
                },
            },
        ]);
    }
    return resolved([
        {
            where: {
                kind: "unknown",
                how: `its value is unknown during preview and does not come from a ${ref.what} in this stack`,
            },
        },
    ]);
}

/**
 * The stack resources a reference points at: those a known value names exactly, or, for a value
 * unknown during preview, those of the reference's types its input depends on.
 */
export function referencedResources(
    r: ResourceView,
    ref: Reference,
    path: string,
    value: Plain,
    graph: StackGraph,
): ResourceView[] {
    return typeof value === "string"
        ? graph.named(value, ref.targets)
        : graph.dependenciesOf(r, topLevelKey(path), ref.targets);
}

function target(c: ResourceView): ResolvedReference["targets"][number] {
    const where = awsWhere(c);
    const named =
        where.kind === "at"
            ? { ...where, how: `${c.type.split(":")[2]} "${c.name}", ${where.how}` }
            : where;
    return { where: named, resource: c };
}

/** A KMS key ID (`1234abcd-...`) or multi-Region key ID (`mrk-...`). */
const KEY_ID =
    /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Where a name that AWS always resolves in the caller's region points: a KMS alias (`alias/...`,
 * AWS-managed ones included) or a bare key ID names a key of the resource's own region, and a
 * backup vault name a vault of the plan's own region. Undefined for any other value.
 */
function regionImplied(r: ResourceView, ref: Reference, value: string): Where | undefined {
    const kind =
        ref.role === "key" && value.startsWith("alias/")
            ? `the KMS alias ${value}`
            : ref.role === "key" && KEY_ID.test(value)
              ? `the KMS key ID ${value}`
              : ref.targets.includes("aws:backup/vault:Vault") && !value.includes(":")
                ? `the backup vault name ${show(value)}`
                : undefined;
    if (!kind) return undefined;
    const own = awsWhere(r);
    return own.kind === "at"
        ? { ...own, how: `${kind}, which resolves in the resource's own region: ${own.how}` }
        : {
              kind: "unknown",
              how: `${kind} resolves in the resource's own region, and that is ${describeOwn(own)}`,
          };
}

function describeOwn(own: Where): string {
    return own.kind === "global" ? "global" : `unknown (${own.how})`;
}
