import type { OutputMode, ProgramRecord } from "../../plan/program/model";
import { runProjectStack } from "../../plan/program/spawn";
import { PROJECT_DIR } from "./harness";

/** Runs a project stack's program in its own process, as the plan does, and returns its record. */
export function stackRecord(stack: string, mode: OutputMode = "preview"): Promise<ProgramRecord> {
    return runProjectStack(PROJECT_DIR, stack, mode);
}
