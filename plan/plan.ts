/**
 * The offline plan: the equivalent of `pulumi preview --policy-pack ...` for a set of stacks,
 * without the Pulumi CLI or cloud credentials. Each program runs under the SDK's mock runtime;
 * each policy pack runs as the engine runs it and is called over the analyzer gRPC protocol.
 */
import * as path from "path";
import { parseSettings, utcToday } from "@clover/residency-model";
import { PolicyPackProcess, type Diagnostic, type PackInfo } from "./analyzer/client";
import {
    checkPackConfig,
    checkWaiverCopies,
    readPackConfig,
    reconcile,
    type ReconciledConfig,
} from "./policy-config";
import type { OutputMode, ProgramRecord, RecordedResource } from "./program/model";
import { runProgramProcess } from "./program/spawn";
import { describeFlows, describeResources, stackGraphOf } from "./report/describe";
import { verdictOf, type PlanReport, type StackResult, type Violation } from "./report/model";

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
    /**
     * The `--policy-pack-config` file of a pack for a stack, or undefined for none (the pack's
     * defaults), as the preview of that stack would pass it.
     */
    readonly packConfig?: (target: PlanTarget, packDirectory: string) => string | undefined;
    /**
     * The day the packs judge waivers against (YYYY-MM-DD): the packs' clock is set to it. Only
     * tests and replays of a past run set it; every report then says so at the top.
     */
    readonly today?: string;
    /** Called with progress lines. */
    readonly log?: (line: string) => void;
    /**
     * How long a program may run, a pack may take to start, and a pack may take to answer one
     * call, in milliseconds; the plan then stops it and fails. Default: 10 minutes each.
     */
    readonly timeoutMs?: number;
}

export async function runPlan(options: PlanOptions): Promise<PlanReport> {
    const log = options.log ?? (() => undefined);
    const realToday = utcToday();
    const today = options.today ?? realToday;
    // Every pack is started, and every one that did start is stopped if another one fails.
    const packsStarting = Promise.allSettled(
        options.packs.map((dir) =>
            PolicyPackProcess.start(path.resolve(dir), {
                clock: options.today,
                timeoutMs: options.timeoutMs,
            }),
        ),
    ).then(async (results) => {
        const started = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
        const failed = results.find((r) => r.status === "rejected");
        if (failed) {
            await Promise.all(started.map((p) => p.stop()));
            throw failed.reason;
        }
        return started;
    });
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
                options.timeoutMs,
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
        const stacks: StackResult[] = [];
        for (const [i, record] of records.entries()) {
            const target = options.targets[i];
            const configs = packs.map((p, j) =>
                stackConfig(infos[j], target, p.directory, options),
            );
            const reconciled = configs.map((c) => c.config);
            // As the engine does for each stack: the reconciled policy config, then the analysis.
            await Promise.all(packs.map((p, j) => p.configure(reconciled[j])));
            const perPack = await Promise.all(packs.map((p) => analyseStack(p, record, target)));
            const graph = stackGraphOf(record);
            const settings = residencySettings(reconciled, today);
            stacks.push({
                stack: record.stack,
                project: record.project,
                mode: record.mode,
                program: path.relative(process.cwd(), target.program),
                configFile: target.configFile,
                policyConfigFiles: configs.flatMap((c) => (c.file ? [c.file] : [])),
                protectedOutsideEurope: acknowledgementOf(reconciled, today),
                resources: describeResources(record, graph, settings),
                flows: describeFlows(record, graph, perPack.flat()),
                violations: perPack.flat().map((d) => ({ ...d, stack: record.stack })),
            });
        }
        return {
            verdict: verdictOf(stacks),
            today,
            realToday,
            packs: infos,
            stacks,
        };
    } finally {
        await Promise.all(packs.map((p) => p.stop()));
    }
}

/** The policy config a pack gets for a stack: its file, checked and reconciled. */
function stackConfig(
    info: PackInfo,
    target: PlanTarget,
    directory: string,
    options: PlanOptions,
): { readonly file?: string; readonly config: ReconciledConfig } {
    const file = options.packConfig?.(target, directory);
    const given = file ? readPackConfig(file) : {};
    const shown = file ? path.relative(process.cwd(), file) : undefined;
    if (file) {
        checkPackConfig(info, given, shown!);
        checkWaiverCopies(info, given, shown!);
    }
    return {
        file: shown,
        config: reconcile(info, given, shown ?? `the defaults of ${info.name}`),
    };
}

/** The first policy, across the packs' reconciled configs, whose properties carry `key`. */
function firstWith(
    configs: readonly ReconciledConfig[],
    key: string,
): { readonly policy: string; readonly properties: Record<string, unknown> } | undefined {
    for (const config of configs)
        for (const [policy, c] of Object.entries(config))
            if (c.properties[key] !== undefined) return { policy, properties: c.properties };
    return undefined;
}

/**
 * The residency settings the report describes resources by: those of the first policy whose
 * config carries them (every residency policy gets the same in a consistent config).
 */
function residencySettings(configs: readonly ReconciledConfig[], today: string) {
    const found = firstWith(configs, "approvedLocations");
    return parseSettings(found?.properties ?? {}, {
        source: found ? `policy ${found.policy}` : "the defaults",
        today,
    });
}

/**
 * An approval of protected data outside Europe that any policy's config acknowledges: the report
 * shows it whichever policy it was given to.
 */
function acknowledgementOf(configs: readonly ReconciledConfig[], today: string) {
    const found = firstWith(configs, "protectedOutsideEurope");
    return found
        ? parseSettings(found.properties, { source: `policy ${found.policy}`, today })
              .protectedOutsideEurope
        : undefined;
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
