/**
 * What the SDK spends on every resource that the offline plan does not need.
 *
 * The SDK's `debuggablePromise` (runtime/debuggable.js) stores `new Error().stack` on each of the
 * promises it makes, several per resource, for its leak report, which prints those stacks only
 * when `PULUMI_DEBUG_PROMISE_LEAKS` is set. Formatting them was about 60% of a 5,000-resource
 * program's time under the mocks, and 240 MB (bench/programs/repeated-sites.ts: 23.7 s and
 * 1.17 GB peak before, 9.4 s and 0.93 GB after). Unless that variable is set, the plan has the
 * SDK make them with no frames; the leak report itself, and every error's stack, stay as they are.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";

type Wrap = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;

export function withoutPromiseStacks(): void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
    const sdk = debuggable as unknown as { debuggablePromise: Wrap };
    const original = sdk.debuggablePromise;
    sdk.debuggablePromise = (p, ctx) => {
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
            return original(p, ctx);
        } finally {
            Error.stackTraceLimit = limit;
        }
    };
}
