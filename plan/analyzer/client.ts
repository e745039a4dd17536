/**
 * Drives a policy pack exactly as the Pulumi engine does: starts it with the SDK's
 * `run-policy-pack` in the pack directory, reads the port it prints, and calls the analyzer gRPC
 * service (GetAnalyzerInfo, ConfigureStack, Configure, Analyze per resource, AnalyzeStack once).
 * Policies are never evaluated any other way.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { ProgramRecord, RecordedResource } from "../program/model";

/** Enforcement levels as the analyzer protocol numbers them. */
const LEVELS: Record<number, EnforcementLevel> = {
    0: "advisory",
    1: "mandatory",
    2: "disabled",
    3: "remediate",
};
export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";

export interface Diagnostic {
    readonly pack: string;
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: string;
    readonly urn: string;
    readonly message: string;
    readonly description: string;
}

export interface PackInfo {
    readonly name: string;
    readonly version: string;
    readonly policies: readonly PolicySummary[];
}

export interface PolicySummary {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: string;
    readonly remediationSteps: string;
}

/**
 * The largest gRPC message either side accepts, as the Pulumi engine and the policy SDK's server
 * set it (400 MiB): a stack with many resources or violations exceeds gRPC's default of 4 MiB.
 */
export const MAX_RPC_MESSAGE_SIZE = 1024 * 1024 * 400;

const SEVERITIES: Record<number, string> = {
    0: "unspecified",
    1: "low",
    2: "medium",
    3: "high",
    4: "critical",
};

/** A running policy pack. */
export class PolicyPackProcess {
    private constructor(
        readonly directory: string,
        private readonly child: ChildProcess,
        private readonly client: analyzerRpc.AnalyzerClient,
        private readonly stderr: () => string,
    ) {}

    /**
     * Starts the pack in `directory` the way the engine does. `env` is added to the pack's
     * environment (the plan passes the residency settings file and date this way).
     */
    static async start(
        directory: string,
        env: Record<string, string> = {},
        timeoutMs = 120_000,
    ): Promise<PolicyPackProcess> {
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", {
            paths: [directory],
        });
        const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
            cwd: directory,
            env: { ...process.env, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => {
                child.kill();
                reject(
                    new Error(
                        `policy pack ${directory} did not start within ${timeoutMs / 1000} s\n${stderr}`,
                    ),
                );
            }, timeoutMs);
            child.stdout.on("data", (d: Buffer) => {
                stdout += d.toString();
                const match = /^(\d+)\s*$/m.exec(stdout);
                if (match) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(
                    new Error(
                        `policy pack ${path.relative(process.cwd(), directory) || directory} exited with code ${code} before serving:\n${(stderr || stdout).trim()}`,
                    ),
                );
            });
        });
        const client = new analyzerRpc.AnalyzerClient(
            `127.0.0.1:${port}`,
            grpc.credentials.createInsecure(),
            {
                "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE,
                "grpc.max_send_message_length": MAX_RPC_MESSAGE_SIZE,
            },
        );
        return new PolicyPackProcess(directory, child, client, () => stderr);
    }

    async info(): Promise<PackInfo> {
        const info = await this.call<Empty, analyzer.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        return {
            name: info.getName(),
            version: info.getVersion(),
            policies: info.getPoliciesList().map((p) => ({
                name: p.getName(),
                description: p.getDescription(),
                enforcementLevel: LEVELS[p.getEnforcementlevel()],
                severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
                remediationSteps: p.getRemediationSteps(),
            })),
        };
    }

    /** Tells the pack which stack it analyses, as the engine does before the first Analyze. */
    async configureStack(
        record: ProgramRecord,
        config: Record<string, string>,
        dryRun: boolean,
    ): Promise<void> {
        const req = new analyzer.AnalyzerStackConfigureRequest();
        req.setStack(record.stack);
        req.setProject(record.project);
        req.setOrganization("organization");
        req.setDryRun(dryRun);
        for (const [k, v] of Object.entries(config)) req.getConfigMap().set(k, v);
        await this.call("configureStack", req);
    }

    /** Sends policy config (`--policy-pack-config`): enforcement levels per policy. */
    async configure(levels: Record<string, EnforcementLevel>): Promise<void> {
        const req = new analyzer.ConfigureAnalyzerRequest();
        const numbers = Object.fromEntries(Object.entries(LEVELS).map(([n, l]) => [l, Number(n)]));
        for (const [policy, level] of Object.entries(levels)) {
            const c = new analyzer.PolicyConfig();
            c.setEnforcementlevel(numbers[level]);
            // The engine always sends the policy's properties, empty when there are none.
            c.setProperties(Struct.fromJavaScript({}));
            req.getPolicyconfigMap().set(policy, c);
        }
        await this.call("configure", req);
    }

    /** Analyze for one resource, with its inputs, options and provider. */
    async analyze(
        r: RecordedResource,
        providers: ReadonlyMap<string, RecordedResource>,
    ): Promise<Diagnostic[]> {
        const req = new analyzer.AnalyzeRequest();
        req.setType(r.type);
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setProperties(Struct.fromJavaScript(r.inputs as never));
        req.setOptions(options(r));
        const provider = r.provider ? providers.get(r.provider) : undefined;
        if (provider) req.setProvider(providerOf(provider));
        const resp = await this.call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(
            "analyze",
            req,
        );
        return this.diagnostics(resp);
    }

    /** AnalyzeStack once, with every resource, its provider, parent and dependencies. */
    async analyzeStack(
        resources: readonly RecordedResource[],
        providers: ReadonlyMap<string, RecordedResource>,
    ): Promise<Diagnostic[]> {
        const req = new analyzer.AnalyzeStackRequest();
        req.setResourcesList(
            resources.map((r) => {
                const a = new analyzer.AnalyzerResource();
                a.setType(r.type);
                a.setUrn(r.urn);
                a.setName(r.name);
                a.setProperties(Struct.fromJavaScript(r.outputs as never));
                a.setOptions(options(r));
                if (r.parent) a.setParent(r.parent);
                a.setDependenciesList(r.dependencies);
                for (const [key, urns] of Object.entries(r.propertyDependencies)) {
                    const deps = new analyzer.AnalyzerPropertyDependencies();
                    deps.setUrnsList(urns);
                    a.getPropertydependenciesMap().set(key, deps);
                }
                const provider = r.provider ? providers.get(r.provider) : undefined;
                if (provider) a.setProvider(providerOf(provider));
                return a;
            }),
        );
        const resp = await this.call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(
            "analyzeStack",
            req,
        );
        return this.diagnostics(resp);
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode !== null) return;
        await new Promise<void>((resolve) => {
            this.child.once("exit", () => resolve());
            this.child.kill();
        });
    }

    private diagnostics(resp: analyzer.AnalyzeResponse): Diagnostic[] {
        return resp.getDiagnosticsList().map((d) => ({
            pack: d.getPolicypackname(),
            policy: d.getPolicyname(),
            enforcementLevel: LEVELS[d.getEnforcementlevel()],
            severity: SEVERITIES[d.getSeverity()] ?? "unspecified",
            urn: d.getUrn(),
            message: withoutDescription(d.getMessage(), d.getDescription()),
            description: d.getDescription(),
        }));
    }

    private call<Req, Resp>(method: keyof analyzerRpc.AnalyzerClient, req: Req): Promise<Resp> {
        return new Promise((resolve, reject) => {
            const fn = (
                this.client[method] as unknown as (
                    r: Req,
                    cb: (err: grpc.ServiceError | null, resp: Resp) => void,
                ) => void
            ).bind(this.client);
            fn(req, (err, resp) => {
                if (err)
                    reject(
                        new Error(
                            `${String(method)} failed in policy pack ${this.directory}: ${err.details || err.message}\n${this.stderr()}`,
                        ),
                    );
                else resolve(resp);
            });
        });
    }
}

/** The policy SDK sends `<description>\n<message>`; the report shows them apart. */
function withoutDescription(message: string, description: string): string {
    return description && message.startsWith(`${description}\n`)
        ? message.slice(description.length + 1)
        : message;
}

function options(r: RecordedResource): analyzer.AnalyzerResourceOptions {
    const o = new analyzer.AnalyzerResourceOptions();
    o.setProtect(r.protect);
    if (r.parent) o.setParent(r.parent);
    return o;
}

function providerOf(p: RecordedResource): analyzer.AnalyzerProviderResource {
    const a = new analyzer.AnalyzerProviderResource();
    a.setType(p.type);
    a.setUrn(p.urn);
    a.setName(p.name);
    a.setProperties(Struct.fromJavaScript(p.inputs as never));
    return a;
}
