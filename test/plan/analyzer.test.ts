/**
 * Drives the residency pack over the analyzer gRPC protocol exactly as the plan (and the engine)
 * does, with hand-made records, to pin the protocol details the plan relies on.
 */
import * as path from "path";
import { PolicyPackProcess } from "../../plan/analyzer/client";
import { UNKNOWN, type ProgramRecord, type RecordedResource } from "../../plan/program/model";
import { PROJECT_DIR } from "../support/harness";

const PACK = path.join(PROJECT_DIR, "policy-packs", "data-residency");

function resource(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    provider?: string,
): RecordedResource {
    return {
        urn: `urn:pulumi:grpc::clover::${type}::${name}`,
        type,
        name,
        custom: true,
        provider,
        dependencies: [],
        propertyDependencies: {},
        inputs,
        outputs: inputs,
        protect: false,
        retainOnDelete: false,
    };
}

describe("the residency pack over gRPC", () => {
    let pack: PolicyPackProcess;
    beforeAll(async () => {
        pack = await PolicyPackProcess.start(PACK);
    }, 120_000);
    afterAll(async () => pack?.stop());

    it("describes itself: every residency policy mandatory, the waiver report advisory", async () => {
        const info = await pack.info();
        expect(info.name).toBe("data-residency");
        expect(info.policies.map((p) => [p.name, p.enforcementLevel, p.severity])).toEqual([
            ["aws-data-location", "mandatory", "critical"],
            ["aws-data-flows", "mandatory", "critical"],
            ["protected-type-known", "mandatory", "high"],
            ["types-classified", "mandatory", "critical"],
            ["data-class-required", "mandatory", "critical"],
            ["aws-data-flows-resolved", "mandatory", "critical"],
            ["declassification", "mandatory", "critical"],
            ["global-service-exposure", "mandatory", "critical"],
            ["remote-readers", "mandatory", "critical"],
            ["kubernetes-data-location", "mandatory", "critical"],
            ["waived-violations", "advisory", "medium"],
            ["resource-inputs-observed", "mandatory", "low"],
        ]);
        expect(info.policies.every((p) => p.remediationSteps.length > 0)).toBe(true);
    });

    it("reports a region unknown during preview as mandatory, not as the engine's advisory note", async () => {
        const provider = resource("pulumi:providers:aws", "somewhere", { region: UNKNOWN });
        const bucket = resource(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: { "clover.io/data-class": "protected" } },
            provider.urn,
        );
        const record: ProgramRecord = {
            project: "clover",
            stack: "grpc",
            mode: "preview",
            resources: [provider, bucket],
            stackOutputs: {},
        };
        await pack.configureStack(record, {}, true);
        const diagnostics = await pack.analyze(bucket, new Map([[provider.urn, provider]]));
        expect(diagnostics.map((d) => [d.policy, d.enforcementLevel, d.message])).toEqual([
            [
                "aws-data-location",
                "mandatory",
                'aws:s3/bucket:Bucket "pii" holds protected data (tag clover.io/data-class); it is in an unknown location (the "region" of provider "somewhere" is unknown during preview). Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: give the resource a provider with a literal region in an approved location (the site provider).',
            ],
        ]);
    });

    it("reads secret inputs (a kubeconfig) through the secret envelope", async () => {
        const kubeconfig = JSON.stringify({
            clusters: [{ name: "c", cluster: { server: "https://k8s.example.com" } }],
            contexts: [{ name: "c", context: { cluster: "c" } }],
            "current-context": "c",
        });
        const provider = resource("pulumi:providers:kubernetes", "other", {
            kubeconfig: {
                "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
                value: kubeconfig,
            },
        });
        const ns = resource(
            "kubernetes:core/v1:Namespace",
            "users",
            { metadata: { labels: { "clover.io/data-class": "protected" } } },
            provider.urn,
        );
        const diagnostics = await pack.analyzeStack(
            [provider, ns],
            new Map([[provider.urn, provider]]),
        );
        expect(diagnostics.map((d) => [d.policy, d.urn])).toEqual([
            ["kubernetes-data-location", ns.urn],
        ]);
        expect(diagnostics[0].message).toContain(
            "API server https://k8s.example.com is not in the registry of approved clusters",
        );
    });

    it("takes answers larger than gRPC's default 4 MiB, as the engine does (up to 400 MiB)", async () => {
        const provider = resource("pulumi:providers:kubernetes", "other", {
            kubeconfig: JSON.stringify({
                clusters: [{ name: "c", cluster: { server: "https://k8s.example.com" } }],
                contexts: [{ name: "c", context: { cluster: "c" } }],
                "current-context": "c",
            }),
        });
        // Long names make long URNs and messages: 2,500 violations of well over 1 KiB each.
        const namespaces = Array.from({ length: 2500 }, (_, i) =>
            resource(
                "kubernetes:core/v1:Namespace",
                `users-${i}-${"x".repeat(1000)}`,
                { metadata: { labels: { "clover.io/data-class": "protected" } } },
                provider.urn,
            ),
        );
        const diagnostics = await pack.analyzeStack(
            [provider, ...namespaces],
            new Map([[provider.urn, provider]]),
        );
        expect(diagnostics).toHaveLength(2500);
        expect(Buffer.byteLength(JSON.stringify(diagnostics))).toBeGreaterThan(4 * 1024 * 1024);
        expect(new Set(diagnostics.map((d) => d.urn))).toEqual(
            new Set(namespaces.map((n) => n.urn)),
        );
    }, 60_000);

    it("honours enforcement-level overrides sent with Configure", async () => {
        await pack.configure({
            "aws-data-location": { enforcementLevel: "advisory", properties: {} },
        });
        const provider = resource("pulumi:providers:aws", "us", { region: "us-east-1" });
        const bucket = resource(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: { "clover.io/data-class": "protected" } },
            provider.urn,
        );
        const diagnostics = await pack.analyze(bucket, new Map([[provider.urn, provider]]));
        expect(diagnostics.map((d) => [d.policy, d.enforcementLevel])).toEqual([
            ["aws-data-location", "advisory"],
        ]);
        await pack.configure({
            "aws-data-location": { enforcementLevel: "mandatory", properties: {} },
        });
    });
});

describe("a pack whose settings do not validate", () => {
    it("fails the analysis with the settings error, never passes unchecked", async () => {
        const pack = await PolicyPackProcess.start(PACK);
        try {
            await pack.configure({
                "aws-data-location": {
                    enforcementLevel: "mandatory",
                    properties: { approvedLocations: { protected: ["aws:eu-west-9"] } },
                },
            });
            const provider = resource("pulumi:providers:aws", "eu", { region: "eu-west-1" });
            const bucket = resource(
                "aws:s3/bucket:Bucket",
                "pii",
                { tags: { "clover.io/data-class": "protected" } },
                provider.urn,
            );
            await expect(pack.analyze(bucket, new Map([[provider.urn, provider]]))).rejects.toThrow(
                /data-residency settings of policy aws-data-location are invalid:\n {2}- approvedLocations\.protected\.0: is not a known location \(e\.g\. aws:eu-west-1, onprem:hamar\) \(got "aws:eu-west-9"\)/,
            );
        } finally {
            await pack.stop();
        }
    }, 120_000);
});

describe("a pack started with its clock set", () => {
    it("refuses a day that does not exist, before starting anything", async () => {
        await expect(PolicyPackProcess.start(PACK, { clock: "2027-02-30" })).rejects.toThrow(
            'clock: "2027-02-30" is not a calendar date written YYYY-MM-DD',
        );
    });
});
