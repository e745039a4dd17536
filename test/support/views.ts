import * as fs from "fs";
import * as path from "path";
import { StackGraph } from "../../policy-packs/data-residency/lib/graph";
import type { Context } from "../../policy-packs/data-residency/lib/policy";
import { parseSettings, type Settings } from "../../policy-packs/data-residency/lib/settings";
import type {
    PlainObject,
    ProviderView,
    ResourceView,
} from "../../policy-packs/data-residency/lib/view";
import { PROJECT_DIR } from "./harness";

const PACK_CONFIG = path.join(PROJECT_DIR, "policy-packs", "data-residency", "config.yaml");

/** The pack's shipped settings, on a fixed date. */
export function shippedSettings(today = "2026-11-22"): Settings {
    return parseSettings(fs.readFileSync(PACK_CONFIG, "utf8"), PACK_CONFIG, today);
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
