/**
 * What the SDK spends on every resource that the offline plan does not need.
 *
 * The SDK's `debuggablePromise` (runtime/debuggable.js) wraps several promises per output
 * property of every resource for its leak report: it stores `new Error().stack`, an id and a
 * context label on each as non-enumerable properties, and chains `.then(...).catch(...)` to take
 * it off the list of leak candidates when it settles. Without `PULUMI_DEBUG_PROMISE_LEAKS` the
 * report prints only how many promises leaked (`leakedPromises`), so the stack, the id and the
 * label are never read, yet a program holds all of them while its registrations are in flight:
 * formatting the stacks was about 60% of a 5,000-resource program's time under the mocks, and the
 * rest about a third of its heap (bench/programs/repeated-sites.ts).
 *
 * Unless that variable is set, the plan has the SDK keep the leak report exactly as it is — the
 * same list of candidates, the same exit check and message, `err.promise` on a rejection — with
 * one `.then` per promise and nothing stored on it. With the variable set, the SDK's own function
 * runs, stacks and all.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import * as state from "@pulumi/pulumi/runtime/state";

type Wrap = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;

interface Store {
    leakCandidates: Set<Promise<unknown>>;
}

export function withoutPromiseStacks(): void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
    const sdk = debuggable as unknown as { debuggablePromise: Wrap };
    const sdkState = state as unknown as { getStore(): Store };
    const original = sdk.debuggablePromise;
    let exitCheckScheduled = false;
    sdk.debuggablePromise = (p, ctx) => {
        if (!exitCheckScheduled) {
            // The SDK schedules its exit check on its first promise: let it, with no stack.
            exitCheckScheduled = true;
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 0;
            try {
                return original(p, ctx);
            } finally {
                Error.stackTraceLimit = limit;
            }
        }
        const store = sdkState.getStore();
        store.leakCandidates.add(p);
        return p.then(
            (value) => {
                store.leakCandidates.delete(p);
                return value;
            },
            (err: { promise?: unknown }) => {
                store.leakCandidates.delete(p);
                err.promise = p;
                throw err;
            },
        );
    };
}
