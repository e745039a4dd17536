/**
 * `npm run bench`: prints the figures behind the README's speed section.
 *
 * 1. The offline plan of every stack (`npm run plan`), wall time, median of RUNS runs.
 * 2. Synthetic stacks of 1,000, 10,000 and 50,000 resources through the analyzer protocol
 *    (Analyze per resource, AnalyzeStack once): the residency pack's time beside a pack with no
 *    policies, median of repeated runs, with the cost per resource.
 *
 * Environment: BENCH_RUNS (default 5), BENCH_SIZES (default 1000,10000,50000).
 */
import { spawnSync } from "child_process";
import * as os from "os";
import * as path from "path";
import { PolicyPackProcess } from "../plan/analyzer/client";
import { analyseStack, type PlanTarget } from "../plan/plan";
import { syntheticStack } from "./synthetic";

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,50000").split(",").map(Number);

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
    size: number,
    runs: number,
): Promise<{ ms: number; violations: number }> {
    const record = syntheticStack(size);
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

async function packs(): Promise<void> {
    const residency = await PolicyPackProcess.start(
        path.join(ROOT, "policy-packs", "data-residency"),
    );
    const empty = await PolicyPackProcess.start(path.join(ROOT, "bench", "empty-pack"));
    try {
        console.log("");
        console.log(
            "size     empty pack     residency pack   ratio   residency per resource   violations",
        );
        for (const size of SIZES) {
            const runs = size >= 50_000 ? Math.min(RUNS, 3) : RUNS;
            const base = await evaluate(empty, size, runs);
            const real = await evaluate(residency, size, runs);
            console.log(
                `${String(size).padEnd(8)} ${(base.ms / 1000).toFixed(2).padStart(8)} s   ${(real.ms / 1000).toFixed(2).padStart(10)} s   ${(real.ms / base.ms).toFixed(2).padStart(5)}   ${((real.ms * 1000) / size).toFixed(0).padStart(14)} µs           ${real.violations}`,
            );
        }
        console.log(
            `(median of ${RUNS} runs, 3 for 50,000; times include gRPC transfer and (de)serialisation)`,
        );
    } finally {
        await Promise.all([residency.stop(), empty.stop()]);
    }
}

async function main(): Promise<void> {
    console.log(`node ${process.version}, ${os.cpus().length} cores`);
    planAllStacks();
    await packs();
}

main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
});
