import {
    AWS_TYPES,
    awsWhere,
    describePath,
    type EffectiveClass,
    enforcedClass,
    type Plain,
    type Reference,
    referencesOf,
    residencyFinding,
    resolveStatically,
    resolveThroughGraph,
    type ResourceView,
    selfClass,
    type Settings,
    type StackGraph,
    stricterThan,
    topLevelKey,
    type Where,
} from "@clover/residency-model";
import type { CloverResourcePolicy, CloverStackPolicy, Finding } from "../lib/policy";

/** The finding when a destination or key of `r` is outside the locations approved for its data. */
function check(
    r: ResourceView,
    cls: EffectiveClass,
    ref: Reference,
    path: string,
    where: Where,
    settings: Settings,
): Finding[] {
    const fix =
        ref.role === "key"
            ? "encrypt with a customer-managed key of the same site (the site's keys component)."
            : where.kind === "unknown"
              ? `point ${path} at a resource of this stack in an approved location, so that the destination can be verified.`
              : `point ${path} at a destination in an approved location, or remove it.`;
    return residencyFinding({
        resource: r,
        cls,
        subject: `its ${ref.what} (${path})`,
        where,
        settings,
        fix,
    });
}

export const awsDataFlows: CloverResourcePolicy = {
    scope: "resource",
    name: "aws-data-flows",
    description:
        "Every destination an AWS resource sends data to (replication, replicas, copies, backups, subscriptions, deliveries) and every KMS key it uses is in a location approved for its data.",
    severity: "critical",
    remediationSteps:
        "Replicate, copy and back up only to destinations in approved locations, and encrypt with keys of the same site.",
    evaluate: (r, { settings }) => {
        const info = AWS_TYPES[r.type];
        if (!info?.references) return [];
        const cls = selfClass(r, info);
        if (cls === "inherits") return [];
        return referencesOf(r, info.references).flatMap(({ ref, path, value }) => {
            const where = resolveStatically(ref, value);
            return where ? check(r, cls, ref, path, where, settings) : [];
        });
    },
};

export const awsDataFlowsResolved: CloverStackPolicy = {
    scope: "stack",
    name: "aws-data-flows-resolved",
    description:
        "Destinations and keys named without a region (S3 ARNs, names, values unknown during preview) are resolved through the stack graph, and resources that receive data (copies, replicas, deliveries, movers that inherit their class) are held to the class that flows into them.",
    severity: "critical",
    remediationSteps:
        "Name destinations by resources of this stack in approved locations; a destination the pack cannot trace is treated as outside the enclave for protected data.",
    evaluate: (graph, { settings }) =>
        graph.resources.flatMap((r) => evaluateWithGraph(r, graph, settings)),
};

function evaluateWithGraph(r: ResourceView, graph: StackGraph, settings: Settings): Finding[] {
    const info = AWS_TYPES[r.type];
    if (!info) return [];
    const self = selfClass(r, info);
    const inherited = self === "inherits";
    let cls = inherited ? enforcedClass(graph.classOf(r)) : self;
    // A copy holds what flows into it, whatever its own tag says (the declassification policy
    // reports the tag); the per-resource policies saw only the tag.
    const received = graph.classFlow.received(r);
    const raised = received !== undefined && stricterThan(received.dataClass, cls.dataClass);
    if (raised)
        cls = {
            dataClass: received.dataClass,
            source: `it flows in: ${describePath(received.path)}`,
        };
    const findings: Finding[] = [];
    if (inherited || raised) {
        // Its own location was not decided per resource with this class.
        findings.push(
            ...residencyFinding({
                resource: r,
                cls,
                subject: "it",
                where: awsWhere(r),
                settings,
                fix: inherited
                    ? "create it through the site's provider, in the same location as the data it copies."
                    : `keep it where ${cls.dataClass} data may be (through the site's provider), or stop the flow into it.`,
            }),
        );
    }
    const reported = new Set<string>();
    for (const { ref, path, value } of referencesOf(r, info.references ?? [])) {
        const statically = resolveStatically(ref, value);
        if (statically) {
            if (inherited || raised)
                findings.push(...check(r, cls, ref, path, statically, settings));
            continue;
        }
        for (const finding of checkThroughGraph(r, cls, ref, path, value, graph, settings)) {
            // Property dependencies are known per top-level input only, so values unknown during
            // preview cannot tell apart the references under one input (every element of
            // `details.regions[*].bucket`, or a plan's vaults under `rules`): report each target
            // once per input, under the first reference that reaches it.
            const key =
                typeof value === "string"
                    ? `${path}|${finding.message}`
                    : `${topLevelKey(ref.path)}|${finding.target ?? finding.message}`;
            if (reported.has(key)) continue;
            reported.add(key);
            findings.push(finding.finding);
        }
    }
    return findings;
}

function checkThroughGraph(
    r: ResourceView,
    cls: EffectiveClass,
    ref: Reference,
    path: string,
    value: Plain,
    graph: StackGraph,
    settings: Settings,
): { finding: Finding; message: string; target?: string }[] {
    const resolved = resolveThroughGraph(r, ref, path, value, graph);
    const shownPath = typeof value === "string" ? path : ref.path;
    return resolved.targets.flatMap((t) =>
        check(r, cls, ref, shownPath, t.where, settings).map((finding) => ({
            finding,
            message: finding.message,
            target: t.resource?.urn,
        })),
    );
}
