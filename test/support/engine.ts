/**
 * The real Pulumi CLI (built by engine/build.sh) run as a user runs it: in a workspace of its own
 * with a `file://` backend and the passphrase secrets provider, the project's files linked in and
 * its stack files copied (so `pulumi stack init` and `pulumi config set` write to the copies), and
 * an environment that holds nothing of this machine's: no cloud credentials, no kubeconfig, no
 * `~/.pulumi`, automatic plugin acquisition off.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_DIR } from "./harness";

export const ENGINE_DIR = path.join(PROJECT_DIR, ".engine");
const PULUMI = path.join(ENGINE_DIR, "bin", "pulumi");

/** The passphrase of every test workspace's stacks: a test value, never a real secret. */
const PASSPHRASE = "clover-engine-tests";

/** The project entries a workspace links to rather than copies. */
const NOT_LINKED = new Set([".git", ".engine", "node_modules", "stacks", "Pulumi.yaml"]);

/** Fails with what to run when the engine is not built at the pinned version. */
export function requireEngine(): void {
    const version = fs.readFileSync(path.join(PROJECT_DIR, ".pulumi-version"), "utf8").trim();
    const built = fs.existsSync(PULUMI)
        ? execFileSync(PULUMI, ["version"], { encoding: "utf8" }).trim()
        : "nothing";
    if (built !== `v${version}`) {
        throw new Error(
            `the Pulumi CLI v${version} is not built (${PULUMI}: ${built}); run engine/build.sh ` +
                `(npm test runs it first)`,
        );
    }
    const plugins = path.join(ENGINE_DIR, "home", "plugins");
    for (const pkg of ["aws", "kubernetes", "random"]) {
        const v = (require(`@pulumi/${pkg}/package.json`) as { version: string }).version;
        if (!fs.existsSync(path.join(plugins, `resource-${pkg}-v${v}`, `pulumi-resource-${pkg}`)))
            throw new Error(
                `the offline ${pkg} provider v${v} is not installed; run engine/build.sh`,
            );
    }
}

export interface CommandResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** One engine event of `pulumi preview --json` with streaming on (the engine's own event types). */
export interface EngineEvent {
    readonly policyEvent?: {
        readonly resourceUrn?: string;
        readonly message: string;
        readonly policyName: string;
        readonly policyPackName: string;
        readonly enforcementLevel: string;
    };
    readonly diagnosticEvent?: {
        readonly urn?: string;
        readonly message: string;
        readonly severity: string;
    };
    readonly summaryEvent?: Record<string, unknown>;
    readonly resourcePreEvent?: {
        readonly metadata: { readonly urn: string; readonly op: string };
    };
}

export interface PreviewResult extends CommandResult {
    readonly events: readonly EngineEvent[];
}

export interface WorkspaceOptions {
    /** `Pulumi.yaml`'s text; the project's own by default. */
    readonly projectFile?: string;
    /** Stack name to the text of its stack file; the project's own `stacks/` by default. */
    readonly stacks?: Readonly<Record<string, string>>;
}

export class EngineWorkspace {
    private constructor(
        readonly dir: string,
        private readonly env: Record<string, string>,
    ) {}

    static create(options: WorkspaceOptions = {}): EngineWorkspace {
        requireEngine();
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "clover-engine-"));
        const dir = path.join(root, "project");
        fs.mkdirSync(path.join(dir, "stacks"), { recursive: true });
        for (const entry of fs.readdirSync(PROJECT_DIR)) {
            if (NOT_LINKED.has(entry)) continue;
            fs.symlinkSync(path.join(PROJECT_DIR, entry), path.join(dir, entry));
        }
        fs.symlinkSync(path.join(PROJECT_DIR, "node_modules"), path.join(dir, "node_modules"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            options.projectFile ?? fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8"),
        );
        const stacks =
            options.stacks ??
            Object.fromEntries(
                fs
                    .readdirSync(path.join(PROJECT_DIR, "stacks"))
                    .map((f) => [/^Pulumi\.(.+)\.yaml$/.exec(f)?.[1], f] as const)
                    .filter((e): e is [string, string] => e[0] !== undefined)
                    .map(([name, f]) => [
                        name,
                        fs.readFileSync(path.join(PROJECT_DIR, "stacks", f), "utf8"),
                    ]),
            );
        for (const [name, text] of Object.entries(stacks))
            fs.writeFileSync(path.join(dir, "stacks", `Pulumi.${name}.yaml`), text);
        // Its own PULUMI_HOME, sharing only the installed plugins, so parallel tests never share
        // a workspace file, a credentials file or a lock.
        const home = path.join(root, "pulumi-home");
        fs.mkdirSync(home);
        fs.symlinkSync(path.join(ENGINE_DIR, "home", "plugins"), path.join(home, "plugins"));
        fs.mkdirSync(path.join(root, "state"));
        fs.mkdirSync(path.join(root, "home"));
        const env: Record<string, string> = {
            PATH: `${path.join(ENGINE_DIR, "bin")}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}/usr/bin:/bin`,
            HOME: path.join(root, "home"),
            PULUMI_HOME: home,
            PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            NO_COLOR: "1",
        };
        return new EngineWorkspace(dir, env);
    }

    /** Runs `pulumi <args>` in the workspace. */
    pulumi(
        args: readonly string[],
        options: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {},
    ): Promise<CommandResult> {
        return new Promise((resolve, reject) => {
            // Before the arguments: after a `--` it would be a value.
            const child = spawn(PULUMI, ["--non-interactive", ...args], {
                cwd: this.dir,
                env: { ...this.env, ...options.env },
                stdio: ["pipe", "pipe", "pipe"],
            });
            let stdout = "";
            let stderr = "";
            child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
            child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
            const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000);
            child.on("error", reject);
            child.on("close", (code) => {
                clearTimeout(timer);
                resolve({ code: code ?? -1, stdout, stderr });
            });
            child.stdin.end(options.stdin ?? "");
        });
    }

    /** `pulumi stack init <stack>` with the passphrase secrets provider. */
    async initStack(stack: string): Promise<void> {
        await this.expectOk(["stack", "init", stack, "--secrets-provider", "passphrase"]);
    }

    /** `pulumi config set --secret <key> -s <stack>`, the value read from stdin as the README says. */
    async setSecret(stack: string, key: string, value: string): Promise<void> {
        await this.expectOk(["config", "set", "--secret", key, "-s", stack, "--"], value);
    }

    /** `pulumi preview -s <stack> <args>` with the engine's events streamed as JSON. */
    async previewEvents(stack: string, args: readonly string[]): Promise<PreviewResult> {
        const result = await this.pulumi(["preview", "-s", stack, "--json", ...args], {
            env: { PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" },
        });
        const events = result.stdout
            .split("\n")
            .filter((l) => l.startsWith("{"))
            .map((l) => JSON.parse(l) as EngineEvent);
        return { ...result, events };
    }

    private async expectOk(args: string[], stdin?: string): Promise<void> {
        const r = await this.pulumi(args, { stdin });
        if (r.code !== 0)
            throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}${r.stderr}`);
    }

    dispose(): void {
        fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
    }
}

/** A `Pulumi.yaml` for another program of the repository (its path relative to the root). */
export function projectFile(main: string): string {
    return [
        "name: clover",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        `main: ${main}`,
        "stackConfigDir: stacks",
        "",
    ].join("\n");
}

/** A kubeconfig for Hamar's API server with a token credential: a test value, never a real one. */
export const TEST_HAMAR_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: hamar
    cluster:
      server: https://api.k8s.hamar.clover.internal:6443
      certificate-authority-data: ${Buffer.from("engine-test CA").toString("base64")}
users:
  - name: engine-test
    user:
      token: engine-test-token
contexts:
  - name: hamar
    context:
      cluster: hamar
      user: engine-test
current-context: hamar
`;
