/**
 * Every Kubernetes object the stacks produce, validated against the official Kubernetes schemas
 * offline (kubernetes-models 4.x). Rook-Ceph custom resources and the log shipper's object bucket
 * claim have no published schema in a registry this project can reach; their required fields are
 * asserted in the Hamar stack test.
 */
import type { RecordedResource } from "../../plan/program/model";
import { stackRecord } from "../support/stack-records";

type Model = new (data: object) => { validate(): void };

/** The kubernetes-models module of an API group/version: `apps/v1` → `kubernetes-models/apps/v1`. */
function modelOf(type: string): Model | undefined {
    const [, groupVersion, kind] = type.split(":");
    const module = groupVersion.startsWith("core/")
        ? groupVersion.slice("core/".length)
        : groupVersion;
    try {
        return (require(`kubernetes-models/${module}`) as Record<string, Model>)[kind];
    } catch {
        return undefined;
    }
}

function objectOf(r: RecordedResource): object {
    const [, groupVersion, kind] = r.type.split(":");
    const apiVersion = groupVersion.startsWith("core/")
        ? groupVersion.slice("core/".length)
        : groupVersion;
    return { ...r.inputs, apiVersion, kind };
}

describe.each([
    ["dublin", 32],
    ["dublin-2", 32],
    ["hamar", 39],
])("Kubernetes objects of %s", (stack, count) => {
    let objects: RecordedResource[];
    beforeAll(async () => {
        objects = (await stackRecord(stack, "known")).resources.filter(
            (r) =>
                r.type.startsWith("kubernetes:") &&
                !r.type.startsWith("kubernetes:ceph.rook.io") &&
                !r.type.startsWith("kubernetes:objectbucket.io"),
        );
    }, 120_000);

    it("are all of kinds the official schemas cover", () => {
        expect(objects.length).toBe(count);
        expect(objects.filter((r) => modelOf(r.type) === undefined).map((r) => r.type)).toEqual([]);
    });

    it("validate against the official Kubernetes schemas", () => {
        const invalid = objects.flatMap((r) => {
            try {
                new (modelOf(r.type)!)(objectOf(r)).validate();
                return [];
            } catch (err) {
                return [`${r.urn}: ${(err as Error).message}`];
            }
        });
        expect(invalid).toEqual([]);
    });

    it("a schema violation would be caught", () => {
        const deployment = objects.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
        const broken = {
            ...objectOf(deployment),
            spec: { ...(deployment.inputs.spec as object), replicas: "two" },
        };
        expect(() => new (modelOf(deployment.type)!)(broken).validate()).toThrow(
            "data/spec/replicas must be integer",
        );
    });
});
