/**
 * The stack graph reads a resource's inputs (as Analyze saw them) overlaid with its outputs (as
 * AnalyzeStack sends them). With the real engine, a protected Namespace whose provider is not
 * configured yet during a preview reaches the stack policies with no properties at all.
 */
import { unknownCheckingProxy, type PolicyResource } from "@pulumi/policy";
import {
    clearObservedInputs,
    observeInputsPolicy,
    OBSERVE_INPUTS,
    recordInputs,
    StackGraph,
} from "@clover/residency-model";

/** The engine's marker of a value unknown during preview. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const NS = "urn:pulumi:s::p::kubernetes:core/v1:Namespace::users";
const LABELLED = { metadata: { labels: { "clover.io/data-class": "protected" } } };

function stackResource(urn: string, type: string, props: Record<string, unknown>): PolicyResource {
    return {
        urn,
        type,
        name: urn.split("::").pop() as string,
        props,
        opts: {},
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
    } as unknown as PolicyResource;
}

afterEach(() => clearObservedInputs());

describe("the stack graph's view of a resource", () => {
    it("is its outputs when Analyze never saw it", () => {
        const g = StackGraph.fromPolicyResources([
            stackResource(NS, "kubernetes:core/v1:Namespace", {}),
        ]);
        expect(g.get(NS)?.props).toEqual({});
    });

    it("is its inputs when the engine sends no outputs (a provider not configured in a preview)", () => {
        recordInputs(NS, LABELLED);
        const g = StackGraph.fromPolicyResources([
            stackResource(NS, "kubernetes:core/v1:Namespace", {}),
        ]);
        const ns = g.get(NS)!;
        expect(ns.props).toEqual(LABELLED);
        expect(g.classOf(ns)).toEqual({
            kind: "class",
            value: "protected",
            source: "label clover.io/data-class",
        });
    });

    it("takes a known output over its input, and a known input over an unknown output", () => {
        const BUCKET = "urn:pulumi:s::p::aws:s3/bucket:Bucket::b";
        recordInputs(BUCKET, { bucket: "given", region: "eu-west-1", tags: { a: "1" } });
        // The outputs as the policy SDK hands them over: a proxy that knows which are unknown.
        const outputs = unknownCheckingProxy({
            bucket: "real",
            region: UNKNOWN_SENTINEL,
            arn: "arn:aws:s3:::real",
        });
        const g = StackGraph.fromPolicyResources([
            stackResource(BUCKET, "aws:s3/bucket:Bucket", outputs),
        ]);
        expect(g.get(BUCKET)!.props).toEqual({
            bucket: "real",
            region: "eu-west-1",
            tags: { a: "1" },
            arn: "arn:aws:s3:::real",
        });
    });
});

describe("the policy that records inputs", () => {
    it("is mandatory, records what Analyze sends, and reports nothing", () => {
        const policy = observeInputsPolicy();
        expect(policy.name).toBe(OBSERVE_INPUTS);
        expect(policy.enforcementLevel).toBe("mandatory");
        const reported: string[] = [];
        const validate = policy.validateResource as (a: unknown, r: (m: string) => void) => void;
        validate({ urn: NS, props: LABELLED }, (m) => reported.push(m));
        expect(reported).toEqual([]);
        const g = StackGraph.fromPolicyResources([
            stackResource(NS, "kubernetes:core/v1:Namespace", {}),
        ]);
        expect(g.get(NS)?.props).toEqual(LABELLED);
    });
});
