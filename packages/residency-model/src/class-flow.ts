/**
 * The class flows with the data. Every edge the catalog says carries data — a destination a
 * resource pushes to, a source it pulls from (`classFrom`) — joins two resources of the stack; a
 * resource's effective class is the highest of its own class and every class that flows into it,
 * computed to a fixpoint, so that a copy of protected data holds protected data whatever its own
 * tag says, through any chain of copies.
 */
import type { DataClass } from "@clover/vocabulary";
import { AWS_TYPES } from "./catalog";
import { ownClass } from "./classify";
import { referencedResources, referencesOf } from "./flows";
import type { StackGraph } from "./graph";
import { append } from "./group";
import type { ResourceView } from "./view";

/** Data that moves from one resource of the stack to another. */
export interface DataFlow {
    readonly from: ResourceView;
    readonly to: ResourceView;
    /** The input that makes the edge, for messages: `replication destination bucket (rules[0]...)`. */
    readonly via: string;
}

/** The highest class that flows into a resource, and the path it takes from where it is stated. */
export interface Received {
    readonly dataClass: DataClass;
    /** From the resource that states the class to the resource that receives it. */
    readonly path: readonly DataFlow[];
}

const RANK: Readonly<Record<DataClass, number>> = { public: 0, internal: 1, protected: 2 };

/** Whether `a` is a stricter class than `b` (`undefined` is below every class). */
export function stricterThan(a: DataClass, b: DataClass | undefined): boolean {
    return b === undefined || RANK[a] > RANK[b];
}

export class ClassFlow {
    private readonly into = new Map<string, DataFlow[]>();
    private readonly effective = new Map<string, DataClass>();
    /** The flow that last raised a resource's class. */
    private readonly raisedBy = new Map<string, DataFlow>();

    constructor(graph: StackGraph) {
        const out = new Map<string, DataFlow[]>();
        const nodes = new Map<string, ResourceView>();
        for (const r of graph.resources) {
            for (const f of flowsOf(r, graph)) {
                if (f.from.urn === f.to.urn) continue;
                append(out, f.from.urn, f);
                append(this.into, f.to.urn, f);
                nodes.set(f.from.urn, f.from);
                nodes.set(f.to.urn, f.to);
            }
        }
        // Only resources joined by a flow can raise or be raised: the others' tags are not read.
        const queue: ResourceView[] = [];
        for (const r of nodes.values()) {
            const own = ownClass(r);
            if (own.kind !== "class") continue;
            this.effective.set(r.urn, own.value);
            queue.push(r);
        }
        // A class only ever rises, and there are three: each resource is queued at most three times.
        while (queue.length > 0) {
            const from = queue.pop()!;
            const cls = this.effective.get(from.urn)!;
            for (const f of out.get(from.urn) ?? []) {
                if (!stricterThan(cls, this.effective.get(f.to.urn))) continue;
                this.effective.set(f.to.urn, cls);
                this.raisedBy.set(f.to.urn, f);
                queue.push(f.to);
            }
        }
    }

    /** The flows into `r` from other resources of the stack. */
    flowsInto(r: ResourceView): readonly DataFlow[] {
        return this.into.get(r.urn) ?? [];
    }

    /**
     * The class that flows into `r` when it is stricter than the class `r` states itself (or `r`
     * states none), with the path from the resource that states it; undefined otherwise.
     */
    received(r: ResourceView): Received | undefined {
        const by = this.raisedBy.get(r.urn);
        if (!by) return undefined;
        const dataClass = this.effective.get(r.urn)!;
        const path: DataFlow[] = [];
        const seen = new Set<string>();
        for (let f: DataFlow | undefined = by; f && !seen.has(f.to.urn);) {
            seen.add(f.to.urn);
            path.unshift(f);
            const own = ownClass(f.from);
            if (own.kind === "class" && own.value === dataClass) break;
            f = this.raisedBy.get(f.from.urn);
        }
        return { dataClass, path };
    }
}

/** `Bucket "pii" → BucketReplicationConfig "r" (its bucket) → Bucket "copy" (...)`. */
export function describePath(path: readonly DataFlow[]): string {
    if (path.length === 0) return "";
    const short = (r: ResourceView) => `${r.type.split(":")[2] ?? r.type} "${r.name}"`;
    return [short(path[0].from), ...path.map((f) => `${short(f.to)} (${f.via})`)].join(" → ");
}

/**
 * The data edges of one resource: the sources it pulls from (its `classFrom` inputs: what they
 * depend on, or the stack resource a literal names) and the destinations it pushes to (its
 * destination references, resolved exactly as the residency checks resolve them).
 */
function flowsOf(r: ResourceView, graph: StackGraph): DataFlow[] {
    const info = AWS_TYPES[r.type];
    if (
        !info ||
        (!info.classFrom?.length && !info.references?.some((x) => x.role === "destination"))
    )
        return [];
    const flows: DataFlow[] = [];
    for (const key of info.classFrom ?? []) {
        const value = r.props[key];
        const named = typeof value === "string" ? graph.named(value) : [];
        const sources = named.length > 0 ? named : graph.dependenciesOf(r, key);
        for (const from of sources) flows.push({ from, to: r, via: `its ${key}` });
    }
    for (const { ref, path, value } of referencesOf(r, info.references ?? [])) {
        if (ref.role !== "destination" || ref.kind === "region") continue;
        for (const to of referencedResources(r, ref, path, value, graph))
            flows.push({ from: r, to, via: `${ref.what}, ${path}` });
    }
    return flows;
}
