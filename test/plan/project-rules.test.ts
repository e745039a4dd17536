/**
 * The CLI's project and stack rules, as the offline plan applies them before it runs a program:
 * the project's own files pass; each broken variant fails with the CLI's words.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { projectProblems, stackProblems } from "../../plan/project-rules";
import { readStack, UsageError } from "../../plan/stacks";
import { PROJECT_DIR } from "../support/harness";

const PROJECT = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8"));
const DECLARED = {
    "clover:site": { type: "string" },
    "clover:zones": { type: "integer" },
    "clover:list": { type: "array", items: { type: "string" } },
    "clover:kubeconfig": { type: "string", secret: true },
    "clover:withDefault": { type: "string", default: "x" },
    "aws:region": { value: "eu-west-1" },
};
const CIPHERTEXT = { secure: "v1:AAECAwQFBgcICQoL:cGxhaW50ZXh0IHRoYXQgaXMgbm90" };

describe("the project's own files", () => {
    it("Pulumi.yaml has no problem", () => {
        expect(projectProblems(PROJECT)).toEqual([]);
    });

    it.each(["dublin", "dublin-2", "hamar", "legacy"])("stacks/Pulumi.%s.yaml has none", (s) => {
        expect(() => readStack(PROJECT_DIR, s)).not.toThrow();
    });
});

describe("Pulumi.yaml rules", () => {
    it("names the missing name and runtime", () => {
        expect(projectProblems({ runtime: "nodejs" })).toEqual([
            "project is missing a 'name' attribute",
        ]);
        expect(projectProblems({ name: "", runtime: "nodejs" })).toEqual([
            "project is missing a non-empty string 'name' attribute",
        ]);
        expect(projectProblems({ name: "clover" })).toEqual([
            "project is missing a 'runtime' attribute",
        ]);
    });

    it("rejects an unknown runtime attribute, a bad type and an array without items", () => {
        expect(
            projectProblems({
                name: "clover",
                runtime: { name: "nodejs", option: {} },
                config: {
                    "clover:a": { type: "strin" },
                    "clover:b": { type: "array" },
                    "clover:c": { type: "integer", default: "three" },
                    "clover:d": { type: "string", defualt: "x" },
                },
            }),
        ).toEqual([
            "runtime: 'option' not allowed; the allowed attributes are 'name' and 'options'",
            'config.clover:a.type: value must be one of "string", "integer", "boolean", "array", "object"',
            "The configuration key 'clover:b' declares an array but does not specify the underlying type via the 'items' attribute",
            "The default value specified for configuration key 'clover:c' is not of the expected type 'integer'",
            "config.clover:d: 'defualt' not allowed; the allowed attributes are 'type', 'items', 'description', 'secret', 'default', 'value'",
        ]);
    });

    it("holds another package's key to a value, never a type or default", () => {
        expect(
            projectProblems({
                name: "clover",
                runtime: "nodejs",
                config: { "aws:region": { type: "string", default: "eu-west-1" } },
            }),
        ).toEqual([
            "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
            "Configuration key 'aws:region' is not namespaced by the project and should not define a default value. Did you mean to use the 'value' attribute instead of 'default'?",
            "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'",
        ]);
    });
});

describe("stack file rules", () => {
    const stack = (config: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
        stackProblems("clover", DECLARED, "dublin", { config, ...extra });

    it("a stack with every required key, right types and ciphertext passes", () => {
        expect(
            stack(
                {
                    "clover:site": "dublin",
                    "clover:zones": 3,
                    "clover:list": ["a"],
                    "clover:kubeconfig": CIPHERTEXT,
                },
                { encryptionsalt: "v1:c2FsdA==:djE6c2FsdA==" },
            ),
        ).toEqual([]);
    });

    it("lists the missing keys in the CLI's words", () => {
        expect(stack({ "clover:zones": "3" })).toEqual([
            "Stack 'dublin' is missing configuration values 'clover:kubeconfig', 'clover:list' and 'clover:site'",
        ]);
        expect(
            stack(
                { "clover:zones": 3, "clover:list": [], "clover:kubeconfig": CIPHERTEXT },
                {
                    encryptionsalt: "v1:c2FsdA==:djE6c2FsdA==",
                },
            ),
        ).toEqual(["Stack 'dublin' is missing configuration value 'clover:site'"]);
    });

    it("holds values to their declared types, and secrets to encryption", () => {
        expect(
            stack({
                "clover:site": 7,
                "clover:zones": "three",
                "clover:list": ["a", 1],
                "clover:kubeconfig": "apiVersion: v1",
            }),
        ).toEqual([
            "Stack 'dublin' with configuration key 'clover:kubeconfig' must be encrypted as it's secret",
            "Stack 'dublin' with configuration key 'clover:list' must be of type 'array<string>'",
            "Stack 'dublin' with configuration key 'clover:site' must be of type 'string'",
            "Stack 'dublin' with configuration key 'clover:zones' must be of type 'integer'",
        ]);
    });

    it("rejects a KMS provider without the encryptedkey the CLI writes, and placeholder ciphertext", () => {
        const problems = stackProblems("clover", {}, "hamar", {
            config: { "clover:kubeconfig": { secure: "v1:set-by-the-hamar-operators" } },
            secretsprovider: "awskms://alias/clover-pulumi-state?region=eu-west-1",
        });
        expect(problems).toEqual([
            "secretsprovider awskms://alias/clover-pulumi-state?region=eu-west-1 has no encryptedkey: the data key the CLI generates and writes with it is missing, so no secret of this stack can be decrypted. Fix: pulumi stack init hamar --secrets-provider 'awskms://alias/clover-pulumi-state?region=eu-west-1' (or pulumi stack change-secrets-provider), then set each secret again with pulumi config set --secret",
            'clover:kubeconfig: secure value "v1:set-by-the-hamar-operators" is not ciphertext the CLI writes (v1:<nonce>:<ciphertext>, base64). Fix: pulumi config set --secret clover:kubeconfig -s hamar',
        ]);
    });

    it("rejects a secure value in a file with no secrets setting at all", () => {
        expect(
            stackProblems("clover", {}, "dublin", { config: { "clover:token": CIPHERTEXT } }),
        ).toEqual([
            "clover:token is a secure value, but the stack file has no secrets setting (encryptionsalt, or secretsprovider with encryptedkey) that could decrypt it. Fix: pulumi stack init dublin --secrets-provider <provider>, then pulumi config set --secret <key>",
        ]);
    });

    it("stops the plan before the program runs (a usage error)", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-rules-"));
        try {
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                "name: clover\nruntime: nodejs\nconfig:\n  clover:site:\n    type: string\n",
            );
            fs.writeFileSync(
                path.join(dir, "Pulumi.dublin.yaml"),
                "config:\n  aws:region: eu-west-1\n",
            );
            expect(() => readStack(dir, "dublin")).toThrow(UsageError);
            expect(() => readStack(dir, "dublin")).toThrow(
                "is not a stack file the Pulumi CLI accepts:\n  - Stack 'dublin' is missing configuration value 'clover:site'",
            );
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

// The CLI's own schema of Pulumi.yaml, where ../shared/upstream holds a copy (not in this
// repository): it must agree with these rules on the project's file and on the broken variants.
const UPSTREAM = path.join(PROJECT_DIR, "..", "shared", "upstream", "pulumi", "project.json");
const withSchema = fs.existsSync(UPSTREAM) ? describe : describe.skip;
withSchema("agreement with the CLI's project.json (../shared/upstream/pulumi)", () => {
    const Ajv2020 = (
        require("ajv/dist/2020") as {
            default: new (o: object) => { compile: (s: unknown) => (d: unknown) => boolean };
        }
    ).default;
    // Compiled when a test runs: a skipped describe still runs its body.
    let validate: (d: unknown) => boolean;
    beforeAll(() => {
        validate = new Ajv2020({ strict: false, allErrors: true }).compile(
            JSON.parse(fs.readFileSync(UPSTREAM, "utf8")),
        );
    });
    const variants: Record<string, unknown> = {
        "the project's Pulumi.yaml": PROJECT,
        "an unknown runtime attribute": { name: "clover", runtime: { name: "nodejs", option: {} } },
        "a misspelt config type": {
            name: "clover",
            runtime: "nodejs",
            config: { "clover:a": { type: "strin" } },
        },
        "an unknown declaration attribute": {
            name: "clover",
            runtime: "nodejs",
            config: { "clover:d": { type: "string", defualt: "x" } },
        },
        "a main that is not a string": { name: "clover", runtime: "nodejs", main: 3 },
    };
    it.each(Object.keys(variants))("%s", (name) => {
        const doc = variants[name];
        expect({ name, schema: validate(doc) }).toEqual({
            name,
            schema: projectProblems(doc).length === 0,
        });
    });
});
