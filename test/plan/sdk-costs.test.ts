/**
 * The plan's program host keeps the SDK's leak report as it is while storing nothing on the
 * promises it tracks (plan/program/sdk-costs.ts): the same candidates, the same count, the same
 * `err.promise`, checked through the SDK's own functions.
 */
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { withoutPromiseStacks } from "../../plan/program/sdk-costs";

type Wrap = (p: Promise<unknown>, ctx: unknown) => Promise<unknown>;
const sdk = debuggable as unknown as {
    debuggablePromise: Wrap;
    leakedPromises(): [Set<Promise<unknown>>, string];
};

beforeAll(() => {
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    withoutPromiseStacks();
    // The first promise goes through the SDK's own function, which schedules its exit check.
    void sdk.debuggablePromise(Promise.resolve(), "first");
});

it("counts a promise that never settles as a leak, and nothing else", async () => {
    sdk.leakedPromises();
    const pending = new Promise(() => undefined);
    void sdk.debuggablePromise(pending, "pending");
    await sdk.debuggablePromise(Promise.resolve(1), "settles");
    const [leaked, message] = sdk.leakedPromises();
    expect([...leaked]).toEqual([pending]);
    expect(message).toContain("The Pulumi runtime detected that 1 promise was still active");
});

it("passes values through, and rejections with the promise that rejected", async () => {
    sdk.leakedPromises();
    await expect(sdk.debuggablePromise(Promise.resolve("v"), "value")).resolves.toBe("v");
    const failing = Promise.reject(new Error("boom"));
    const err = (await sdk.debuggablePromise(failing, "fails").catch((e: unknown) => e)) as {
        message: string;
        promise: unknown;
    };
    expect(err.message).toBe("boom");
    expect(err.promise).toBe(failing);
    expect(sdk.leakedPromises()[0].size).toBe(0);
});

it("stores nothing on the promises it tracks", () => {
    const p = new Promise(() => undefined);
    void sdk.debuggablePromise(p, "label");
    expect(Object.getOwnPropertyNames(p)).toEqual([]);
    sdk.leakedPromises();
});
