import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
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
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) =>
        register(req, (err, resp) => {
            if (!err && resp) resources.push(record(req, resp));
            cb(err, resp);
        });

    const outputs = await pulumi.runtime.runInPulumiStack(() => Promise.resolve(load()));
    // The stack's outputs can settle before every registration has been sent: wait for the RPC
    // queue to drain, as the language host does before it reports the program done.
    await pulumi.runtime.disconnect();
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
    const defaults = new Map<string, RecordedResource>();
    const result = resources.map((r) => {
        if (!r.custom || r.provider || r.type.startsWith("pulumi:providers:")) return r;
        const pkg = r.type.split(":")[0];
        let provider = defaults.get(pkg);
        if (!provider) {
            provider = defaultProvider(pkg, options);
            defaults.set(pkg, provider);
        }
        return { ...r, provider: provider.urn };
    });
    return [...defaults.values(), ...result];
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
