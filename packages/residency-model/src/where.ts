/**
 * Where a resource is: the effective location of AWS resources and the cluster location of
 * Kubernetes objects.
 */
import * as YAML from "yaml";
import { awsLocation, type Location } from "@clover/vocabulary";
import { isGlobalType } from "./catalog";
import { normaliseServer, type Settings } from "./settings";
import { isUnknown, type ProviderView, type ResourceView } from "./view";

export type Where =
    | { readonly kind: "at"; readonly location: Location; readonly how: string }
    | { readonly kind: "global"; readonly how: string }
    | { readonly kind: "unknown"; readonly how: string };

export function describeWhere(where: Where): string {
    switch (where.kind) {
        case "at":
            return `${where.location} (${where.how})`;
        case "global":
            return `a global service with no location (${where.how})`;
        case "unknown":
            return `an unknown location (${where.how})`;
    }
}

/**
 * The effective location of an AWS resource: its own `region` input, else its provider's
 * `region`, else nothing (the provider would fall back to the environment, which a policy cannot
 * see). Global services have no location.
 */
export function awsWhere(r: Pick<ResourceView, "type" | "props" | "provider">): Where {
    if (isGlobalType(r.type))
        return { kind: "global", how: `${r.type.split(":")[1].split("/")[0]} is global` };
    const own = r.props.region;
    if (typeof own === "string")
        return { kind: "at", location: awsLocation(own), how: `its own "region" input` };
    if (isUnknown(own))
        return {
            kind: "unknown",
            how: `its "region" input is computed and unknown during preview`,
        };
    return providerRegion(r.provider);
}

function providerRegion(provider: ProviderView | undefined): Where {
    if (!provider) return { kind: "unknown", how: "no provider was reported for it" };
    const region = provider.props.region;
    const label = isDefaultProvider(provider)
        ? `the default provider, from the stack's aws:region`
        : `the "region" of provider "${provider.name}"`;
    if (typeof region === "string" && region !== "")
        return { kind: "at", location: awsLocation(region), how: label };
    if (isUnknown(region)) return { kind: "unknown", how: `${label} is unknown during preview` };
    return {
        kind: "unknown",
        how: isDefaultProvider(provider)
            ? "the stack sets no aws:region, so the default provider takes the region from the environment"
            : `provider "${provider.name}" sets no region, so it takes the region from the environment`,
    };
}

export function isDefaultProvider(provider: ProviderView): boolean {
    return provider.name.startsWith("default");
}

/** EKS API endpoints name their region: `https://<id>.<cell>.<region>.eks.amazonaws.com`. */
const EKS_ENDPOINT =
    /^https:\/\/[^/]+\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.eks\.amazonaws\.com(?::443)?\/?$/i;

/**
 * The cluster a Kubernetes provider talks to, from its `kubeconfig` input. Returns the location
 * when the API server is registered (or is an EKS endpoint), `unknown` otherwise. An unknown
 * kubeconfig is reported as such so that the caller can follow the provider's dependencies.
 */
export function kubernetesProviderWhere(
    provider: ProviderView | undefined,
    settings: Settings,
): Where & { pending?: boolean } {
    if (!provider) return { kind: "unknown", how: "no provider was reported for it" };
    const kubeconfig = provider.props.kubeconfig;
    if (isUnknown(kubeconfig)) {
        return {
            kind: "unknown",
            how: `the kubeconfig of provider "${provider.name}" is unknown during preview`,
            pending: true,
        };
    }
    if (kubeconfig === undefined || kubeconfig === null || kubeconfig === "") {
        return {
            kind: "unknown",
            how: `provider "${provider.name}" has no kubeconfig, so it uses the ambient default kubeconfig (KUBECONFIG or ~/.kube/config) of whoever runs the deploy`,
        };
    }
    if (typeof kubeconfig !== "string")
        return {
            kind: "unknown",
            how: `provider "${provider.name}" has a kubeconfig of an unexpected form`,
        };
    const server = serverOf(
        kubeconfig,
        typeof provider.props.context === "string" ? provider.props.context : undefined,
    );
    if (server === undefined) {
        return {
            kind: "unknown",
            how: `the kubeconfig of provider "${provider.name}" names no API server the pack can read (a file path, or no current context)`,
        };
    }
    return serverWhere(server, settings);
}

export function serverWhere(server: string, settings: Settings): Where {
    const normalised = normaliseServer(server);
    const entry = settings.clusters.find((c) => normaliseServer(c.server) === normalised);
    if (entry)
        return {
            kind: "at",
            location: entry.location,
            how: `registered cluster "${entry.name}" at ${server}`,
        };
    const eks = EKS_ENDPOINT.exec(server);
    if (eks)
        return {
            kind: "at",
            location: awsLocation(eks[1].toLowerCase()),
            how: `EKS API endpoint ${server}`,
        };
    return {
        kind: "unknown",
        how: `API server ${server} is not in the registry of approved clusters`,
    };
}

function serverOf(kubeconfig: string, contextOverride: string | undefined): string | undefined {
    let doc: unknown;
    try {
        doc = YAML.parse(kubeconfig);
    } catch {
        return undefined;
    }
    if (doc === null || typeof doc !== "object") return undefined;
    const config = doc as {
        "current-context"?: string;
        contexts?: { name?: string; context?: { cluster?: string } }[];
        clusters?: { name?: string; cluster?: { server?: string } }[];
    };
    const contextName = contextOverride ?? config["current-context"];
    const context = config.contexts?.find((c) => c.name === contextName);
    const clusterName =
        context?.context?.cluster ??
        (config.clusters?.length === 1 ? config.clusters[0].name : undefined);
    const server = config.clusters?.find((c) => c.name === clusterName)?.cluster?.server;
    return typeof server === "string" ? server : undefined;
}
