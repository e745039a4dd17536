import * as path from "path";
import type { OutputMode, ProgramRecord } from "../../plan/program/model";
import { runProgramProcess } from "../../plan/program/spawn";
import { readStack } from "../../plan/stacks";
import { PROJECT_DIR } from "./harness";

/** Runs a project stack's program in its own process, as the plan does, and returns its record. */
export function stackRecord(stack: string, mode: OutputMode = "preview"): Promise<ProgramRecord> {
    const file = readStack(PROJECT_DIR, stack);
    return runProgramProcess(
        {
            program: path.join(PROJECT_DIR, "index.ts"),
            project: file.project,
            stack,
            config: file.config,
            secretKeys: file.secretKeys,
            mode,
        },
        PROJECT_DIR,
    );
}
