/**
 * `npm run bench`: prints the figures behind the README's speed section.
 *
 * 1. The offline plan of every stack (`npm run plan`), wall time, median of RUNS runs.
 * 2. Synthetic stacks of 1,000, 10,000 and 50,000 resources through the analyzer protocol
 *    (Analyze per resource, AnalyzeStack once): the residency pack's time beside a pack with no
 *    policies, median of repeated runs, with the cost per resource.
 * 3. The dublin site repeated to the same sizes (compliant for both packs, so every check of
 *    both runs in full): the empty pack, the residency pack and the enclave-security pack.
 * 4. A real program of those sizes (bench/programs/repeated-sites.ts: the dublin site's
 *    components built over and over) under the plan's program host: wall time and peak RSS of
 *    the program process (GNU time's %M), one run each.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SIZES (default 1000,10000,50000), BENCH_PARTS (a
 * comma-separated subset of plan,startup,packs,program; default all four).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackProcess } from "../plan/analyzer/client";
import { analyseStack, type PlanTarget } from "../plan/plan";
import type { ProgramRecord } from "../plan/program/model";
import { programArgs, programHeapArgs, runProjectStack } from "../plan/program/spawn";
import { readStack } from "../plan/stacks";
import { replicatedStack } from "./replicated";
import { syntheticStack } from "./synthetic";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,50000")
    .split(",")
    .filter((s) => s.trim() !== "")
    .map(Number);

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function planAllStacks(): void {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
        const start = process.hrtime.bigint();
        const run = spawnSync("npm", ["run", "--silent", "plan"], { cwd: ROOT, encoding: "utf8" });
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (run.status !== 0)
            throw new Error(`npm run plan exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    }
    console.log(
        `offline plan of every stack (npm run plan): median ${(median(times) / 1000).toFixed(2)} s over ${RUNS} runs [${times.map((t) => (t / 1000).toFixed(2)).join(", ")}]`,
    );
}

async function evaluate(
    pack: PolicyPackProcess,
    record: ProgramRecord,
    runs: number,
): Promise<{ ms: number; violations: number }> {
    const target: PlanTarget = {
        stack: record.stack,
        project: "clover",
        program: "",
        configFile: "",
        config: {},
        secretKeys: [],
        cwd: ROOT,
    };
    const times: number[] = [];
    let violations = 0;
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        violations = (await analyseStack(pack, record, target)).length;
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return { ms: median(times), violations };
}

const runsFor = (size: number) => (size >= 50_000 ? Math.min(RUNS, 3) : RUNS);
const seconds = (ms: number, width: number) => `${(ms / 1000).toFixed(2).padStart(width)} s`;
const perResource = (ms: number, size: number) => `${((ms * 1000) / size).toFixed(0)} µs`;

async function packs(): Promise<void> {
    const start = (dir: string) => PolicyPackProcess.start(path.join(ROOT, dir));
    const empty = await start("bench/empty-pack");
    const residency = await start("policy-packs/data-residency");
    const security = await start("policy-packs/enclave-security");
    try {
        console.log("");
        console.log("synthetic stacks (bench/synthetic.ts): the residency pack");
        console.log(
            "size     empty pack     residency pack   ratio   residency per resource   violations",
        );
        for (const size of SIZES) {
            const record = syntheticStack(size);
            const base = await evaluate(empty, record, runsFor(size));
            const real = await evaluate(residency, record, runsFor(size));
            console.log(
                `${String(size).padEnd(8)} ${seconds(base.ms, 8)}   ${seconds(real.ms, 10)}   ${(real.ms / base.ms).toFixed(2).padStart(5)}   ${perResource(real.ms, size).padStart(17)}           ${real.violations}`,
            );
        }

        const site = await runProjectStack(ROOT, "dublin");
        console.log("");
        console.log(
            `the dublin site (${site.resources.length} resources) repeated (bench/replicated.ts): both packs`,
        );
        console.log(
            "size     empty pack   residency (ratio)   enclave-security (ratio)   per resource   violations",
        );
        for (const size of SIZES) {
            const record = replicatedStack(site, size);
            const n = record.resources.length;
            const base = await evaluate(empty, record, runsFor(size));
            const res = await evaluate(residency, record, runsFor(size));
            const sec = await evaluate(security, record, runsFor(size));
            console.log(
                `${String(n).padEnd(8)} ${seconds(base.ms, 8)}   ${seconds(res.ms, 8)} (${(res.ms / base.ms).toFixed(2)})   ${seconds(sec.ms, 13)} (${(sec.ms / base.ms).toFixed(2)})   ${perResource(res.ms, n).padStart(6)} / ${perResource(sec.ms, n).padStart(6)}   ${res.violations} / ${sec.violations}`,
            );
        }
        console.log(
            `(median of ${RUNS} runs, 3 for 50,000; times include gRPC transfer and (de)serialisation)`,
        );
    } finally {
        await Promise.all([empty.stop(), residency.stop(), security.stop()]);
    }
}

/** A pack's start-up, from spawn to serving, as the engine (and the plan) start it. */
async function packStartup(): Promise<void> {
    for (const dir of ["policy-packs/data-residency", "policy-packs/enclave-security"]) {
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
            const start = process.hrtime.bigint();
            const pack = await PolicyPackProcess.start(path.join(ROOT, dir));
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
            await pack.stop();
        }
        console.log(
            `start-up of ${dir} (compiled dist): median ${(median(times) / 1000).toFixed(2)} s over ${RUNS} runs`,
        );
    }
}

/** The plan's program host on a real program of about `size` resources: time and peak RSS. */
function programScale(): void {
    const dublin = readStack(ROOT, "dublin");
    const perSite = 163;
    console.log("");
    console.log(
        "a real program (bench/programs/repeated-sites.ts: the dublin site's components, repeated)",
    );
    console.log(`program process: ${programHeapArgs().join(" ") || "Node's default heap"}`);
    console.log("resources   copies   wall time   peak RSS of the program process   per resource");
    for (const size of SIZES) {
        const copies = Math.max(1, Math.round(size / perSite));
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-bench-program-"));
        const job = path.join(dir, "job.json");
        const out = path.join(dir, "record.json");
        fs.writeFileSync(
            job,
            JSON.stringify({
                program: path.join(ROOT, "bench", "programs", "repeated-sites.ts"),
                project: dublin.project,
                stack: `dublin-x${copies}`,
                config: { ...dublin.config, "bench:copies": String(copies) },
                secretKeys: dublin.secretKeys,
                mode: "preview",
                out,
            }),
        );
        const host = programArgs(job);
        const start = process.hrtime.bigint();
        const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...host], {
            cwd: ROOT,
            encoding: "utf8",
        });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        const rssKb = Number(/(\d+)\s*$/.exec(run.stderr ?? "")?.[1] ?? NaN);
        const n =
            run.status === 0
                ? (JSON.parse(fs.readFileSync(out, "utf8")) as ProgramRecord).resources.length
                : undefined;
        fs.rmSync(dir, { recursive: true, force: true });
        const rss = `${(rssKb / 1024).toFixed(0)} MB`;
        console.log(
            n === undefined
                ? `~${String(size).padEnd(9)} ${String(copies).padStart(6)}   ${seconds(ms, 8)}   failed after ${rss} (exit ${run.status}, signal ${run.signal}): ${(run.stderr ?? "").split("\n").find((l) => /heap|memory/i.test(l)) ?? "see the program's output"}`
                : `${String(n).padEnd(11)} ${String(copies).padStart(6)}   ${seconds(ms, 8)}   ${rss.padStart(10)}                        ${perResource(ms, n)}, ${((rssKb * 1024) / n / 1024).toFixed(0)} KB`,
        );
    }
}

async function main(): Promise<void> {
    console.log(`node ${process.version}, ${os.cpus().length} cores`);
    const parts = new Set((process.env.BENCH_PARTS ?? "plan,startup,packs,program").split(","));
    for (const part of parts)
        if (!["plan", "startup", "packs", "program"].includes(part))
            throw new Error(
                `BENCH_PARTS=${process.env.BENCH_PARTS}: "${part}" is not a part; the parts are plan, startup, packs and program`,
            );
    if (parts.has("plan")) planAllStacks();
    if (parts.has("startup")) await packStartup();
    if (SIZES.length > 0 && SIZES[0] > 0) {
        if (parts.has("packs")) await packs();
        if (parts.has("program")) programScale();
    }
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
