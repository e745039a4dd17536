import { stackGraphOf, viewsOf } from "../../../plan/report/describe";
import type { OutputMode } from "../../../plan/program/model";
import {
    type Plain,
    type PlainObject,
    type ResourceView,
    StackGraph,
} from "@clover/residency-model";
import type { Finding, SecurityPolicy } from "../../../policy-packs/enclave-security/lib/policy";
import { stackRecord } from "../../support/stack-records";

/** The views of a project stack, as the pack sees them in a plan. */
export async function stackViews(
    stack: string,
    mode: OutputMode = "preview",
): Promise<ResourceView[]> {
    return viewsOf(await stackRecord(stack, mode));
}

export { stackGraphOf };

/** Runs a policy over views. */
export function run(policy: SecurityPolicy, views: readonly ResourceView[]): Finding[] {
    return policy.evaluate(new StackGraph(views));
}

/** The one view whose type and name match; fails the test if there is not exactly one. */
export function one(views: readonly ResourceView[], type: string, name: string): ResourceView {
    const found = views.filter((v) => v.type === type && v.name === name);
    if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name}`);
    return found[0];
}

/** The views without those matching. */
export function without(
    views: readonly ResourceView[],
    test: (v: ResourceView) => boolean,
): ResourceView[] {
    return views.filter((v) => !test(v));
}

/** The views with one resource's props replaced. */
export function edit(
    views: readonly ResourceView[],
    target: ResourceView,
    change: (props: PlainObject, view: ResourceView) => Partial<ResourceView> | void,
): ResourceView[] {
    return views.map((v) => {
        if (v.urn !== target.urn) return v;
        const props = clone(v.props) as PlainObject;
        const extra = change(props, v) ?? {};
        return { ...v, props, ...extra };
    });
}

/** A deep copy that keeps the unknown marker (a symbol, which structuredClone rejects). */
function clone(value: Plain): Plain {
    if (Array.isArray(value)) return value.map(clone);
    if (value !== null && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
    return value;
}
