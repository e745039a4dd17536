import "@microsoft/jest-sarif";
import * as fs from "fs";
import * as path from "path";
import { runPlan, type PlanTarget } from "../../plan/plan";
import { renderJson } from "../../plan/report/json";
import { renderMarkdown } from "../../plan/report/markdown";
import { renderSarif } from "../../plan/report/sarif";
import { renderTable } from "../../plan/report/table";
import type { PlanReport } from "../../plan/report/model";
import { committedPackConfig } from "../../plan/policy-config";
import { listStacks, projectTarget } from "../../plan/stacks";
import { corpusTargets } from "../support/corpus";
import { PROJECT_DIR } from "../support/harness";

const RESIDENCY_PACK = path.join(PROJECT_DIR, "policy-packs", "data-residency");
/** Every pack, as `npm run plan` runs them. */
const PACKS = [RESIDENCY_PACK, path.join(PROJECT_DIR, "policy-packs", "enclave-security")];

function projectTargets(): PlanTarget[] {
    return listStacks(PROJECT_DIR).map((stack) => projectTarget(PROJECT_DIR, stack));
}

describe("the project's own stacks", () => {
    let report: PlanReport;
    beforeAll(async () => {
        report = await runPlan({
            targets: projectTargets(),
            packs: PACKS,
            mode: "preview",
            packConfig: committedPackConfig(PROJECT_DIR),
            today: "2026-11-22",
        });
    }, 180_000);

    it("pass: the sites with zero violations, the legacy stack with its waived ones only", () => {
        expect(
            report.stacks.map((s) => [
                s.stack,
                s.violations.map(
                    (v) => `${v.enforcementLevel} ${v.policy} ${v.urn.split("::").pop()}`,
                ),
            ]),
        ).toEqual([
            ["dublin", []],
            ["dublin-2", []],
            ["hamar", []],
            [
                "legacy",
                [
                    "advisory waived-violations legacy-clover-users-singapore",
                    "advisory waived-violations legacy-clover-users-virginia",
                ],
            ],
        ]);
        expect(report.verdict).toBe("pass");
    });

    it("have every classified resource at its site's location, and no unclassified store", () => {
        const where = report.stacks.map((s) => {
            const classified = s.resources.filter((r) => r.dataClass !== "-");
            return [
                s.stack,
                classified.length,
                [...new Set(classified.map((r) => r.location))],
                classified.filter((r) => r.dataClass === "unclassified").length,
            ];
        });
        expect(where).toEqual([
            ["dublin", 49, ["aws:eu-west-1"], 0],
            ["dublin-2", 49, ["aws:eu-west-1"], 0],
            ["hamar", 43, ["onprem:hamar"], 0],
            ["legacy", 2, ["aws:us-east-1", "aws:ap-southeast-1"], 0],
        ]);
    });

    it("render as JSON with resources and violations", () => {
        const json = JSON.parse(renderJson(report));
        expect(json.verdict).toBe("pass");
        expect(
            json.violations.map(
                (v: { policy: string; enforcementLevel: string }) =>
                    `${v.enforcementLevel} ${v.policy}`,
            ),
        ).toEqual(["advisory waived-violations", "advisory waived-violations"]);
        expect(json.resources).toContainEqual({
            stack: "dublin",
            urn: "urn:pulumi:dublin::clover::clover:site:AwsSite$clover:storage:DataBucket$aws:s3/bucket:Bucket::dublin-protected-bucket",
            type: "aws:s3/bucket:Bucket",
            name: "dublin-protected-bucket",
            location: "aws:eu-west-1",
            dataClass: "protected",
            site: "dublin",
        });
    });

    it("map every location they hold data in, with no flow between locations", () => {
        const markdown = renderMarkdown(report);
        expect(markdown.split("\n").slice(0, 7)).toEqual([
            "> **NOTE: evaluated as of 2026-11-22, not today (" +
                report.realToday +
                "): waiver expiry was judged against 2026-11-22.**",
            "",
            "## ✅ Offline plan: pass",
            "",
            "Policy packs: `data-residency@0.2.0`, `enclave-security@0.2.0`. Stacks: `dublin`, `dublin-2`, `hamar`, `legacy`. Policy config: `policy-config/dublin/data-residency.json`, `policy-config/dublin/enclave-security.json`, `policy-config/dublin-2/data-residency.json`, `policy-config/dublin-2/enclave-security.json`, `policy-config/hamar/data-residency.json`, `policy-config/hamar/enclave-security.json`, `policy-config/legacy/data-residency.json`, `policy-config/legacy/enclave-security.json`.",
            "",
            "### Residency map",
        ]);
        expect(markdown).toContain(
            '        aws_eu_west_1_dublin["site dublin<br/>internal 10 · protected 31 · public 8"]',
        );
        expect(markdown).toContain(
            '        onprem_hamar_hamar["site hamar<br/>internal 11 · protected 25 · public 7"]',
        );
        expect(markdown).toContain('        aws_us_east_1_legacy["site legacy<br/>protected 1"]');
        expect(markdown).not.toContain(" --> ");
        expect(report.stacks.flatMap((s) => s.flows)).toEqual([]);
    });

    it("are the report the README shows", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        const shown = readme
            .slice(readme.indexOf("### ✅ Offline plan"), readme.indexOf("## Running it for real"))
            .trim();
        // The README shows an ordinary run's report: without the banner of a run judged as of another day.
        const demoted = renderMarkdown({ ...report, realToday: report.today })
            .split("\n")
            .map((l) => (l.startsWith("### ") ? `#${l}` : l.startsWith("## ") ? `#${l}` : l))
            .join("\n")
            .trim();
        // Prettier aligns the README's tables; compare cell by cell.
        const cells = (text: string) =>
            text
                .split("\n")
                .map((l) =>
                    l.startsWith("|")
                        ? l
                              .split("|")
                              .map((c) => c.trim().replace(/^-+(:?)$/, "---$1"))
                              .join("|")
                        : l,
                )
                .join("\n");
        expect(cells(shown)).toBe(cells(demoted));
    });

    it("render as a table that ends with the verdict", () => {
        const table = renderTable(report);
        expect(table.split("\n")[0]).toBe(
            `NOTE: evaluated as of 2026-11-22, not today (${report.realToday}): waiver expiry was judged against 2026-11-22.`,
        );
        expect(table).toContain(
            "Stack dublin (preview mode, 163 resources, stacks/Pulumi.dublin.yaml, policy-config/dublin/data-residency.json, policy-config/dublin/enclave-security.json)",
        );
        expect(table).toContain("  dublin  aws:eu-west-1  protected   31");
        expect(table).toContain("  hamar  onprem:hamar  protected   25");
        expect(table.trimEnd().split("\n").pop()).toBe(
            "PASS: 4 stack(s), no mandatory violations.",
        );
    });
});

describe("a report with violations", () => {
    let report: PlanReport;
    beforeAll(async () => {
        const targets = corpusTargets("evasions").filter((t) =>
            ["region-override", "cloudfront-front"].includes(t.stack),
        );
        // The residency evasions are single resources, not sites: only the residency pack applies.
        report = await runPlan({ targets, packs: [RESIDENCY_PACK], mode: "preview" });
    }, 180_000);

    it("is valid SARIF 2.1.0 with one result per violation", () => {
        const sarif = JSON.parse(renderSarif(report));
        expect(sarif).toBeValidSarifLog();
        const run = sarif.runs[0];
        expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain(
            "data-residency/aws-data-location",
        );
        expect(
            run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
        ).toEqual([
            ["data-residency/global-service-exposure", "error"],
            ["data-residency/aws-data-location", "error"],
        ]);
        expect(run.results[1].locations[0]).toEqual({
            physicalLocation: {
                artifactLocation: { uri: "test/corpus/Pulumi.corpus.yaml" },
                region: { startLine: 1 },
            },
            logicalLocations: [
                {
                    fullyQualifiedName:
                        "urn:pulumi:region-override::clover::aws:s3/bucket:Bucket::pii",
                    kind: "resource",
                },
            ],
        });
    });

    it("draws the residency map with the violating flow in red", () => {
        const markdown = renderMarkdown(report);
        const map = markdown.slice(
            markdown.indexOf("```mermaid"),
            markdown.indexOf("```", markdown.indexOf("```mermaid") + 3) + 3,
        );
        expect(map).toContain('subgraph aws_eu_west_1["aws:eu-west-1 — Dublin, Ireland"]');
        expect(map).toContain(
            'subgraph aws_us_east_1["aws:us-east-1 — N. Virginia, United States"]',
        );
        expect(map).toContain('subgraph global["global — global service, no location"]');
        expect(map).toContain(
            'aws_eu_west_1 -- "⛔ served through Distribution (protected)" --> global',
        );
        expect(map).toContain("linkStyle 0 stroke:#d00,stroke-width:3px,color:#d00");
    });

    it("opens the markdown with the verdict", () => {
        const markdown = renderMarkdown(report);
        expect(markdown.split("\n")[0]).toBe(
            "## ❌ Offline plan: 2 mandatory violation(s), the deploy is blocked",
        );
        expect(markdown).toContain("| mandatory | `data-residency/aws-data-location` | `pii` |");
    });

    it("names the violation's pack, policy, level and resource in JSON", () => {
        const json = JSON.parse(renderJson(report));
        expect(json.verdict).toBe("fail");
        expect(
            json.violations.map((v: Record<string, string>) => [
                v.stack,
                v.pack,
                v.policy,
                v.enforcementLevel,
                v.urn,
            ]),
        ).toEqual([
            [
                "cloudfront-front",
                "data-residency",
                "global-service-exposure",
                "mandatory",
                "urn:pulumi:cloudfront-front::clover::aws:cloudfront/distribution:Distribution::cdn",
            ],
            [
                "region-override",
                "data-residency",
                "aws-data-location",
                "mandatory",
                "urn:pulumi:region-override::clover::aws:s3/bucket:Bucket::pii",
            ],
        ]);
    });
});
