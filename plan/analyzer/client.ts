/**
 * Drives a policy pack exactly as the Pulumi engine does: starts it with the SDK's
 * `run-policy-pack` in the pack directory, reads the port it prints, and calls the analyzer gRPC
 * service (GetAnalyzerInfo, ConfigureStack, Configure, Analyze per resource, AnalyzeStack once).
 * Policies are never evaluated any other way.
 */
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { isCalendarDate } from "@clover/residency-model";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { minutes, TimeoutError, track } from "../children";
import type { ProgramRecord, RecordedResource } from "../program/model";

/** How long a pack may take to start, and to answer one call, unless the caller says otherwise. */
export const DEFAULT_PACK_TIMEOUT_MS = 10 * 60_000;

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
    /** The pack's own configuration (`new PolicyPack(..., { initialConfig })`), by policy. */
    readonly initialConfig: Readonly<Record<string, PolicyConfig>>;
}

/** One policy's configuration, as `Configure` carries it. */
export interface PolicyConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Readonly<Record<string, unknown>>;
}

/** A policy's `configSchema`: JSON Schema for each property, and the required ones. */
export interface PolicyConfigSchema {
    readonly properties: Readonly<Record<string, Record<string, unknown>>>;
    readonly required: readonly string[];
}

export interface PolicySummary {
    readonly name: string;
    readonly description: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly severity: string;
    readonly remediationSteps: string;
    readonly configSchema?: PolicyConfigSchema;
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
        /** How long one call (Analyze, AnalyzeStack, ...) may take before the plan gives up. */
        private readonly callTimeoutMs: number,
    ) {}

    /**
     * Starts the pack in `directory` the way the engine does: `run-policy-pack` from the pack's
     * own dependencies, in the pack's directory, with the caller's environment. `clock` (a date,
     * YYYY-MM-DD) starts the process with its clock set to that day, as a test of waiver expiry
     * needs; it is a Node.js `--require` of a generated module, never an environment variable,
     * and the pack cannot tell it from the real date.
     */
    static async start(
        directory: string,
        options: { readonly clock?: string; readonly timeoutMs?: number } = {},
    ): Promise<PolicyPackProcess> {
        const timeoutMs = options.timeoutMs ?? DEFAULT_PACK_TIMEOUT_MS;
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", {
            paths: [directory],
        });
        const clock = options.clock ? clockModule(options.clock) : undefined;
        const preload = clock ? ["--require", clock] : [];
        const child = track(
            spawn(process.execPath, [...preload, runner, "127.0.0.1:0", "."], {
                cwd: directory,
                env: process.env,
                stdio: ["ignore", "pipe", "pipe"],
            }),
        );
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        const serving = new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => {
                child.kill();
                reject(
                    new Error(
                        `policy pack ${directory} did not start within ${minutes(timeoutMs)} (--timeout); it was stopped.\n${stderr}`,
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
        // The clock module is loaded before the pack serves (or fails): remove it either way.
        const port = await serving.finally(() => {
            if (clock) fs.rmSync(path.dirname(clock), { recursive: true, force: true });
        });
        const client = new analyzerRpc.AnalyzerClient(
            `127.0.0.1:${port}`,
            grpc.credentials.createInsecure(),
            {
                "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE,
                "grpc.max_send_message_length": MAX_RPC_MESSAGE_SIZE,
            },
        );
        return new PolicyPackProcess(directory, child, client, () => stderr, timeoutMs);
    }

    async info(): Promise<PackInfo> {
        const info = await this.call<Empty, analyzer.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        const initialConfig: Record<string, PolicyConfig> = {};
        for (const [policy, c] of info.getInitialconfigMap().entries()) {
            const level = LEVELS[c.getEnforcementlevel()];
            initialConfig[policy] = {
                // An unset level reads as 0 (advisory) on the wire; the SDK sends a level only
                // together with the policy, so a config without properties carries its level.
                enforcementLevel: level,
                properties: c.getProperties()?.toJavaScript() ?? {},
            };
        }
        return {
            name: info.getName(),
            version: info.getVersion(),
            initialConfig,
            policies: info.getPoliciesList().map((p) => {
                const schema = p.getConfigschema();
                return {
                    name: p.getName(),
                    description: p.getDescription(),
                    enforcementLevel: LEVELS[p.getEnforcementlevel()],
                    severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
                    remediationSteps: p.getRemediationSteps(),
                    configSchema: schema
                        ? {
                              properties: (schema.getProperties()?.toJavaScript() ??
                                  {}) as PolicyConfigSchema["properties"],
                              required: schema.getRequiredList(),
                          }
                        : undefined,
                };
            }),
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

    /** Sends the reconciled policy config, as the engine does once before analysing. */
    async configure(config: Readonly<Record<string, Required<PolicyConfig>>>): Promise<void> {
        const req = new analyzer.ConfigureAnalyzerRequest();
        const numbers = Object.fromEntries(Object.entries(LEVELS).map(([n, l]) => [l, Number(n)]));
        for (const [policy, { enforcementLevel, properties }] of Object.entries(config)) {
            const c = new analyzer.PolicyConfig();
            c.setEnforcementlevel(numbers[enforcementLevel]);
            // The engine always sends the policy's properties, empty when there are none.
            c.setProperties(Struct.fromJavaScript(properties as never));
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
                    metadata: grpc.Metadata,
                    options: Partial<grpc.CallOptions>,
                    cb: (err: grpc.ServiceError | null, resp: Resp) => void,
                ) => void
            ).bind(this.client);
            const deadline = new Date(Date.now() + this.callTimeoutMs);
            fn(req, new grpc.Metadata(), { deadline }, (err, resp) => {
                if (err?.code === grpc.status.DEADLINE_EXCEEDED)
                    reject(
                        new TimeoutError(
                            `policy pack ${this.directory} did not answer ${String(method)} within ${minutes(this.callTimeoutMs)} (--timeout)\n${this.stderr()}`,
                        ),
                    );
                else if (err)
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

/**
 * A module that moves the process's clock to noon UTC of `day` (and lets it run on from there):
 * what a waiver-expiry test, or a replay of a past run, needs. It is written into a new private
 * directory (mkdtemp, mode 0700) for each pack started, never to a fixed name in the shared
 * temporary directory, since the pack runs whatever that file holds.
 */
function clockModule(day: string): string {
    // Date.parse alone would take 2027-02-30 as 2 March.
    if (!isCalendarDate(day))
        throw new Error(`clock: "${day}" is not a calendar date written YYYY-MM-DD`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clover-clock-")), "clock.cjs");
    fs.writeFileSync(
        file,
        `"use strict";
const RealDate = Date;
const offset = RealDate.parse("${day}T12:00:00Z") - RealDate.now();
class ShiftedDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
    static now() { return RealDate.now() + offset; }
}
globalThis.Date = ShiftedDate;
`,
        { mode: 0o600 },
    );
    return file;
}
