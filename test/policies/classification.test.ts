import {
    dataClassRequired,
    protectedTypeKnown,
} from "../../policy-packs/data-residency/policies/classification";
import { UNKNOWN } from "@clover/residency-model";
import { awsProvider, ctx, graph, k8sProvider, tagged, view } from "../support/views";

const EU = awsProvider("eu-west-1");

describe("data-class-required", () => {
    it("passes classified stores, and stores whose namespace is classified", () => {
        const hamar = k8sProvider({});
        const ns = view(
            "kubernetes:core/v1:Namespace",
            "users",
            { metadata: { name: "users", labels: tagged("protected") } },
            { provider: hamar },
        );
        const pvc = view(
            "kubernetes:core/v1:PersistentVolumeClaim",
            "data",
            { metadata: { name: "data", namespace: "users" } },
            { provider: hamar },
        );
        const bucket = view(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: tagged("protected") },
            { provider: EU },
        );
        expect(dataClassRequired.evaluate(graph(ns, pvc, bucket), ctx())).toEqual([]);
    });

    it("passes a class set through the provider's default tags", () => {
        const provider = {
            ...EU,
            props: {
                region: "eu-west-1",
                defaultTags: JSON.stringify({ tags: tagged("internal") }),
            },
        };
        expect(
            dataClassRequired.evaluate(
                graph(view("aws:sqs/queue:Queue", "q", {}, { provider })),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("blocks a store with no class", () => {
        const bucket = view("aws:s3/bucket:Bucket", "mystery", {}, { provider: EU });
        expect(dataClassRequired.evaluate(graph(bucket), ctx())).toEqual([
            {
                urn: bucket.urn,
                message:
                    'aws:s3/bucket:Bucket "mystery" stores or moves data but has no clover.io/data-class tag. An unclassified store is treated as protected and cannot be checked for what it holds. Fix: set clover.io/data-class to protected, internal or public.',
            },
        ]);
    });

    it("blocks a Kubernetes volume claim with no class on it or its namespace", () => {
        const pvc = view(
            "kubernetes:core/v1:PersistentVolumeClaim",
            "data",
            { metadata: { name: "data", namespace: "users" } },
            { provider: k8sProvider({}) },
        );
        expect(dataClassRequired.evaluate(graph(pvc), ctx())[0].message).toBe(
            'kubernetes:core/v1:PersistentVolumeClaim "data" stores or moves data but has no clover.io/data-class label (on it or on its namespace). An unclassified store is treated as protected and cannot be checked for what it holds. Fix: set clover.io/data-class to protected, internal or public.',
        );
    });

    it("blocks a class that is not one", () => {
        const bucket = view(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: tagged("PII") },
            { provider: EU },
        );
        expect(dataClassRequired.evaluate(graph(bucket), ctx())[0].message).toBe(
            'aws:s3/bucket:Bucket "pii" has tag clover.io/data-class = "PII", which is not a data class. Fix: use protected, internal or public (lower case).',
        );
    });

    it("blocks a class unknown during preview", () => {
        const bucket = view(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: { "clover.io/data-class": UNKNOWN } },
            { provider: EU },
        );
        expect(dataClassRequired.evaluate(graph(bucket), ctx())[0].message).toBe(
            'aws:s3/bucket:Bucket "pii" has a clover.io/data-class tag whose value is unknown during preview. Fix: set clover.io/data-class to a literal value: protected, internal or public.',
        );
    });
});

describe("protected-type-known", () => {
    it("passes protected data on a type the pack knows", () => {
        expect(
            protectedTypeKnown.evaluate(
                view("aws:sqs/queue:Queue", "q", { tags: tagged("protected") }, { provider: EU }),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("passes an unknown type that holds no protected data", () => {
        expect(
            protectedTypeKnown.evaluate(
                view(
                    "aws:timestreamwrite/database:Database",
                    "m",
                    { tags: tagged("internal") },
                    { provider: EU },
                ),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("blocks protected data on a type the pack does not know, naming the type", () => {
        const r = view(
            "aws:timestreamwrite/database:Database",
            "metrics",
            { tags: tagged("protected") },
            { provider: EU },
        );
        expect(protectedTypeKnown.evaluate(r, ctx())).toEqual([
            {
                urn: r.urn,
                message:
                    'aws:timestreamwrite/database:Database "metrics" is classified protected (tag clover.io/data-class), but the data-residency pack does not know where a aws:timestreamwrite/database:Database keeps or sends data, so it cannot verify it stays in an approved location. Fix: use a known type, or teach the pack this type in lib/catalog.ts.',
            },
        ]);
    });
});
