import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { RunError } from "@pulumi/pulumi/errors";
import { OfflineMocks } from "./mocks";
import type { OutputMode, ProgramRecord, RecordedResource } from "./model";

export interface RunOptions {
    readonly project: string;
    readonly stack: string;
    /** The stack's config as the engine hands it to a program: fully-qualified key to string. */
    readonly config: Record<string, string>;
    /** Keys of `config` that are secrets. */
    readonly secretKeys?: readonly string[];
    /** @default "preview" */
    readonly mode?: OutputMode;
}

/** A registration as the SDK sends it to the resource monitor (the fields the plan reads). */
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): {
        forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
    };
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getProtect(): boolean;
    getRetainondelete(): boolean;
    getImportid(): string;
}
interface RegisterResponse {
    getUrn(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (err: Error | null, resp?: RegisterResponse) => void;
interface MonitorLike {
    registerResource(req: RegisterRequest, cb: Callback): unknown;
    newUrn(parent: string, type: string, name: string): string;
}

/**
 * A resource's URN as the engine makes it (pkg/resource/deploy/deployment.go, generateURN): its
 * type qualified by its parent's whole qualified type, except when the parent is the root stack.
 * The SDK's mocks qualify by the parent's last type only and keep the root stack's, so a URN of
 * the offline plan would not be the one `pulumi preview` reports, nor the one a waiver names.
 */
export function engineUrn(
    stack: string,
    project: string,
    parent: string,
    type: string,
    name: string,
): string {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified =
        parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/**
 * Runs a Pulumi program under the SDK's mock runtime and records every resource it registers,
 * with its provider, parent, dependencies and property dependencies, as the engine would see them.
 *
 * `load` runs the program (for example `() => require(programPath)`); it is called inside the
 * root stack resource, as the language host does. Resources without an explicit provider are given
 * the engine's default provider for their package, configured from the stack config.
 *
 * The SDK's runtime state is process-global: run one program per process (the plan runs each stack
 * in its own process; each jest test file has its own).
 */
export async function runUnderMocks(
    options: RunOptions,
    load: () => unknown,
): Promise<ProgramRecord> {
    const mode = options.mode ?? "preview";
    pulumi.runtime.setAllConfig(options.config, [...(options.secretKeys ?? [])]);
    // Both modes are a preview (the plan never deploys); they differ in which outputs are known.
    await pulumi.runtime.setMocks(
        new OfflineMocks(mode, options.config),
        options.project,
        options.stack,
        true,
    );

    const resources: RecordedResource[] = [];
    const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
    monitor.newUrn = (parent, type, name) =>
        engineUrn(options.stack, options.project, parent, type, name);
    const register = monitor.registerResource.bind(monitor);
    const urns = new Set<string>();
    const duplicates: string[] = [];
    monitor.registerResource = (req, cb) =>
        register(req, (err, resp) => {
            if (!err && resp) {
                // The engine refuses a second resource with the same URN (deploy/step_generator.go).
                if (urns.has(resp.getUrn())) duplicates.push(resp.getUrn());
                urns.add(resp.getUrn());
                resources.push(record(req, resp));
            }
            cb(err, resp);
        });

    // The language host fails a program on any unhandled rejection or uncaught exception, even
    // one from a promise the program never awaited and even after its stack settled.
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on("unhandledRejection", onUncaught);
    process.on("uncaughtException", onUncaught);
    let outputs: Record<string, unknown> | undefined;
    try {
        outputs = await pulumi.runtime.runInPulumiStack(() => Promise.resolve(load()));
        // The stack's outputs can settle before every registration has been sent: wait for the
        // RPC queue to drain, as the language host does before it reports the program done.
        await pulumi.runtime.disconnect();
        // A rejection is reported as unhandled only after the microtasks of its turn have run.
        await new Promise((resolve) => setImmediate(resolve));
    } finally {
        process.off("unhandledRejection", onUncaught);
        process.off("uncaughtException", onUncaught);
    }
    if (uncaught.length > 0) throw uncaught[0];
    if (duplicates.length > 0)
        throw new RunError(
            duplicates
                .map((urn) => `Duplicate resource URN '${urn}'; try giving it a unique name`)
                .join("\n"),
        );
    return {
        project: options.project,
        stack: options.stack,
        mode,
        resources: addDefaultProviders(resources, options),
        stackOutputs: outputs ?? {},
    };
}

function record(req: RegisterRequest, resp: RegisterResponse): RecordedResource {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList();
    });
    const inputs = req.getObject()?.toJavaScript() ?? {};
    const providerRef = req.getProvider();
    return {
        urn: resp.getUrn(),
        type: req.getType(),
        name: req.getName(),
        custom: req.getCustom(),
        parent: req.getParent() || undefined,
        provider: providerRef ? providerRef.slice(0, providerRef.lastIndexOf("::")) : undefined,
        dependencies: req.getDependenciesList(),
        propertyDependencies,
        inputs,
        outputs: { ...inputs, ...(resp.getObject()?.toJavaScript() ?? {}) },
        protect: req.getProtect(),
        retainOnDelete: req.getRetainondelete(),
        importId: req.getImportid() || undefined,
    };
}

/**
 * The engine gives every custom resource that names no provider the default provider of its
 * package, configured from the stack config under the package's namespace (`aws:region`). The
 * plan does the same, so that policies see the provider the engine would hand them.
 */
function addDefaultProviders(
    resources: RecordedResource[],
    options: RunOptions,
): RecordedResource[] {
    const disabled = disabledDefaultProviders(options.config);
    const defaults = new Map<string, RecordedResource>();
    const result = resources.map((r) => {
        if (!r.custom || r.provider || r.type.startsWith("pulumi:providers:")) return r;
        const pkg = r.type.split(":")[0];
        if (disabled.has("*") || disabled.has(pkg)) {
            // The engine's own wording (sdk/go/common/diag/errors.go, GetDefaultProviderDenied).
            throw new RunError(
                `Default provider for '${pkg}' disabled. '${r.urn}' must use an explicit provider.`,
            );
        }
        let provider = defaults.get(pkg);
        if (!provider) {
            provider = defaultProvider(pkg, options);
            defaults.set(pkg, provider);
        }
        return { ...r, provider: provider.urn };
    });
    return [...defaults.values(), ...result];
}

/** The packages `pulumi:disable-default-providers` names (a JSON list; `*` for all). */
function disabledDefaultProviders(config: Readonly<Record<string, string>>): Set<string> {
    const value = config["pulumi:disable-default-providers"];
    // The engine reads an empty value as an empty list (deploy/default_providers.go).
    if (value === undefined || value === "") return new Set();
    let parsed: unknown;
    try {
        parsed = JSON.parse(value);
    } catch {
        parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === "string")) {
        throw new RunError(
            `pulumi:disable-default-providers = ${value}: not a list of package names; ` +
                `it must be a list such as ["*"] (every package) or ["aws", "kubernetes"]. ` +
                `Fix: set it in the stack file as pulumi:disable-default-providers: ["*"]`,
        );
    }
    return new Set(parsed.map((p) => p.trim()));
}

function defaultProvider(pkg: string, options: RunOptions): RecordedResource {
    const version = packageVersion(pkg);
    const name = version ? `default_${version.replace(/\./g, "_")}` : "default";
    const inputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options.config)) {
        if (key.startsWith(`${pkg}:`)) inputs[key.slice(pkg.length + 1)] = value;
    }
    if (version) inputs.version = version;
    return {
        urn: `urn:pulumi:${options.stack}::${options.project}::pulumi:providers:${pkg}::${name}`,
        type: `pulumi:providers:${pkg}`,
        name,
        custom: true,
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: inputs,
        protect: false,
        retainOnDelete: false,
        defaultProvider: true,
    };
}

function packageVersion(pkg: string): string | undefined {
    try {
        const manifest = require.resolve(`@pulumi/${pkg}/package.json`, {
            paths: [process.cwd(), __dirname],
        });
        return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: string }).version;
    } catch {
        return undefined;
    }
}
