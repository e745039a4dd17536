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

/** Resolves a reference through the stack graph to the resources it points at. */
export function resolveThroughGraph(
    r: ResourceView,
    ref: Reference,
    path: string,
    value: Plain,
    graph: StackGraph,
): ResolvedReference {
    const candidates = graph.dependenciesOf(r, topLevelKey(path), ref.targets);
    const matching = typeof value === "string" ? candidates.filter((c) => mentions(c, value)) : [];
    const chosen = matching.length > 0 ? matching : candidates;
    if (chosen.length === 0) {
        const how =
            typeof value === "string"
                ? `${show(value)} is not a resource of this stack, so its location cannot be verified`
                : `its value is unknown during preview and does not come from a ${ref.what} in this stack`;
        return { ref, path, value, targets: [{ where: { kind: "unknown", how } }] };
    }
    return {
        ref,
        path,
        value,
        targets: chosen.map((c) => {
            const where = awsWhere(c);
            const named =
                where.kind === "at"
                    ? { ...where, how: `${c.type.split(":")[2]} "${c.name}", ${where.how}` }
                    : where;
            return { where: named, resource: c };
        }),
    };
}

/** Whether a known value names the candidate (its ARN, name, bucket or ID as far as known). */
function mentions(candidate: ResourceView, value: string): boolean {
    const p = candidate.props;
    return [p.arn, p.bucket, p.name, p.id, p.keyId, p.fileSystemId].some(
        (v) =>
            typeof v === "string" &&
            (v === value || value.endsWith(`:${v}`) || value.endsWith(`/${v}`)),
    );
}
