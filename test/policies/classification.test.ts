import {
    dataClassRequired,
    protectedTypeKnown,
    typesClassified,
} from "../../policy-packs/data-residency/policies/classification";
import { ownClass, UNKNOWN } from "@clover/residency-model";
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
                    'aws:timestreamwrite/database:Database "metrics" is classified protected (tag clover.io/data-class), but the data-residency pack knows a aws:timestreamwrite/database:Database only as a store, and does not know where a aws:timestreamwrite/database:Database keeps or sends data, so it cannot verify it stays in an approved location. Fix: use a known type, or teach the pack this type in packages/residency-model/src/catalog.ts (AWS_TYPES, with its destinations, sources and keys).',
            },
        ]);
    });
});

describe("configuration-only types and provider default tags", () => {
    const protectedDefaults = {
        ...EU,
        props: { region: "eu-west-1", defaultTags: JSON.stringify({ tags: tagged("protected") }) },
    };

    it("never classifies an inert or global type by its provider's default tags", () => {
        for (const type of [
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:iam/role:Role",
            "aws:s3/bucketPolicy:BucketPolicy",
        ])
            expect(ownClass(view(type, "x", {}, { provider: protectedDefaults }))).toEqual({
                kind: "missing",
            });
        expect(
            ownClass(view("aws:s3/bucket:Bucket", "b", {}, { provider: protectedDefaults })),
        ).toEqual({
            kind: "class",
            value: "protected",
            source: "provider default tag clover.io/data-class",
        });
    });

    it("does not ask an inert type tagged protected for a catalog entry", () => {
        const sg = view(
            "aws:ec2/securityGroup:SecurityGroup",
            "sg",
            { tags: tagged("protected") },
            { provider: EU },
        );
        expect(protectedTypeKnown.evaluate(sg, ctx())).toEqual([]);
    });
});

describe("types-classified", () => {
    const native = {
        urn: "urn:pulumi:test::clover::pulumi:providers:aws-native::eu",
        type: "pulumi:providers:aws-native",
        name: "eu",
        props: { region: "eu-west-1" },
    };
    const pii = view(
        "aws:s3/bucket:Bucket",
        "pii",
        { tags: tagged("protected") },
        { provider: EU },
    );

    it("passes another package's resource classified below protected that takes no protected data", () => {
        const site = view(
            "aws-native:s3:Bucket",
            "site",
            { tags: [{ key: "clover.io/data-class", value: "public" }] },
            { provider: native },
        );
        const password = view(
            "random:index/randomPassword:RandomPassword",
            "pw",
            {},
            { provider: { ...native, type: "pulumi:providers:random", name: "random" } },
        );
        const component = { ...view("clover:site:AwsSite", "dublin", {}), provider: undefined };
        expect(typesClassified.evaluate(graph(pii, site, password, component), ctx())).toEqual([]);
    });

    it("blocks a resource of another package with no class, naming what to teach the pack", () => {
        const r = view("aws-native:s3:Bucket", "users", {}, { provider: native });
        expect(typesClassified.evaluate(graph(r), ctx())).toEqual([
            {
                urn: r.urn,
                message:
                    'aws-native:s3:Bucket "users" is of a type the data-residency pack does not classify (package "aws-native"); it has no clover.io/data-class, so it is treated as a store and mover of protected data whose location and destinations cannot be verified. ' +
                    "Fix: teach the pack aws-native:s3:Bucket: its kind in packages/residency-model/src/kinds.ts and its edges in catalog.ts, or use a type the pack knows; for data that is not protected, set clover.io/data-class to internal or public and take no protected data as input.",
            },
        ]);
    });

    it("blocks an unclassified resource tagged public that takes protected data, and a generic one", () => {
        const task = view(
            "aws-native:datasync:Task",
            "export",
            {
                sourceLocationArn: UNKNOWN,
                tags: [{ key: "clover.io/data-class", value: "public" }],
            },
            { provider: native, deps: { sourceLocationArn: [pii] } },
        );
        const stack = view(
            "aws:cloudformation/stack:Stack",
            "copier",
            { tags: tagged("internal") },
            { provider: EU, deps: { parameters: [pii] } },
        );
        const [a, b] = typesClassified.evaluate(graph(pii, task, stack), ctx());
        expect(a.message).toContain(
            'its input "sourceLocationArn" takes data from aws:s3/bucket:Bucket "pii", which holds protected data',
        );
        expect(b.message).toContain(
            'aws:cloudformation/stack:Stack "copier" creates resources of any type from a template or a type name, which the pack cannot see; its input "parameters" takes data from aws:s3/bucket:Bucket "pii"',
        );
        expect(b.message).toContain(
            "Fix: declare what it creates as resources of their own types, which the pack checks",
        );
    });

    it("blocks a custom resource the project does not use in a protected namespace", () => {
        const hamar = k8sProvider({});
        const ns = view(
            "kubernetes:core/v1:Namespace",
            "users",
            { metadata: { name: "users", labels: tagged("protected") } },
            { provider: hamar },
        );
        const cr = view(
            "kubernetes:s3.services.k8s.aws/v1alpha1:Bucket",
            "exports",
            { metadata: { name: "exports", namespace: "users" } },
            { provider: hamar },
        );
        const pool = view(
            "kubernetes:ceph.rook.io/v1:CephBlockPool",
            "pool",
            { metadata: { name: "pool", namespace: "users" } },
            { provider: hamar },
        );
        const found = typesClassified.evaluate(graph(ns, cr, pool), ctx());
        expect(found.map((f) => f.urn)).toEqual([cr.urn]);
        expect(found[0].message).toContain(
            'it is classified protected (label of namespace "users")',
        );
    });
});
