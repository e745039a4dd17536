import { dateNotice, outsideEuropeNotices, type PlanReport } from "./model";
import { summarise } from "./summary";

/** The plain-text report printed to the terminal. */
export function renderTable(report: PlanReport): string {
    const lines: string[] = [...dateNotice(report), ...outsideEuropeNotices(report)];
    lines.push(
        `Policy packs: ${report.packs.map((p) => `${p.name}@${p.version} (${p.policies.length} policies)`).join(", ")}`,
    );
    for (const s of report.stacks) {
        lines.push("");
        const mandatory = s.violations.filter((v) => v.enforcementLevel === "mandatory").length;
        lines.push(
            `Stack ${s.stack} (${s.mode} mode, ${s.resources.length} resources, ${[s.configFile, ...s.policyConfigFiles].join(", ")})`,
        );
        lines.push(
            ...columns(
                ["site", "location", "data class", "resources"],
                summarise(s.resources).map((r) => [
                    r.site,
                    r.location,
                    r.dataClass,
                    String(r.count),
                ]),
            ).map((l) => `  ${l}`),
        );
        if (s.violations.length === 0) {
            lines.push("  no violations");
            continue;
        }
        lines.push(`  ${s.violations.length} violation(s), ${mandatory} mandatory:`);
        for (const v of s.violations) {
            lines.push(`  [${v.enforcementLevel}] ${v.pack}/${v.policy}  ${v.urn}`);
            lines.push(`      ${v.message}`);
        }
    }
    lines.push("");
    const total = report.stacks.reduce(
        (n, s) => n + s.violations.filter((v) => v.enforcementLevel === "mandatory").length,
        0,
    );
    lines.push(
        report.verdict === "pass"
            ? `PASS: ${report.stacks.length} stack(s), no mandatory violations.`
            : `FAIL: ${total} mandatory violation(s) in ${report.stacks.filter((s) => s.violations.some((v) => v.enforcementLevel === "mandatory")).length} stack(s); the deploy would be blocked.`,
    );
    return lines.join("\n") + "\n";
}

function columns(header: string[], rows: string[][]): string[] {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => c.padEnd(widths[i]))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
