import * as fs from "fs";
import * as path from "path";
import {
    parseSettings,
    type PlainObject,
    type ProviderView,
    type ResourceView,
    type Settings,
    StackGraph,
} from "@clover/residency-model";
import type { Context } from "../../policy-packs/data-residency/lib/policy";
import { WAIVABLE } from "../../policy-packs/data-residency/policies/registry";
import { PROJECT_DIR } from "./harness";

/** The legacy stack's committed policy config: the enclave's defaults plus its waivers. */
const LEGACY_CONFIG = path.join(PROJECT_DIR, "policy-config", "legacy", "data-residency.json");

/**
 * The settings every residency policy runs with by default, with the legacy stack's waivers (as
 * `waived-violations` gets them), on a fixed date.
 */
export function shippedSettings(today = "2026-11-22"): Settings {
    const config = JSON.parse(fs.readFileSync(LEGACY_CONFIG, "utf8"));
    return parseSettings(config["waived-violations"], {
        source: LEGACY_CONFIG,
        today,
        policies: WAIVABLE,
    });
}

export const ctx = (settings: Settings = shippedSettings()): Context => ({ settings });

export function awsProvider(
    region: string | undefined,
    name = `aws-${region ?? "none"}`,
): ProviderView {
    return {
        urn: `urn:pulumi:test::clover::pulumi:providers:aws::${name}`,
        type: "pulumi:providers:aws",
        name,
        props: region === undefined ? {} : { region },
    };
}

export function k8sProvider(props: PlainObject, name = "k8s"): ProviderView {
    return {
        urn: `urn:pulumi:test::clover::pulumi:providers:kubernetes::${name}`,
        type: "pulumi:providers:kubernetes",
        name,
        props,
    };
}

/** A resource view; `deps` are the property dependencies, by input, as resource views. */
export function view(
    type: string,
    name: string,
    props: PlainObject,
    options: { provider?: ProviderView; deps?: Record<string, ResourceView[]> } = {},
): ResourceView {
    return {
        urn: `urn:pulumi:test::clover::${type}::${name}`,
        type,
        name,
        props,
        provider: options.provider,
        propertyDependencies: Object.fromEntries(
            Object.entries(options.deps ?? {}).map(([k, v]) => [k, v.map((d) => d.urn)]),
        ),
        dependencies: [],
    };
}

/** The provider as a resource of the stack, so that graph checks can follow its inputs. */
export function providerResource(
    p: ProviderView,
    deps: Record<string, ResourceView[]> = {},
): ResourceView {
    return {
        urn: p.urn,
        type: p.type,
        name: p.name,
        props: p.props,
        propertyDependencies: Object.fromEntries(
            Object.entries(deps).map(([k, v]) => [k, v.map((d) => d.urn)]),
        ),
        dependencies: [],
    };
}

export const graph = (...resources: ResourceView[]): StackGraph => new StackGraph(resources);

export const CLASS = "clover.io/data-class";
export const tagged = (dataClass: string): PlainObject => ({ [CLASS]: dataClass });
