/**
 * Migration under time-boxed waivers, through the offline plan: waived violations are reported
 * as waived and do not block; an expired waiver blocks; a stale waiver is reported; a new
 * protected store outside Europe is blocked even while waivers exist.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan, type PlanTarget } from "../../plan/plan";
import type { PlanReport } from "../../plan/report/model";
import { stackPolicyConfigFile } from "../../plan/policy-config";
import { projectTarget, readProject, readStackFile } from "../../plan/stacks";
import { CORPUS_DIR } from "../support/corpus";
import { PROJECT_DIR } from "../support/harness";

const PACK = path.join(PROJECT_DIR, "policy-packs", "data-residency");
const LEGACY_CONFIG = stackPolicyConfigFile(PROJECT_DIR, "legacy", PACK);
/** The legacy stack's committed policy config, as its preview passes it. */
const legacyConfig = () => LEGACY_CONFIG;
const VIRGINIA =
    "urn:pulumi:legacy::clover::clover:site:LegacySite$aws:s3/bucket:Bucket::legacy-clover-users-virginia";
const SINGAPORE =
    "urn:pulumi:legacy::clover::clover:site:LegacySite$aws:s3/bucket:Bucket::legacy-clover-users-singapore";

const legacyTarget = (program?: string): PlanTarget =>
    projectTarget(PROJECT_DIR, "legacy", program);

const summary = (report: PlanReport) =>
    report.stacks[0].violations.map((v) => [v.policy, v.enforcementLevel, v.urn]);

describe("the legacy stack under waivers", () => {
    it("passes while the waivers hold, reporting each waived violation with its ticket", async () => {
        const report = await runPlan({
            targets: [legacyTarget()],
            packs: [PACK],
            mode: "preview",
            packConfig: legacyConfig,
            today: "2026-11-22",
        });
        expect(report.verdict).toBe("pass");
        expect(summary(report)).toEqual([
            ["waived-violations", "advisory", SINGAPORE],
            ["waived-violations", "advisory", VIRGINIA],
        ]);
        expect(report.stacks[0].violations[1].message).toMatch(
            /^\[waived: aws-data-location, ticket MIG-142, until 2027-03-31: European users' profiles from the old US platform, being copied to Dublin and verified before deletion\] aws:s3\/bucket:Bucket "legacy-clover-users-virginia" holds protected data/,
        );
    }, 120_000);

    it("blocks once a waiver has expired, saying so", async () => {
        const report = await runPlan({
            targets: [legacyTarget()],
            packs: [PACK],
            mode: "preview",
            packConfig: legacyConfig,
            today: "2027-02-01",
        });
        expect(report.verdict).toBe("fail");
        expect(summary(report)).toEqual([
            ["aws-data-location", "mandatory", SINGAPORE],
            ["waived-violations", "advisory", VIRGINIA],
        ]);
        expect(report.stacks[0].violations[0].message).toContain(
            "The waiver for this (ticket MIG-143) expired on 2027-01-31; migrate the data or renew the waiver in the stack's policy config.",
        );
    }, 120_000);

    it("still holds on its last day", async () => {
        const report = await runPlan({
            targets: [legacyTarget()],
            packs: [PACK],
            mode: "preview",
            packConfig: legacyConfig,
            today: "2027-01-31",
        });
        expect(report.verdict).toBe("pass");
    }, 120_000);

    it("blocks a new protected store outside Europe even while waivers exist", async () => {
        const report = await runPlan({
            targets: [legacyTarget(path.join(CORPUS_DIR, "waivers", "legacy-and-new-store.ts"))],
            packs: [PACK],
            mode: "preview",
            packConfig: legacyConfig,
            today: "2026-11-22",
        });
        expect(report.verdict).toBe("fail");
        expect(summary(report)).toEqual([
            [
                "aws-data-location",
                "mandatory",
                "urn:pulumi:legacy::clover::aws:s3/bucket:Bucket::new-users-virginia",
            ],
            ["waived-violations", "advisory", SINGAPORE],
            ["waived-violations", "advisory", VIRGINIA],
        ]);
    }, 120_000);

    it("reports a waiver that matches nothing", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-waivers-"));
        const settings = path.join(dir, "data-residency.json");
        const stale =
            "urn:pulumi:legacy::clover::clover:site:LegacySite$aws:s3/bucket:Bucket::legacy-clover-users-oregon";
        const config = JSON.parse(fs.readFileSync(LEGACY_CONFIG, "utf8"));
        const waiver = {
            urn: stale,
            policy: "aws-data-location",
            reason: "migrated already",
            ticket: "MIG-99",
            expires: "2027-06-30",
        };
        config["aws-data-location"].waivers.push(waiver);
        config["waived-violations"].waivers.push(waiver);
        fs.writeFileSync(settings, JSON.stringify(config));
        const report = await runPlan({
            targets: [legacyTarget()],
            packs: [PACK],
            mode: "preview",
            packConfig: () => settings,
            today: "2026-11-22",
        });
        expect(report.verdict).toBe("pass");
        const staleReport = report.stacks[0].violations.find((v) => v.urn === stale);
        expect(staleReport).toMatchObject({
            policy: "waived-violations",
            enforcementLevel: "advisory",
            message: `The waiver for aws-data-location on ${stale} (ticket MIG-99, until 2027-06-30) matches no violation: no such resource is in the stack. Fix: remove the waiver from the stack's policy config.`,
        });
        fs.rmSync(dir, { recursive: true });
    }, 120_000);

    it("does not let a waiver of another stack cover this one", async () => {
        const project = readProject(PROJECT_DIR);
        const file = readStackFile(
            path.join(CORPUS_DIR, "Pulumi.corpus.yaml"),
            project,
            "provider-region",
        );
        const report = await runPlan({
            targets: [
                {
                    stack: "provider-region",
                    project: "clover",
                    program: path.join(CORPUS_DIR, "evasions", "provider-region.ts"),
                    configFile: "x",
                    config: file.config,
                    secretKeys: [],
                    cwd: PROJECT_DIR,
                },
            ],
            packs: [PACK],
            mode: "preview",
            packConfig: legacyConfig,
        });
        expect(summary(report)).toEqual([
            [
                "aws-data-location",
                "mandatory",
                "urn:pulumi:provider-region::clover::aws:s3/bucket:Bucket::pii",
            ],
        ]);
    }, 120_000);
});
