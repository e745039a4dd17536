/**
 * Runs one Pulumi program under the mock runtime in its own process (the SDK's runtime state is
 * process-global) and writes the {@link ProgramRecord} as JSON to the file named on the command
 * line. A program that throws exits 2 with its error on stderr.
 *
 *   node -r plan/typescript-hook.cjs plan/program/host.ts <job.json>
 *
 * job.json: { program, project, stack, config, secretKeys, mode, out }
 */
import * as fs from "fs";
import { RunError } from "@pulumi/pulumi/errors";
import type { OutputMode } from "./model";
import { runUnderMocks } from "./run";
import { withoutPromiseStacks } from "./sdk-costs";

export interface HostJob {
    readonly program: string;
    readonly project: string;
    readonly stack: string;
    readonly config: Record<string, string>;
    readonly secretKeys: string[];
    readonly mode: OutputMode;
    /** Where to write the record. */
    readonly out: string;
}

async function main(jobFile: string): Promise<void> {
    const job = JSON.parse(fs.readFileSync(jobFile, "utf8")) as HostJob;
    withoutPromiseStacks();
    const record = await runUnderMocks(
        {
            project: job.project,
            stack: job.stack,
            config: job.config,
            secretKeys: job.secretKeys,
            mode: job.mode,
        },
        // The program is loaded the way the language host loads it: as a CommonJS module.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        () => require(job.program) as unknown,
    );
    fs.writeFileSync(job.out, JSON.stringify(record));
}

main(process.argv[2]).then(
    () => process.exit(0),
    (err: unknown) => {
        // A RunError (a config error) is the user's to fix: its message alone, as the CLI prints it.
        const text = RunError.isInstance(err) ? err.message : ((err as Error).stack ?? String(err));
        process.stderr.write(`${text}\n`);
        process.exit(2);
    },
);
