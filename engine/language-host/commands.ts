/**
 * What the Node.js language host runs for the engine, as pure functions of the engine's requests:
 * the `node` command line and environment of a program (`Run`) and of a plugin written in Node.js
 * (`RunPlugin`: a policy pack, or a provider). They follow the Go host
 * (`sdk/nodejs/cmd/pulumi-language-nodejs/main.go` in pulumi/pulumi): the SDK's `cmd/run` with
 * the engine's flags, config as `PULUMI_CONFIG` JSON, the project's `typescript`, `tsconfig` and
 * `nodeargs` runtime options, and `cmd/run-policy-pack` for an analyzer.
 */
import * as path from "path";

/** A program's runtime options, as `Pulumi.yaml`'s `runtime.options` carries them. */
export interface RuntimeOptions {
    readonly typescript?: unknown;
    readonly tsconfig?: unknown;
    readonly nodeargs?: unknown;
}

export interface ProgramRun {
    readonly monitorAddress: string;
    readonly engineAddress: string;
    readonly organization: string;
    readonly project: string;
    readonly stack: string;
    readonly pwd: string;
    readonly programDirectory: string;
    readonly entryPoint: string;
    readonly args: readonly string[];
    readonly dryRun: boolean;
    readonly parallel: number;
    readonly config: Readonly<Record<string, string>>;
    readonly configSecretKeys: readonly string[];
    readonly options: RuntimeOptions;
}

export interface NodeCommand {
    readonly args: string[];
    readonly env: Record<string, string>;
    readonly cwd: string;
}

/** Resolves a module of `@pulumi/pulumi` the way Node.js would from `directory`. */
export function sdkModule(directory: string, module: "cmd/run" | "cmd/run-policy-pack"): string {
    try {
        return require.resolve(`@pulumi/pulumi/${module}`, { paths: [directory] });
    } catch {
        throw new Error(
            `it looks like the Pulumi SDK has not been installed: @pulumi/pulumi/${module} cannot ` +
                `be resolved from ${directory}; run \`npm ci\` there`,
        );
    }
}

/** The `node` command line and environment of a program run. */
export function programCommand(run: ProgramRun): NodeCommand {
    const runner = sdkModule(run.programDirectory, "cmd/run");
    const flags = [
        `--monitor=${run.monitorAddress}`,
        `--engine=${run.engineAddress}`,
        `--organization=${run.organization}`,
        `--project=${run.project}`,
        `--stack=${run.stack}`,
        `--pwd=${run.pwd}`,
        ...(run.dryRun ? ["--dry-run"] : []),
        ...(run.parallel > 0 ? [`--parallel=${run.parallel}`] : []),
    ];
    const env: Record<string, string> = {
        PULUMI_CONFIG: JSON.stringify(run.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(run.configSecretKeys),
        // TypeScript unless the project turns it off, as the Go host reads the option.
        PULUMI_NODEJS_TYPESCRIPT:
            run.options.typescript === false || run.options.typescript === "false"
                ? "false"
                : "true",
    };
    if (typeof run.options.tsconfig === "string")
        env.PULUMI_NODEJS_TSCONFIG_PATH = run.options.tsconfig;
    const entry = path.relative(run.pwd, path.resolve(run.programDirectory, run.entryPoint)) || ".";
    return {
        args: [...nodeArgs(run.options), runner, ...flags, entry, ...run.args],
        env,
        cwd: run.pwd,
    };
}

/** The `node` command line of a plugin written in Node.js: a policy pack or a provider. */
export function pluginCommand(
    kind: string,
    programDirectory: string,
    args: readonly string[],
    options: RuntimeOptions,
): NodeCommand {
    const prefix = nodeArgs(options);
    if (kind === "analyzer") {
        // The engine passes its own address; the pack runs in its own directory.
        const runner = sdkModule(programDirectory, "cmd/run-policy-pack");
        return { args: [...prefix, runner, ...args, "."], env: {}, cwd: programDirectory };
    }
    return { args: [...prefix, programDirectory, ...args], env: {}, cwd: programDirectory };
}

function nodeArgs(options: RuntimeOptions): string[] {
    const value = options.nodeargs;
    if (value === undefined) return [];
    if (typeof value !== "string")
        throw new Error(`runtime option nodeargs must be a string, got ${JSON.stringify(value)}`);
    return value.split(/\s+/).filter((a) => a !== "");
}

/** Parses the environment a `RunPlugin` request carries (`KEY=value` strings). */
export function parseEnvironment(lines: readonly string[]): Record<string, string> {
    const env: Record<string, string> = {};
    for (const line of lines) {
        const at = line.indexOf("=");
        if (at > 0) env[line.slice(0, at)] = line.slice(at + 1);
    }
    return env;
}
