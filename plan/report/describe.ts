/**
 * Describes recorded resources for the report: their location, data class and site. It reuses
 * the residency pack's pure helpers for reading locations and classes so the report and the
 * policies agree; it decides nothing (the verdict comes only from the packs over gRPC).
 */
import { SITE_TAG } from "@clover/vocabulary";
import {
    AWS_TYPES,
    awsWhere,
    enforcedClass,
    GLOBAL_FRONTS,
    isGlobalType,
    type Plain,
    type PlainObject,
    providerDefaultTags,
    referencesOf,
    resolveStatically,
    resolveThroughGraph,
    type ResourceView,
    selfClass,
    type Settings,
    StackGraph,
    UNKNOWN,
    type Where,
} from "@clover/residency-model";
import { clusterWhere } from "../../policy-packs/data-residency/policies/kubernetes";
import { KUBERNETES_DATA_KINDS } from "../../policy-packs/data-residency/policies/classification";
import { UNKNOWN as WIRE_UNKNOWN, type ProgramRecord } from "../program/model";
import type { FlowRow, ResourceRow } from "./model";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Wire form (unknown sentinel, secret envelopes) to the policies' plain form. */
export function fromWire(value: unknown): Plain {
    if (value === WIRE_UNKNOWN) return UNKNOWN;
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map(fromWire);
    if (typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG] === SECRET_SIG) return fromWire(obj.value);
        const out: PlainObject = {};
        for (const [k, v] of Object.entries(obj)) out[k] = fromWire(v);
        return out;
    }
    return value as Plain;
}

/** The stack's resources as the policies' views, with providers and dependencies. */
export function viewsOf(record: ProgramRecord): ResourceView[] {
    const byUrn = new Map(record.resources.map((r) => [r.urn, r]));
    return record.resources.map((r) => {
        const provider = r.provider ? byUrn.get(r.provider) : undefined;
        return {
            urn: r.urn,
            type: r.type,
            name: r.name,
            props: fromWire(r.outputs) as PlainObject,
            provider: provider
                ? {
                      urn: provider.urn,
                      type: provider.type,
                      name: provider.name,
                      props: fromWire(provider.inputs) as PlainObject,
                  }
                : undefined,
            propertyDependencies: r.propertyDependencies,
            dependencies: r.dependencies,
            parent: r.parent,
            protect: r.protect,
        };
    });
}

/** The stack as the policies see it, for describing its resources and flows. */
export function stackGraphOf(record: ProgramRecord): StackGraph {
    return new StackGraph(viewsOf(record));
}

export function describeResources(
    record: ProgramRecord,
    graph: StackGraph,
    settings: Settings,
): ResourceRow[] {
    return graph.resources.map((r) => {
        const holdsData = AWS_TYPES[r.type] !== undefined || KUBERNETES_DATA_KINDS.includes(r.type);
        const c = graph.classOf(r);
        const dataClass =
            c.kind === "class"
                ? c.value
                : c.kind === "missing"
                  ? holdsData
                      ? "unclassified"
                      : "-"
                  : c.kind;
        let where: Where | undefined;
        if (r.type.startsWith("kubernetes:")) where = clusterWhere(r, graph, settings);
        else if (
            r.type.startsWith("aws:") &&
            (holdsData || isGlobalType(r.type) || c.kind !== "missing")
        )
            where = awsWhere(r);
        return {
            stack: record.stack,
            urn: r.urn,
            type: r.type,
            name: r.name,
            location: where === undefined ? "-" : where.kind === "at" ? where.location : where.kind,
            dataClass,
            site: siteOf(r),
        };
    });
}

function siteOf(r: ResourceView): string {
    const bag = (
        r.type.startsWith("kubernetes:")
            ? (r.props.metadata as PlainObject | undefined)?.labels
            : r.props.tags
    ) as PlainObject | undefined;
    const own = bag?.[SITE_TAG];
    if (typeof own === "string") return own;
    const defaults = providerDefaultTags(r.provider?.props);
    const site =
        defaults !== null && typeof defaults === "object" && !Array.isArray(defaults)
            ? defaults[SITE_TAG]
            : undefined;
    return typeof site === "string" ? site : "-";
}

/** Where data flows between locations, for the residency map. */
export function describeFlows(
    record: ProgramRecord,
    graph: StackGraph,
    violations: readonly { urn: string; policy: string; enforcementLevel: string }[],
): FlowRow[] {
    const blocked = new Set(
        violations
            .filter((v) => v.enforcementLevel === "mandatory")
            .map((v) => `${v.urn}|${v.policy}`),
    );
    const flows: FlowRow[] = [];
    const label = (w: Where) => (w.kind === "at" ? w.location : w.kind);
    for (const r of graph.resources) {
        const info = AWS_TYPES[r.type];
        if (info?.references) {
            const self = selfClass(r, info);
            const cls = self === "inherits" ? enforcedClass(graph.classOf(r)) : self;
            const from = label(awsWhere(r));
            const seen = new Set<string>();
            for (const { ref, path, value } of referencesOf(r, info.references)) {
                if (ref.role !== "destination") continue;
                const statically = resolveStatically(ref, value);
                const targets = statically
                    ? [statically]
                    : resolveThroughGraph(r, ref, path, value, graph).targets.map((t) => t.where);
                for (const target of targets) {
                    const to = label(target);
                    const key = `${ref.what}|${to}`;
                    if (to === from || seen.has(key)) continue;
                    seen.add(key);
                    flows.push({
                        stack: record.stack,
                        urn: r.urn,
                        from,
                        to,
                        what: ref.what,
                        dataClass: cls.dataClass,
                        violating:
                            blocked.has(`${r.urn}|aws-data-flows`) ||
                            blocked.has(`${r.urn}|aws-data-flows-resolved`),
                    });
                }
            }
        }
        const fronts = GLOBAL_FRONTS[r.type];
        for (const key of fronts ?? []) {
            for (const origin of graph.dependenciesOf(r, key)) {
                const c = graph.classOf(origin);
                if (c.kind !== "class") continue;
                flows.push({
                    stack: record.stack,
                    urn: r.urn,
                    from: label(awsWhere(origin)),
                    to: "global",
                    what: `served through ${r.type.split(":")[2]}`,
                    dataClass: c.value,
                    violating: blocked.has(`${r.urn}|global-service-exposure`),
                });
            }
        }
    }
    return flows;
}
