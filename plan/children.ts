/**
 * Every process the plan starts (a program, a policy pack) is registered here, so that none
 * outlives the plan: a failure stops them all, and so does SIGINT or SIGTERM (the CLI installs
 * {@link stopOnSignals}). The engine does the same for its plugins.
 */
import type { ChildProcess } from "child_process";

const running = new Set<ChildProcess>();

/** Tracks a child until it exits. */
export function track<T extends ChildProcess>(child: T): T {
    running.add(child);
    child.once("exit", () => running.delete(child));
    return child;
}

/** The children still running (for tests). */
export function runningChildren(): number {
    return running.size;
}

/** Kills every tracked child (SIGTERM, then SIGKILL after `graceMs`) and waits for each. */
export async function stopAll(graceMs = 2000): Promise<void> {
    await Promise.all(
        [...running].map(
            (child) =>
                new Promise<void>((resolve) => {
                    if (child.exitCode !== null || child.signalCode !== null) return resolve();
                    const hard = setTimeout(() => child.kill("SIGKILL"), graceMs);
                    child.once("exit", () => {
                        clearTimeout(hard);
                        resolve();
                    });
                    child.kill("SIGTERM");
                }),
        ),
    );
}

/** On SIGINT or SIGTERM: stop every child, then exit 130 or 143 as a shell would. */
export function stopOnSignals(): void {
    for (const [signal, code] of [
        ["SIGINT", 130],
        ["SIGTERM", 143],
    ] as const) {
        process.once(signal, () => {
            process.stderr.write(`\n${signal}: stopping the plan's programs and policy packs\n`);
            void stopAll().then(() => process.exit(code));
        });
    }
}

/** A plan step that did not finish in time; the CLI exits 2. */
export class TimeoutError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "TimeoutError";
    }
}

/** Minutes, for messages: "10 min", "0.5 min". */
export function minutes(ms: number): string {
    return `${Number((ms / 60_000).toFixed(2))} min`;
}
