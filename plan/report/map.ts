import { locationInfo } from "@clover/vocabulary";
import type { PlanReport } from "./model";

/**
 * The residency map (Mermaid): each location with the sites and data classes it holds, and every
 * flow of data between locations, violating flows drawn in red.
 */
export function residencyMap(report: PlanReport): string {
    const id = (text: string) => text.replace(/[^a-zA-Z0-9]/g, "_");
    const holdings = new Map<string, Map<string, Map<string, number>>>();
    for (const r of report.stacks.flatMap((s) => s.resources)) {
        if (r.dataClass === "-" || r.location === "-") continue;
        const sites = holdings.get(r.location) ?? new Map<string, Map<string, number>>();
        const classes = sites.get(r.site) ?? new Map<string, number>();
        classes.set(r.dataClass, (classes.get(r.dataClass) ?? 0) + 1);
        sites.set(r.site, classes);
        holdings.set(r.location, sites);
    }
    const flows = report.stacks.flatMap((s) => s.flows);
    for (const f of flows) if (!holdings.has(f.to)) holdings.set(f.to, new Map());

    const lines = ["flowchart LR"];
    for (const [location, sites] of [...holdings].sort(([a], [b]) => a.localeCompare(b))) {
        const place =
            locationInfo(location)?.place ??
            (location === "global"
                ? "global service, no location"
                : location === "unknown"
                  ? "location unknown"
                  : location);
        lines.push(`    subgraph ${id(location)}["${location} — ${place}"]`);
        if (sites.size === 0) lines.push(`        ${id(location)}_none["(destination only)"]`);
        for (const [site, classes] of [...sites].sort(([a], [b]) => a.localeCompare(b))) {
            const held = [...classes]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([c, n]) => `${c} ${n}`)
                .join(" · ");
            lines.push(`        ${id(location)}_${id(site)}["site ${site}<br/>${held}"]`);
        }
        lines.push("    end");
    }
    const red: number[] = [];
    const edges = new Map<
        string,
        { from: string; to: string; label: string; violating: boolean }
    >();
    for (const f of flows) {
        const key = `${f.from}|${f.to}|${f.what}|${f.dataClass}|${f.violating}`;
        if (!edges.has(key))
            edges.set(key, {
                from: f.from,
                to: f.to,
                label: `${f.what} (${f.dataClass})`,
                violating: f.violating,
            });
    }
    [...edges.values()].forEach((e, i) => {
        lines.push(`    ${id(e.from)} -- "${e.violating ? "⛔ " : ""}${e.label}" --> ${id(e.to)}`);
        if (e.violating) red.push(i);
    });
    if (red.length > 0)
        lines.push(`    linkStyle ${red.join(",")} stroke:#d00,stroke-width:3px,color:#d00`);
    return ["```mermaid", ...lines, "```"].join("\n");
}
