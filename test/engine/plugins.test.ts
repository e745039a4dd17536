/**
 * The language host's and the offline providers' pure parts: the command lines they run and the
 * answers they give. The engine tests run them for real; these pin the details.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    parseEnvironment,
    pluginCommand,
    programCommand,
    type ProgramRun,
} from "../../engine/language-host/commands";
import { requiredPackages } from "../../engine/language-host/packages";
import { changedKeys, identityOf } from "../../engine/providers/answers";
import { PROJECT_DIR } from "../support/harness";

const RUN: ProgramRun = {
    monitorAddress: "127.0.0.1:1001",
    engineAddress: "127.0.0.1:1002",
    organization: "organization",
    project: "clover",
    stack: "dublin",
    pwd: PROJECT_DIR,
    programDirectory: PROJECT_DIR,
    entryPoint: ".",
    args: [],
    dryRun: true,
    parallel: 48,
    config: { "clover:site": "dublin", "aws:region": "eu-west-1" },
    configSecretKeys: ["clover:kubeconfig"],
    options: { typescript: true },
};

describe("the language host's program command", () => {
    it("runs the SDK's cmd/run with the engine's flags and the config as JSON", () => {
        const c = programCommand(RUN);
        expect(c.args).toEqual([
            require.resolve("@pulumi/pulumi/cmd/run", { paths: [PROJECT_DIR] }),
            "--monitor=127.0.0.1:1001",
            "--engine=127.0.0.1:1002",
            "--organization=organization",
            "--project=clover",
            "--stack=dublin",
            `--pwd=${PROJECT_DIR}`,
            "--dry-run",
            "--parallel=48",
            ".",
        ]);
        expect(c.env).toEqual({
            PULUMI_CONFIG: '{"clover:site":"dublin","aws:region":"eu-west-1"}',
            PULUMI_CONFIG_SECRET_KEYS: '["clover:kubeconfig"]',
            PULUMI_NODEJS_TYPESCRIPT: "true",
        });
        expect(c.cwd).toBe(PROJECT_DIR);
    });

    it("passes main: as the program, nodeargs before it, and tsconfig and typescript: false", () => {
        const c = programCommand({
            ...RUN,
            dryRun: false,
            parallel: 0,
            entryPoint: "test/corpus/evasions/bucket-v2.ts",
            options: {
                typescript: false,
                tsconfig: "tsconfig.build.json",
                nodeargs: "--max-old-space-size=4096  --no-warnings",
            },
        });
        expect(c.args[0]).toBe("--max-old-space-size=4096");
        expect(c.args[1]).toBe("--no-warnings");
        expect(c.args).not.toContain("--dry-run");
        expect(c.args.some((a) => a.startsWith("--parallel"))).toBe(false);
        expect(c.args[c.args.length - 1]).toBe("test/corpus/evasions/bucket-v2.ts");
        expect(c.env.PULUMI_NODEJS_TYPESCRIPT).toBe("false");
        expect(c.env.PULUMI_NODEJS_TSCONFIG_PATH).toBe("tsconfig.build.json");
    });

    it("rejects a nodeargs option that is not a string, naming it", () => {
        expect(() => programCommand({ ...RUN, options: { nodeargs: ["--inspect"] } })).toThrow(
            'runtime option nodeargs must be a string, got ["--inspect"]',
        );
    });

    it("says what to run when the SDK is not installed", () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "clover-no-sdk-"));
        try {
            expect(() => programCommand({ ...RUN, programDirectory: empty, pwd: empty })).toThrow(
                `@pulumi/pulumi/cmd/run cannot be resolved from ${empty}; run \`npm ci\` there`,
            );
        } finally {
            fs.rmSync(empty, { recursive: true });
        }
    });
});

describe("the language host's plugin command", () => {
    it("starts a policy pack with run-policy-pack, the engine's address and the pack directory", () => {
        const pack = path.join(PROJECT_DIR, "policy-packs", "data-residency");
        expect(pluginCommand("analyzer", pack, ["127.0.0.1:1002"], {})).toEqual({
            args: [
                require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [pack] }),
                "127.0.0.1:1002",
                ".",
            ],
            env: {},
            cwd: pack,
        });
    });

    it("starts any other Node.js plugin from its directory", () => {
        expect(pluginCommand("resource", "/plugins/x", ["127.0.0.1:1"], {})).toEqual({
            args: ["/plugins/x", "127.0.0.1:1"],
            env: {},
            cwd: "/plugins/x",
        });
    });

    it("reads the engine's KEY=value environment, values with = kept whole", () => {
        expect(parseEnvironment(["A=1", "B=x=y", "broken", "=no-key"])).toEqual({
            A: "1",
            B: "x=y",
        });
    });
});

describe("the program's required packages", () => {
    it("are the installed resource packages at their versions, as package-lock.json has them", () => {
        const lock = JSON.parse(
            fs.readFileSync(path.join(PROJECT_DIR, "package-lock.json"), "utf8"),
        );
        const version = (p: string) => lock.packages[`node_modules/@pulumi/${p}`].version as string;
        expect(requiredPackages(PROJECT_DIR)).toEqual([
            { name: "aws", version: version("aws"), server: "" },
            { name: "kubernetes", version: version("kubernetes"), server: "" },
            { name: "random", version: version("random"), server: "" },
        ]);
    });

    it("are none where nothing is installed", () => {
        expect(requiredPackages("/")).toEqual([]);
    });
});

describe("the offline providers' answers", () => {
    it("diff key by key, ignoring the engine's __ keys", () => {
        expect(
            changedKeys(
                { bucket: "b", tags: { a: "1" }, __defaults: [] },
                { bucket: "b", tags: { a: "2" }, acl: "private", __defaults: ["x"] },
            ),
        ).toEqual(["acl", "tags"]);
        expect(changedKeys({ bucket: "b" }, { bucket: "b" })).toEqual([]);
    });

    it("know of an imported bucket only its name", () => {
        expect(
            identityOf(
                "urn:pulumi:legacy::clover::clover:site:LegacySite$aws:s3/bucket:Bucket::b",
                "clover-users",
            ),
        ).toEqual({
            bucket: "clover-users",
        });
        expect(identityOf("urn:pulumi:s::p::aws:ec2/vpc:Vpc::v", "vpc-1")).toEqual({});
    });
});
