/**
 * The real Pulumi engine, run as the README's "Running it for real" says: `pulumi stack init`,
 * `pulumi config set --secret clover:kubeconfig` for hamar, then
 * `pulumi preview -s <stack> --policy-pack ... --policy-pack-config ...` for every stack, with the
 * CLI built from its Go modules (engine/build.sh), the offline providers and a `file://` backend.
 */
import * as fs from "fs";
import * as path from "path";
import { pulumiPolicyArgs } from "../../plan/policy-config";
import { listStacks } from "../../plan/stacks";
import { EngineWorkspace, projectFile, TEST_HAMAR_KUBECONFIG } from "../support/engine";
import { PROJECT_DIR } from "../support/harness";

jest.setTimeout(10 * 60_000);

/** The "Policies:" section of the CLI's preview output. */
function policiesSection(output: string): string {
    const start = output.indexOf("Policies:");
    const end = output.indexOf("\nOutputs:", start);
    return start < 0 ? "" : output.slice(start, end < 0 ? undefined : end);
}

describe("pulumi preview of every stack with both packs, as the README runs it", () => {
    const stacks = listStacks(PROJECT_DIR);
    let ws: EngineWorkspace;

    beforeAll(async () => {
        ws = EngineWorkspace.create();
        for (const stack of stacks) await ws.initStack(stack);
        await ws.setSecret("hamar", "clover:kubeconfig", TEST_HAMAR_KUBECONFIG);
    });
    afterAll(() => ws?.dispose());

    it("stores hamar's kubeconfig as ciphertext of the stack's own secrets provider", () => {
        const file = fs.readFileSync(path.join(ws.dir, "stacks", "Pulumi.hamar.yaml"), "utf8");
        expect(file).toMatch(/^encryptionsalt: v1:/m);
        expect(file).toMatch(/clover:kubeconfig:\n\s+secure: v1:[A-Za-z0-9+/=:]+\n/);
        expect(file).not.toContain("engine-test-token");
    });

    it.each(["dublin", "dublin-2", "hamar", "legacy"])(
        "%s: exit 0, both packs ran, no mandatory violation",
        async (stack) => {
            expect(stacks).toContain(stack);
            const r = await ws.pulumi([
                "preview",
                "-s",
                stack,
                ...pulumiPolicyArgs(PROJECT_DIR, stack),
            ]);
            const output = r.stdout + r.stderr;
            expect({ stack, code: r.code, output: r.code === 0 ? "" : output }).toEqual({
                stack,
                code: 0,
                output: "",
            });
            const policies = policiesSection(r.stdout);
            expect(policies).toMatch(/data-residency@v\d+\.\d+\.\d+ \(local: /);
            expect(policies).toMatch(/enclave-security@v\d+\.\d+\.\d+ \(local: /);
            expect(policies).not.toContain("[mandatory]");
            expect(r.stdout).toMatch(/Resources:\n\s+\+ \d+ to create/);
        },
    );

    it("legacy: the waived buckets are reported as advisory, with the waiver's ticket", async () => {
        const r = await ws.pulumi([
            "preview",
            "-s",
            "legacy",
            ...pulumiPolicyArgs(PROJECT_DIR, "legacy"),
        ]);
        const policies = policiesSection(r.stdout);
        expect(
            policies.match(/\[advisory\] \[severity: medium\]\s+waived-violations/g),
        ).toHaveLength(2);
        expect(policies).toContain("ticket MIG-142");
        expect(policies).toContain("ticket MIG-143");
        // Both buckets are adopted, not created.
        expect(r.stdout).toMatch(/= 2 to import/);
    });
});

describe("what the engine refuses", () => {
    let ws: EngineWorkspace;
    afterEach(() => ws?.dispose());

    it("an evasion is blocked with the policy's message, and the preview fails", async () => {
        ws = EngineWorkspace.create({
            projectFile: projectFile("test/corpus/evasions/provider-region.ts"),
            stacks: { evasion: "config:\n  aws:region: eu-west-1\n" },
        });
        await ws.initStack("evasion");
        const r = await ws.pulumi([
            "preview",
            "-s",
            "evasion",
            "--policy-pack",
            "policy-packs/data-residency",
        ]);
        expect(r.code).not.toBe(0);
        const policies = policiesSection(r.stdout);
        expect(policies).toContain("[mandatory]");
        expect(policies).toMatch(/aws-data-location\s+\(aws:s3:Bucket: pii\)/);
        expect(policies).toContain(
            'aws:s3/bucket:Bucket "pii" holds protected data (tag clover.io/data-class); it is in aws:us-east-1',
        );
    });

    it("a bad config prints the config error's message alone", async () => {
        const dublin = fs
            .readFileSync(path.join(PROJECT_DIR, "stacks", "Pulumi.dublin.yaml"), "utf8")
            .replace("clover:vpcCidr: 10.20.0.0/16", "clover:vpcCidr: 8.8.0.0/16");
        ws = EngineWorkspace.create({ stacks: { dublin } });
        await ws.initStack("dublin");
        const r = await ws.pulumi(["preview", "-s", "dublin"]);
        expect(r.code).not.toBe(0);
        const diagnostics = r.stdout.slice(r.stdout.indexOf("Diagnostics:"));
        expect(diagnostics).toContain(
            '    error: Invalid config for stack "dublin" (stacks/Pulumi.dublin.yaml):\n' +
                '      - clover:vpcCidr = "8.8.0.0/16"',
        );
        expect(r.stdout).not.toContain("problems:");
        expect(r.stdout).not.toContain("ConfigError");
        expect(r.stdout).not.toMatch(/\n\s+at .*\.ts:\d+/);
    });

    it("a program whose promise rejects fails the preview", async () => {
        ws = EngineWorkspace.create({
            projectFile: projectFile("test/fixtures/programs/rejects-before-yielding.ts"),
            stacks: { rejects: "config:\n  aws:region: eu-west-1\n" },
        });
        await ws.initStack("rejects");
        const r = await ws.pulumi(["preview", "-s", "rejects"]);
        expect(r.code).not.toBe(0);
        expect(r.stdout).toContain("the site's inventory could not be read");
    });
});
