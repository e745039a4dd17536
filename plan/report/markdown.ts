import { dateNotice, outsideEuropeNotices, type PlanReport } from "./model";
import { residencyMap } from "./map";
import { summarise } from "./summary";

/** The report for a pull-request comment: verdict first, then each stack. */
export function renderMarkdown(report: PlanReport): string {
    const out: string[] = [...dateNotice(report), ...outsideEuropeNotices(report)].flatMap(
        (line) => [`> **${escape(line)}**`, ""],
    );
    const mandatory = report.stacks.flatMap((s) =>
        s.violations.filter((v) => v.enforcementLevel === "mandatory"),
    );
    out.push(
        report.verdict === "pass"
            ? `## ✅ Offline plan: pass`
            : `## ❌ Offline plan: ${mandatory.length} mandatory violation(s), the deploy is blocked`,
    );
    out.push("");
    out.push(
        `Policy packs: ${report.packs.map((p) => `\`${p.name}@${p.version}\``).join(", ")}. Stacks: ${report.stacks.map((s) => `\`${s.stack}\``).join(", ")}. Policy config: ${policyConfigs(report)}.`,
    );
    out.push("", "### Residency map", "", residencyMap(report));
    for (const s of report.stacks) {
        out.push(
            "",
            `### Stack \`${s.stack}\` (${s.mode} mode, ${s.resources.length} resources)`,
            "",
        );
        out.push("| site | location | data class | resources |", "| --- | --- | --- | ---: |");
        for (const r of summarise(s.resources))
            out.push(`| ${r.site} | ${r.location} | ${r.dataClass} | ${r.count} |`);
        out.push("");
        if (s.violations.length === 0) {
            out.push("No violations.");
            continue;
        }
        out.push("| level | policy | resource | message |", "| --- | --- | --- | --- |");
        for (const v of s.violations) {
            out.push(
                `| ${v.enforcementLevel} | \`${v.pack}/${v.policy}\` | \`${v.urn.split("::").pop()}\` | ${escape(v.message)} |`,
            );
        }
    }
    return out.join("\n") + "\n";
}

function escape(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function policyConfigs(report: PlanReport): string {
    const files = [...new Set(report.stacks.flatMap((s) => s.policyConfigFiles))];
    return files.length > 0 ? files.map((f) => `\`${f}\``).join(", ") : "the packs' defaults";
}
