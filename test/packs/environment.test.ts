/**
 * Nothing from the environment changes what a mandatory pack decides: the packs and the model
 * read no environment variable, and the variables that once replaced the settings or froze the
 * date change nothing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../../plan/plan";
import { committedPackConfig } from "../../plan/policy-config";
import { projectTarget } from "../../plan/stacks";
import { PROJECT_DIR } from "../support/harness";
import { typeScriptSources } from "../support/sources";

describe("the packs and the residency model", () => {
    it("read no environment variable", () => {
        const files = [
            ...typeScriptSources(path.join(PROJECT_DIR, "policy-packs")),
            ...typeScriptSources(path.join(PROJECT_DIR, "packages")),
        ];
        expect(files.length).toBeGreaterThan(20);
        const reading = files.filter((f) =>
            /process\.env|process\.argv/.test(fs.readFileSync(f, "utf8")),
        );
        expect(reading.map((f) => path.relative(PROJECT_DIR, f))).toEqual([]);
    });

    it("decide the same with the old settings and date variables set", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-env-"));
        const bad = path.join(dir, "config.yaml");
        fs.writeFileSync(bad, "approvedLocations:\n  protected: anywhere\nwaivers: []\n");
        const run = () =>
            runPlan({
                targets: [projectTarget(PROJECT_DIR, "legacy")],
                packs: [path.join(PROJECT_DIR, "policy-packs", "data-residency")],
                mode: "preview",
                packConfig: committedPackConfig(PROJECT_DIR),
                today: "2027-02-01",
            });
        const summary = (r: Awaited<ReturnType<typeof run>>) =>
            r.stacks[0].violations.map((v) => [
                v.policy,
                v.enforcementLevel,
                v.urn.split("::").pop(),
            ]);
        const clean = await run();
        const saved = { ...process.env };
        Object.assign(process.env, {
            CLOVER_RESIDENCY_CONFIG: bad,
            CLOVER_RESIDENCY_TODAY: "2026-01-01",
        });
        try {
            const polluted = await run();
            expect(summary(polluted)).toEqual(summary(clean));
        } finally {
            process.env = saved;
            fs.rmSync(dir, { recursive: true });
        }
        // On 2027-02-01 the Singapore waiver has expired: it blocks, whatever the environment says.
        expect(summary(clean)).toEqual([
            ["aws-data-location", "mandatory", "legacy-clover-users-singapore"],
            ["waived-violations", "advisory", "legacy-clover-users-virginia"],
        ]);
    }, 180_000);
});
