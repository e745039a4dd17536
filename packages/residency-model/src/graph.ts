/** The whole stack as a graph, for the checks that follow one resource to another. */
import type { PolicyResource } from "@pulumi/policy";
import type { DataClass } from "@clover/vocabulary";
import { AWS_TYPES } from "./catalog";
import { ClassFlow } from "./class-flow";
import { append, groupBy } from "./group";
import { isKubernetesType, ownClass, strictest, type ClassResult } from "./classify";
import { observedInputs } from "./observed";
import {
    snapshotObject,
    UNKNOWN,
    type PlainObject,
    type ProviderView,
    type ResourceView,
} from "./view";

export class StackGraph {
    readonly resources: readonly ResourceView[];
    private readonly byUrn: Map<string, ResourceView>;
    private readonly classes = new Map<string, ClassResult>();
    private readonly namespaces: Map<string, ResourceView>;
    private types?: Map<string, ResourceView[]>;
    private dependents?: Map<string, ResourceView[]>;
    private identifiers?: Map<string, ResourceView[]>;
    private readonly typeIdentifiers = new Map<string, Map<string, ResourceView[]>>();
    private flow?: ClassFlow;

    constructor(resources: readonly ResourceView[]) {
        this.resources = resources;
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        this.namespaces = new Map();
        for (const r of resources) {
            if (r.type === "kubernetes:core/v1:Namespace") {
                const name = (r.props.metadata as { name?: unknown } | undefined)?.name;
                if (typeof name === "string")
                    this.namespaces.set(`${r.provider?.urn ?? ""}/${name}`, r);
            }
        }
    }

    /**
     * Converts the engine's stack resources into views. A view's properties (and its provider's)
     * are snapshotted on first read: the SDK rebuilds the resources for every stack policy, and
     * most policies read the properties of a few types only.
     */
    static fromPolicyResources(resources: readonly PolicyResource[]): StackGraph {
        const providers = new Map<string, ProviderView>();
        const providerOf = (p: PolicyResource["provider"]): ProviderView | undefined => {
            if (!p) return undefined;
            let view = providers.get(p.urn);
            if (!view) {
                view = lazyProps({ urn: p.urn, type: p.type, name: p.name }, p.props);
                providers.set(p.urn, view);
            }
            return view;
        };
        return new StackGraph(
            resources.map((r) => {
                const propertyDependencies: Record<string, string[]> = {};
                for (const [k, deps] of Object.entries(r.propertyDependencies ?? {}))
                    propertyDependencies[k] = deps.map((d) => d.urn);
                return lazyProps(
                    {
                        urn: r.urn,
                        type: r.type,
                        name: r.name,
                        provider: providerOf(r.provider),
                        propertyDependencies,
                        dependencies: (r.dependencies ?? []).map((d) => d.urn),
                        parent: r.parent?.urn,
                        protect: r.opts?.protect ?? false,
                    },
                    r.props,
                    observedInputs(r.urn),
                );
            }),
        );
    }

    get(urn: string): ResourceView | undefined {
        return this.byUrn.get(urn);
    }

    /** The resources of one type, in stack order. The index is built on first use. */
    ofType(type: string): readonly ResourceView[] {
        this.types ??= groupBy(this.resources, (r) => r.type);
        return this.types.get(type) ?? [];
    }

    /**
     * The resources of `type` whose input `key` depends on `target` (a bucket's policy, a route's
     * table): the reverse of {@link dependenciesOf}, from an index built on first use, so that
     * checks that follow every store to what is attached to it stay linear in the stack's size.
     */
    dependentsOf(target: ResourceView, key: string, type: string): readonly ResourceView[] {
        if (!this.dependents) {
            this.dependents = new Map();
            for (const r of this.resources)
                for (const [input, urns] of Object.entries(r.propertyDependencies ?? {}))
                    for (const urn of new Set(urns))
                        append(this.dependents, `${urn}\n${input}\n${r.type}`, r);
        }
        return this.dependents.get(`${target.urn}\n${key}\n${type}`) ?? [];
    }

    /** The resources a top-level input of `r` depends on, optionally only of some types. */
    dependenciesOf(r: ResourceView, key: string, types?: readonly string[]): ResourceView[] {
        const urns = r.propertyDependencies?.[key] ?? [];
        return urns
            .map((u) => this.byUrn.get(u))
            .filter(
                (d): d is ResourceView =>
                    d !== undefined && (!types || types.length === 0 || types.includes(d.type)),
            );
    }

    /** How data and its class flow between the stack's resources; built on first use. */
    get classFlow(): ClassFlow {
        return (this.flow ??= new ClassFlow(this));
    }

    /**
     * The resources of the stack that `value` names exactly, optionally only of some types: by ARN
     * (an S3 bucket's too, `arn:aws:s3:::<bucket>`), name, ID, key ID or file system ID, as far as
     * they are known. From an index built on first use.
     */
    named(value: string, types?: readonly string[]): ResourceView[] {
        if (types && types.length > 0)
            return types.flatMap((t) => this.identifiersOf(t).get(value) ?? []);
        this.identifiers ??= indexByIdentifier(this.resources);
        return this.identifiers.get(value) ?? [];
    }

    /** The identifiers of the resources of one type, indexed on first use. */
    private identifiersOf(type: string): Map<string, ResourceView[]> {
        let index = this.typeIdentifiers.get(type);
        if (!index) {
            index = indexByIdentifier(this.ofType(type));
            this.typeIdentifiers.set(type, index);
        }
        return index;
    }

    /**
     * The class of `r`: its own tag or label; for untagged resources that inherit, the strictest
     * class of the resources they inherit from; for Kubernetes objects, their namespace's label.
     */
    classOf(r: ResourceView, seen = new Set<string>()): ClassResult {
        const cached = this.classes.get(r.urn);
        if (cached) return cached;
        let result = ownClass(r);
        if (result.kind === "missing" && !seen.has(r.urn)) {
            seen.add(r.urn);
            result = this.inheritedClass(r, seen) ?? result;
        }
        this.classes.set(r.urn, result);
        return result;
    }

    private inheritedClass(r: ResourceView, seen: Set<string>): ClassResult | undefined {
        if (isKubernetesType(r.type)) {
            const ns = (r.props.metadata as { namespace?: unknown } | undefined)?.namespace;
            const namespace =
                typeof ns === "string"
                    ? this.namespaces.get(`${r.provider?.urn ?? ""}/${ns}`)
                    : undefined;
            const c = namespace ? ownClass(namespace) : undefined;
            return c && c.kind === "class"
                ? { ...c, source: `label of namespace "${String(ns)}"` }
                : undefined;
        }
        const sources = AWS_TYPES[r.type]?.classFrom ?? [];
        const found: { c: DataClass; from: ResourceView }[] = [];
        for (const key of sources) {
            for (const d of this.dependenciesOf(r, key)) {
                const c = this.classOf(d, seen);
                if (c.kind === "class") found.push({ c: c.value, from: d });
            }
        }
        const value = strictest(found.map((f) => f.c));
        if (value === undefined) return undefined;
        const from = found.find((f) => f.c === value)!.from;
        return {
            kind: "class",
            value,
            source: `inherited from ${from.type.split(":")[2] ?? from.type} "${from.name}"`,
        };
    }
}

/** The resources by each value that names them. */
function indexByIdentifier(resources: readonly ResourceView[]): Map<string, ResourceView[]> {
    const index = new Map<string, ResourceView[]>();
    for (const r of resources) for (const id of new Set(identifiersOf(r))) append(index, id, r);
    return index;
}

/** The values that name `r` in another resource's inputs. */
function identifiersOf(r: ResourceView): string[] {
    const p = r.props;
    const ids = [p.arn, p.id, p.name, p.bucket, p.keyId, p.fileSystemId].filter(
        (v): v is string => typeof v === "string" && v !== "",
    );
    if (typeof p.bucket === "string" && p.bucket !== "") ids.push(`arn:aws:s3:::${p.bucket}`);
    return ids;
}

/** `view` with a `props` that snapshots `source` on first read and keeps the snapshot. */
function lazyProps<T extends object>(
    view: T,
    source: unknown,
    inputs?: unknown,
): T & { readonly props: PlainObject } {
    let props: PlainObject | undefined;
    return Object.defineProperty(view, "props", {
        enumerable: true,
        get: () => (props ??= overlay(inputs, source)),
    }) as T & { readonly props: PlainObject };
}

/**
 * A resource's inputs (when `Analyze` saw them) overlaid with its outputs, key by key: an output
 * replaces its input unless it is unknown where the input is known.
 */
function overlay(inputs: unknown, outputs: unknown): PlainObject {
    const out = snapshotObject(outputs);
    if (inputs === undefined) return out;
    const merged: PlainObject = { ...snapshotObject(inputs) };
    for (const [key, value] of Object.entries(out)) {
        if (value === UNKNOWN && merged[key] !== undefined) continue;
        merged[key] = value;
    }
    return merged;
}
