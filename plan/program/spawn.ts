import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { minutes, TimeoutError, track } from "../children";
import { readStack } from "../stacks";
import type { HostJob } from "./host";
import type { OutputMode, ProgramRecord } from "./model";

/** Thrown when a program fails under the mocks (a config error, an exception); the plan exits 2. */
export class ProgramError extends Error {
    constructor(
        readonly stack: string,
        readonly output: string,
    ) {
        super(`the program of stack "${stack}" failed:\n${output.trim()}`);
        this.name = "ProgramError";
    }
}

/** How long a program may run before the plan stops it, unless the caller says otherwise. */
export const DEFAULT_PROGRAM_TIMEOUT_MS = 10 * 60_000;

/**
 * The heap a program process may use. While a program's registrations are in flight the SDK keeps
 * about 100 KB per resource (closures and promises for every output property), so Node's default
 * heap (about 4 GB on a 64-bit machine) holds a program of about 25,000 resources and no more
 * (bench/programs/repeated-sites.ts: 307 copies, 50,000 resources, out of heap at 4.2 GB). The
 * plan gives its program process three quarters of the machine's memory instead, unless
 * NODE_OPTIONS already sets `--max-old-space-size`, which then stands. It changes what fits, never
 * what is decided; the real engine's language host passes NODE_OPTIONS on the same way.
 */
export function programHeapArgs(
    nodeOptions: string | undefined = process.env.NODE_OPTIONS,
    totalBytes: number = os.totalmem(),
): string[] {
    if (nodeOptions !== undefined && /--max-old-space-size\b/.test(nodeOptions)) return [];
    const mb = Math.floor((totalBytes * 0.75) / 2 ** 20);
    // Below Node's own default the flag would only shrink the heap.
    return mb > 4096 ? [`--max-old-space-size=${mb}`] : [];
}

/** Node's arguments for the program host on a job file: its heap, the TypeScript hook, the host. */
export function programArgs(jobFile: string): string[] {
    return [
        ...programHeapArgs(),
        "-r",
        path.join(__dirname, "..", "typescript-hook.cjs"),
        path.join(__dirname, "host.ts"),
        jobFile,
    ];
}

/** Runs a program in a child process under the mocks and returns what it registered. */
export async function runProgramProcess(
    job: Omit<HostJob, "out">,
    cwd: string,
    timeoutMs: number = DEFAULT_PROGRAM_TIMEOUT_MS,
): Promise<ProgramRecord> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-plan-"));
    const jobFile = path.join(dir, "job.json");
    const out = path.join(dir, "record.json");
    fs.writeFileSync(jobFile, JSON.stringify({ ...job, out }));
    try {
        const output = await new Promise<string>((resolve, reject) => {
            let text = "";
            const child = track(
                spawn(process.execPath, programArgs(jobFile), {
                    cwd,
                    env: process.env,
                    stdio: ["ignore", "pipe", "pipe"],
                }),
            );
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                reject(
                    new TimeoutError(
                        `the program of stack "${job.stack}" did not finish within ${minutes(timeoutMs)} (--timeout); it was stopped.\n${text.trim()}`,
                    ),
                );
            }, timeoutMs);
            child.stdout.on("data", (d: Buffer) => (text += d.toString()));
            child.stderr.on("data", (d: Buffer) => (text += d.toString()));
            child.on("error", reject);
            child.on("exit", (code) => {
                clearTimeout(timer);
                if (code === 0) resolve(text);
                else reject(new ProgramError(job.stack, text));
            });
        });
        void output;
        return JSON.parse(fs.readFileSync(out, "utf8")) as ProgramRecord;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** Runs a project stack's program (`index.ts` with `stacks/Pulumi.<stack>.yaml`) as the plan does. */
export function runProjectStack(
    projectDir: string,
    stack: string,
    mode: OutputMode = "preview",
): Promise<ProgramRecord> {
    const file = readStack(projectDir, stack);
    return runProgramProcess(
        {
            program: path.join(projectDir, "index.ts"),
            project: file.project,
            stack,
            config: file.config,
            secretKeys: file.secretKeys,
            mode,
        },
        projectDir,
    );
}
