/**
 * Nothing the plan starts outlives it: a program or a pack that never finishes is stopped after
 * --timeout and fails the plan; a pack that cannot start stops the one that did; SIGINT stops
 * every program and pack before the plan exits.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runningChildren } from "../../plan/children";
import { runPlan } from "../../plan/plan";
import { projectTarget } from "../../plan/stacks";
import { PROJECT_DIR } from "../support/harness";

jest.setTimeout(120_000);

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "clover-timeouts-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

const FIXTURES = path.join(PROJECT_DIR, "test", "fixtures");
const PLAN = ["-r", "./plan/typescript-hook.cjs", "plan/cli.ts"];

function neverFinishingConfig(name: string): { config: string; pidFile: string } {
    const pidFile = path.join(TMP, `${name}.pid`);
    const config = path.join(TMP, `Pulumi.${name}.yaml`);
    fs.writeFileSync(config, `config:\n  aws:region: eu-west-1\n  test:pidFile: ${pidFile}\n`);
    return { config, pidFile };
}

/** The plan's command line for the never-finishing program with this stack config. */
function planNeverFinishing(config: string): string[] {
    return [
        ...PLAN,
        "--program",
        "test/fixtures/programs/never-finishes.ts",
        "--config",
        config,
        "--policy-pack",
        "policy-packs/data-residency",
    ];
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

describe("--timeout", () => {
    it("stops a program that never finishes and fails the plan (exit 2)", () => {
        const { config, pidFile } = neverFinishingConfig("never");
        const run = spawnSync(
            process.execPath,
            [...planNeverFinishing(config), "--timeout", "0.1"],
            { cwd: PROJECT_DIR, encoding: "utf8", timeout: 90_000 },
        );
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(
            'error: the program of stack "never" did not finish within 0.1 min (--timeout); it was stopped.',
        );
        expect(alive(Number(fs.readFileSync(pidFile, "utf8")))).toBe(false);
    });

    it("gives up on a policy that never returns, and stops its pack", async () => {
        await expect(
            runPlan({
                targets: [projectTarget(PROJECT_DIR, "legacy")],
                packs: [path.join(FIXTURES, "hanging-pack")],
                mode: "preview",
                // Long enough for the program itself to finish on a loaded machine.
                timeoutMs: 12_000,
            }),
        ).rejects.toThrow(
            /policy pack .*hanging-pack did not answer analyzeStack within 0\.2 min \(--timeout\)/,
        );
        expect(runningChildren()).toBe(0);
    });

    it("rejects a timeout that is not a positive number of minutes, naming the flag", () => {
        const run = spawnSync(process.execPath, [...PLAN, "--timeout", "ten"], {
            cwd: PROJECT_DIR,
            encoding: "utf8",
        });
        expect(run.status).toBe(2);
        expect(run.stderr).toContain(
            '--timeout takes minutes, a positive number such as 10 or 0.5; got "ten"',
        );
    });
});

describe("a pack that cannot start", () => {
    it("fails the plan and stops the pack that did start", async () => {
        await expect(
            runPlan({
                targets: [projectTarget(PROJECT_DIR, "legacy")],
                packs: [
                    path.join(FIXTURES, "broken-pack"),
                    path.join(PROJECT_DIR, "policy-packs", "data-residency"),
                ],
                mode: "preview",
            }),
        ).rejects.toThrow("broken-pack cannot start: its policies failed to load");
        expect(runningChildren()).toBe(0);
    });
});

describe("SIGINT", () => {
    it("stops the programs the plan started and exits 130", async () => {
        const { config, pidFile } = neverFinishingConfig("interrupted");
        const child = spawn(process.execPath, planNeverFinishing(config), {
            cwd: PROJECT_DIR,
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<number | null>((resolve) =>
            child.on("exit", (code) => resolve(code)),
        );
        for (let i = 0; i < 600 && !fs.existsSync(pidFile); i++)
            await new Promise((r) => setTimeout(r, 100));
        const programPid = Number(fs.readFileSync(pidFile, "utf8"));
        expect(alive(programPid)).toBe(true);
        child.kill("SIGINT");
        expect(await exited).toBe(130);
        expect(stderr).toContain("SIGINT: stopping the plan's programs and policy packs");
        expect(alive(programPid)).toBe(false);
    });
});
