/**
 * The offline plan holds a program to the engine's own rules, which the SDK's mock runtime does
 * not: URNs as the engine makes them, no duplicate URN, no default provider where the stack
 * disables them, and no unhandled rejection. Each rule was found by the differential test
 * (test/engine/differential.test.ts), which runs the same programs through the real CLI.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { engineUrn } from "../../plan/program/run";
import { PROJECT_DIR } from "../support/harness";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "clover-engine-rules-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** `npm run plan` of a fixture program with a stack file of this config. */
function plan(program: string, stackConfig: string, ...args: string[]) {
    const config = path.join(TMP, `Pulumi.${program}.yaml`);
    fs.writeFileSync(config, stackConfig);
    const result = spawnSync(
        "npm",
        [
            "run",
            "--silent",
            "plan",
            "--",
            "--program",
            `test/fixtures/programs/${program}.ts`,
            "--config",
            config,
            "--policy-pack",
            "policy-packs/data-residency",
            ...args,
        ],
        { cwd: PROJECT_DIR, encoding: "utf8", timeout: 180_000 },
    );
    return { code: result.status, out: result.stdout + result.stderr };
}

const REGION = "config:\n  aws:region: eu-west-1\n";

describe("URNs as the engine makes them", () => {
    it("qualify a type by the parent's whole type chain and never by the root stack", () => {
        const stack = "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s";
        const outer = engineUrn("s", "p", stack, "test:index:Outer", "outer");
        expect(outer).toBe("urn:pulumi:s::p::test:index:Outer::outer");
        const inner = engineUrn("s", "p", outer, "test:index:Inner", "inner");
        expect(inner).toBe("urn:pulumi:s::p::test:index:Outer$test:index:Inner::inner");
        expect(engineUrn("s", "p", inner, "aws:s3/bucket:Bucket", "logs")).toBe(
            "urn:pulumi:s::p::test:index:Outer$test:index:Inner$aws:s3/bucket:Bucket::logs",
        );
        expect(engineUrn("s", "p", "", "pulumi:pulumi:Stack", "p-s")).toBe(stack);
    });

    it("are the ones a planned program's resources get", () => {
        const out = path.join(TMP, "nested.json");
        const run = plan("nested-components", REGION, "--format", "json", "--out", out);
        expect(run.code).toBe(0);
        const urns = (
            JSON.parse(fs.readFileSync(out, "utf8")) as {
                resources: { urn: string }[];
            }
        ).resources.map((r) => r.urn);
        expect(urns).toContain(
            "urn:pulumi:nested-components::clover::test:index:Outer$test:index:Inner$aws:s3/bucket:Bucket::logs",
        );
        expect(urns.filter((u) => u.includes("pulumi:pulumi:Stack$"))).toEqual([]);
    });
});

describe("programs the engine refuses fail the plan (exit 2)", () => {
    it("a duplicate URN, in the engine's words", () => {
        const run = plan("duplicate-urn", REGION);
        expect(run.code).toBe(2);
        expect(run.out).toContain(
            "Duplicate resource URN 'urn:pulumi:duplicate-urn::clover::aws:s3/bucket:Bucket::logs'; try giving it a unique name",
        );
    });

    it("a default provider in a stack that disables them", () => {
        const run = plan(
            "default-provider",
            `${REGION}  pulumi:disable-default-providers: ["*"]\n`,
        );
        expect(run.code).toBe(2);
        expect(run.out).toContain(
            "Default provider for 'aws' disabled. 'urn:pulumi:default-provider::clover::aws:s3/bucket:Bucket::logs' must use an explicit provider.",
        );
    });

    it("but the same program where only kubernetes is disabled passes", () => {
        const run = plan(
            "default-provider",
            `${REGION}  pulumi:disable-default-providers: ["kubernetes"]\n`,
        );
        expect(run.code).toBe(0);
    });

    it("a disable-default-providers value that is not a list, naming the key", () => {
        const run = plan("default-provider", `${REGION}  pulumi:disable-default-providers: aws\n`);
        expect(run.code).toBe(2);
        expect(run.out).toContain(
            'pulumi:disable-default-providers = aws: not a list of package names; it must be a list such as ["*"]',
        );
    });

    it("a promise that rejects without anyone awaiting it", () => {
        const run = plan("rejects-before-yielding", REGION);
        expect(run.code).toBe(2);
        expect(run.out).toContain("Error: the site's inventory could not be read");
    });
});
