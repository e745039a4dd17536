import type { ResourceRow } from "./model";

export interface SummaryRow {
    readonly site: string;
    readonly location: string;
    readonly dataClass: string;
    readonly count: number;
}

/** Data-holding resources counted by site, location and data class. */
export function summarise(resources: readonly ResourceRow[]): SummaryRow[] {
    const counts = new Map<string, SummaryRow>();
    for (const r of resources) {
        if (r.dataClass === "-") continue;
        const key = `${r.site}\u0000${r.location}\u0000${r.dataClass}`;
        const row = counts.get(key) ?? {
            site: r.site,
            location: r.location,
            dataClass: r.dataClass,
            count: 0,
        };
        counts.set(key, { ...row, count: row.count + 1 });
    }
    return [...counts.values()].sort(
        (a, b) =>
            a.site.localeCompare(b.site) ||
            a.location.localeCompare(b.location) ||
            a.dataClass.localeCompare(b.dataClass),
    );
}
