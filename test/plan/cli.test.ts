/**
 * `npm run plan` as users and CI run it: exit codes, formats and errors.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "../support/harness";

function plan(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const result = spawnSync("npm", ["run", "--silent", "plan", "--", ...args], {
        cwd: PROJECT_DIR,
        encoding: "utf8",
        timeout: 180_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "clover-cli-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

describe("npm run plan", () => {
    it("exits 0 for the project's stacks and writes the JSON report", () => {
        const out = path.join(TMP, "plan.json");
        const run = plan("--format", "json", "--out", out, "--today", "2026-11-22");
        expect(run.code).toBe(0);
        expect(run.stdout).toContain("PASS: 4 stack(s), no mandatory violations.");
        const json = JSON.parse(fs.readFileSync(out, "utf8"));
        expect(json.stacks.map((s: { stack: string }) => s.stack)).toEqual([
            "dublin",
            "dublin-2",
            "hamar",
            "legacy",
        ]);
    }, 180_000);

    it("exits 1 for a program that puts protected data in us-east-1", () => {
        const run = plan(
            "--program",
            "test/corpus/evasions/provider-region.ts",
            "--config",
            "test/corpus/Pulumi.corpus.yaml",
            "--policy-pack",
            "policy-packs/data-residency",
        );
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(
            "[mandatory] data-residency/aws-data-location  urn:pulumi:corpus::clover::aws:s3/bucket:Bucket::pii",
        );
        expect(run.stdout).toContain(
            "FAIL: 1 mandatory violation(s) in 1 stack(s); the deploy would be blocked.",
        );
    }, 180_000);

    it("runs both packs by default: a bare protected bucket is also unsealed and unmonitored", () => {
        const run = plan(
            "--program",
            "test/corpus/evasions/provider-region.ts",
            "--config",
            "test/corpus/Pulumi.corpus.yaml",
        );
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(
            "Policy packs: data-residency@0.2.0 (12 policies), enclave-security@0.2.0 (13 policies)",
        );
        const blocking = run.stdout
            .split("\n")
            .filter((l) => l.startsWith("  [mandatory] "))
            .map((l) => l.trim().split(/\s+/)[1]);
        expect(blocking).toEqual([
            "data-residency/aws-data-location",
            "enclave-security/monitor-archive",
            "enclave-security/monitor-archive",
            "enclave-security/monitor-archive",
            "enclave-security/protected-access-principals",
            "enclave-security/protected-access-principals",
            "enclave-security/protected-store-deletion-protection",
            "enclave-security/protected-store-deletion-protection",
            "enclave-security/protected-store-encryption",
            "enclave-security/protected-store-public-access",
            "enclave-security/protected-store-tls-only",
        ]);
        expect(run.stdout).toContain(
            "FAIL: 11 mandatory violation(s) in 1 stack(s); the deploy would be blocked.",
        );
    }, 180_000);

    it("exits 2 for an unknown stack", () => {
        const run = plan("--stack", "london");
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('error: unknown stack "london"');
        expect(run.stderr).toContain("the stacks are dublin, dublin-2, hamar, legacy");
    }, 60_000);

    it("exits 2 for a missing config file", () => {
        const run = plan("--program", "index.ts", "--config", "stacks/Pulumi.nowhere.yaml");
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
            "error: stack config file not found: stacks/Pulumi.nowhere.yaml",
        );
    }, 60_000);

    it("exits 2 with the program's error when the program throws", () => {
        const config = path.join(TMP, "Pulumi.broken.yaml");
        fs.writeFileSync(
            config,
            fs
                .readFileSync(path.join(PROJECT_DIR, "stacks", "Pulumi.dublin.yaml"), "utf8")
                .replace("10.20.0.0/16", "10.20.0.0/33"),
        );
        const run = plan("--program", "index.ts", "--config", config);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('the program of stack "broken" failed:');
        expect(run.stderr).toContain(
            'clover:vpcCidr = "10.20.0.0/33": "10.20.0.0/33" is not an IPv4 CIDR block',
        );
    }, 180_000);

    it("exits 2 for a usage error, with the usage", () => {
        const run = plan("--format", "html");
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(
            'error: --format must be one of table, json, markdown, sarif; got "html"',
        );
        expect(run.stderr).toContain("Usage:");
    }, 60_000);
});
