/**
 * The offline plan: the equivalent of `pulumi preview --policy-pack ...` for a set of stacks,
 * without the Pulumi CLI or cloud credentials. Each program runs under the SDK's mock runtime;
 * each policy pack runs as the engine runs it and is called over the analyzer gRPC protocol.
 */
import * as fs from "fs";
import * as path from "path";
import { PolicyPackProcess, type Diagnostic, type EnforcementLevel } from "./analyzer/client";
import type { OutputMode, ProgramRecord, RecordedResource } from "./program/model";
import { runProgramProcess } from "./program/spawn";
import { describeFlows, describeResources, stackGraphOf } from "./report/describe";
import { verdictOf, type PlanReport, type StackResult, type Violation } from "./report/model";
import {
    parseSettings,
    DEFAULT_SETTINGS_FILE,
    SETTINGS_FILE_ENV,
    TODAY_ENV,
} from "../policy-packs/data-residency/lib/settings";

export interface PlanTarget {
    readonly stack: string;
    readonly project: string;
    /** Absolute path of the program's entry file. */
    readonly program: string;
    /** The stack config file, as shown in reports. */
    readonly configFile: string;
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
    /** The program's project directory (its working directory). */
    readonly cwd: string;
}

export interface PlanOptions {
    readonly targets: readonly PlanTarget[];
    /** Policy pack directories. */
    readonly packs: readonly string[];
    readonly mode: OutputMode;
    /** The residency settings file (`--policy-config`); the pack's own config.yaml by default. */
    readonly policyConfig?: string;
    /** Today's date for waiver expiry (YYYY-MM-DD); the real date by default. */
    readonly today?: string;
    /** Enforcement-level overrides per policy, as `--policy-pack-config` would give them. */
    readonly levels?: Record<string, EnforcementLevel>;
    /** Called with progress lines. */
    readonly log?: (line: string) => void;
}

export async function runPlan(options: PlanOptions): Promise<PlanReport> {
    const log = options.log ?? (() => undefined);
    const env: Record<string, string> = {};
    if (options.policyConfig) env[SETTINGS_FILE_ENV] = path.resolve(options.policyConfig);
    if (options.today) env[TODAY_ENV] = options.today;
    const settingsFile = env[SETTINGS_FILE_ENV] ?? DEFAULT_SETTINGS_FILE;
    const settings = parseSettings(
        fs.readFileSync(settingsFile, "utf8"),
        settingsFile,
        options.today ?? new Date().toISOString().slice(0, 10),
    );

    const packsStarting = Promise.all(
        options.packs.map((dir) => PolicyPackProcess.start(path.resolve(dir), env)),
    );
    packsStarting.catch(() => undefined);
    let records: ProgramRecord[];
    let packs: PolicyPackProcess[] = [];
    try {
        records = await mapLimit(options.targets, 2, async (t) => {
            log(`running ${t.stack} under the mock runtime (${options.mode} mode)`);
            return runProgramProcess(
                {
                    program: t.program,
                    project: t.project,
                    stack: t.stack,
                    config: t.config,
                    secretKeys: t.secretKeys,
                    mode: options.mode,
                },
                t.cwd,
            );
        });
        packs = await packsStarting;
    } catch (err) {
        await packsStarting.then(
            (ps) => Promise.all(ps.map((p) => p.stop())),
            () => undefined,
        );
        throw err;
    }
    try {
        const infos = await Promise.all(
            packs.map(async (p) => ({
                ...(await p.info()),
                directory: path.relative(process.cwd(), p.directory) || ".",
            })),
        );
        // As the engine does, send each pack its policies' configuration before analysing: the
        // levels the pack declares, overridden where the caller (`--policy-pack-config`) says.
        await Promise.all(
            packs.map((p, i) =>
                p.configure(
                    Object.fromEntries(
                        infos[i].policies.map((policy) => [
                            policy.name,
                            options.levels?.[policy.name] ?? policy.enforcementLevel,
                        ]),
                    ),
                ),
            ),
        );
        const stacks: StackResult[] = [];
        for (const [i, record] of records.entries()) {
            const target = options.targets[i];
            const perPack = await Promise.all(packs.map((p) => analyseStack(p, record, target)));
            const graph = stackGraphOf(record);
            stacks.push({
                stack: record.stack,
                project: record.project,
                mode: record.mode,
                program: path.relative(process.cwd(), target.program),
                configFile: target.configFile,
                resources: describeResources(record, graph, settings),
                flows: describeFlows(record, graph, perPack.flat()),
                violations: perPack.flat().map((d) => ({ ...d, stack: record.stack })),
            });
        }
        return {
            verdict: verdictOf(stacks),
            settingsFile: path.relative(process.cwd(), settingsFile),
            packs: infos,
            stacks,
        };
    } finally {
        await Promise.all(packs.map((p) => p.stop()));
    }
}

/** Analyze for every resource, then AnalyzeStack once, as a preview does. */
export async function analyseStack(
    pack: PolicyPackProcess,
    record: ProgramRecord,
    target: PlanTarget,
): Promise<Diagnostic[]> {
    // The offline plan is always a preview, whichever outputs it knows.
    await pack.configureStack(record, target.config, true);
    const byUrn = new Map<string, RecordedResource>(record.resources.map((r) => [r.urn, r]));
    const perResource = await mapLimit(record.resources, 32, async (r) =>
        (await pack.analyze(r, byUrn)).map((d) => (d.urn ? d : { ...d, urn: r.urn })),
    );
    const stack = await pack.analyzeStack(record.resources, byUrn);
    return sortViolations([...perResource.flat(), ...stack]);
}

function sortViolations<T extends Diagnostic>(diagnostics: T[]): T[] {
    const rank = (l: string) => (l === "mandatory" ? 0 : l === "advisory" ? 1 : 2);
    return diagnostics.sort(
        (a, b) =>
            rank(a.enforcementLevel) - rank(b.enforcementLevel) ||
            a.policy.localeCompare(b.policy) ||
            a.urn.localeCompare(b.urn),
    );
}

/** Maps with at most `limit` calls in flight, keeping order. */
export async function mapLimit<T, R>(
    items: readonly T[],
    limit: number,
    fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
    const results = new Array<R>(items.length);
    let next = 0;
    const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i], i);
        }
    });
    await Promise.all(workers);
    return results;
}

export type { Violation };
