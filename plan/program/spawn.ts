import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
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

/** Runs a program in a child process under the mocks and returns what it registered. */
export async function runProgramProcess(
    job: Omit<HostJob, "out">,
    cwd: string,
): Promise<ProgramRecord> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-plan-"));
    const jobFile = path.join(dir, "job.json");
    const out = path.join(dir, "record.json");
    fs.writeFileSync(jobFile, JSON.stringify({ ...job, out }));
    try {
        const output = await new Promise<string>((resolve, reject) => {
            const child = spawn(
                process.execPath,
                [
                    "-r",
                    path.join(__dirname, "..", "typescript-hook.cjs"),
                    path.join(__dirname, "host.ts"),
                    jobFile,
                ],
                { cwd, env: process.env, stdio: ["ignore", "pipe", "pipe"] },
            );
            let text = "";
            child.stdout.on("data", (d: Buffer) => (text += d.toString()));
            child.stderr.on("data", (d: Buffer) => (text += d.toString()));
            child.on("error", reject);
            child.on("exit", (code) =>
                code === 0 ? resolve(text) : reject(new ProgramError(job.stack, text)),
            );
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
