/**
 * The policies read the engine's property bags through `snapshot`, which must turn every kind of
 * unknown value into UNKNOWN (fail closed) and keep every known value. It walks the SDK proxy's
 * target and asks the proxy only about strings shaped like the SDK's sentinels; these tests pin
 * that the SDK's sentinels have that shape and that both paths agree.
 */
import { unknownCheckingProxy } from "@pulumi/policy";
import { select, snapshot, UNKNOWN } from "@clover/residency-model";

// The sentinels are internal to the SDK (stripped from its typings): read them from its module.
const sdkProxy = require("@pulumi/policy/proxy") as Record<string, string>;

const SENTINELS = {
    boolean: sdkProxy.unknownBooleanValue,
    number: sdkProxy.unknownNumberValue,
    string: sdkProxy.unknownStringValue,
    array: sdkProxy.unknownArrayValue,
    asset: sdkProxy.unknownAssetValue,
    archive: sdkProxy.unknownArchiveValue,
    object: sdkProxy.unknownObjectValue,
} as Record<string, string>;

const props = {
    region: SENTINELS.string,
    name: "pii",
    count: 3,
    versioned: true,
    tags: { "clover.io/data-class": "protected", owner: SENTINELS.string },
    rules: [
        { destination: { bucket: SENTINELS.string } },
        { destination: { bucket: "arn:aws:s3:::copy" } },
    ],
    replicas: SENTINELS.array,
    config: SENTINELS.object,
    id: "0b5e7a9c-1d2e-4f60-8a9b-0c1d2e3f4a5b",
};

const expected = {
    region: UNKNOWN,
    name: "pii",
    count: 3,
    versioned: true,
    tags: { "clover.io/data-class": "protected", owner: UNKNOWN },
    rules: [{ destination: { bucket: UNKNOWN } }, { destination: { bucket: "arn:aws:s3:::copy" } }],
    replicas: UNKNOWN,
    config: UNKNOWN,
    id: "0b5e7a9c-1d2e-4f60-8a9b-0c1d2e3f4a5b",
};

describe("snapshot", () => {
    it("knows every sentinel of the installed policy SDK by its shape", () => {
        for (const [kind, sentinel] of Object.entries(SENTINELS)) {
            expect({
                kind,
                shaped: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
                    sentinel,
                ),
            }).toEqual({ kind, shaped: true });
        }
    });

    it("turns every unknown into UNKNOWN and keeps known values, UUID-shaped ones included", () => {
        expect(snapshot(unknownCheckingProxy(props))).toEqual(expected);
    });

    it("gives the same answer without the proxy's target (the public path)", () => {
        const proxy = unknownCheckingProxy(props);
        const withoutTarget = new Proxy(proxy as object, {
            get: (target, key) =>
                key === "__getSpecialProxyTarget"
                    ? undefined
                    : (target as Record<string | symbol, unknown>)[key],
        });
        expect(snapshot(withoutTarget)).toEqual(expected);
    });

    it("selects through lists, and stops at unknown lists", () => {
        const plain = snapshot(unknownCheckingProxy(props));
        expect(select(plain, "rules[*].destination.bucket")).toEqual([
            { path: "rules[0].destination.bucket", value: UNKNOWN },
            { path: "rules[1].destination.bucket", value: "arn:aws:s3:::copy" },
        ]);
        expect(select(plain, "replicas[*].regionName")).toEqual([
            { path: "replicas", value: UNKNOWN },
        ]);
    });
});
