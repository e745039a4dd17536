/**
 * Where a resource is: the effective location of AWS resources and the cluster location of
 * Kubernetes objects.
 */
import * as YAML from "yaml";
import { awsLocation, type Location } from "@clover/vocabulary";
import { isGlobalType } from "./catalog";
import { normaliseServer, type Settings } from "./settings";
import { isUnknown, show, type ProviderView, type ResourceView } from "./view";

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
 * The effective location of an AWS resource: where its provider's `endpoints` send its service,
 * else its own `region` input, else its provider's `region`, else nothing (the provider would fall
 * back to the environment, which a policy cannot see). Global services have no location.
 */
export function awsWhere(r: Pick<ResourceView, "type" | "props" | "provider">): Where {
    if (isGlobalType(r.type))
        return { kind: "global", how: `${r.type.split(":")[1].split("/")[0]} is global` };
    const endpoint = endpointWhere(r.type, r.provider);
    if (endpoint) return endpoint;
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

/**
 * The `endpoints` key of the AWS provider (the Terraform AWS provider's `endpoints` block) that
 * serves a type, where it is not the type's module: by type first, then by module.
 */
const ENDPOINT_KEY: Readonly<Record<string, string>> = {
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "firehose",
    "aws:kinesis/analyticsApplication:AnalyticsApplication": "kinesisanalytics",
    "aws:kinesis/videoStream:VideoStream": "kinesisvideo",
    "aws:kinesisanalyticsv2/application:Application": "kinesisanalyticsv2",
    alb: "elbv2",
    lb: "elbv2",
    cfg: "configservice",
    cognito: "cognitoidp",
    ebs: "ec2",
    ec2clientvpn: "ec2",
    ec2transitgateway: "ec2",
    verifiedaccess: "ec2",
    vpc: "ec2",
    macie: "macie2",
    mskconnect: "kafkaconnect",
    opensearchingest: "osis",
    resourceexplorer: "resourceexplorer2",
    route53recoverycontrol: "route53recoverycontrolconfig",
    serverlessrepository: "serverlessrepo",
    bcmdata: "bcmdataexports",
    bedrockfoundation: "bedrock",
    bedrockmodel: "bedrock",
};

/** The endpoints key that serves `type`. */
export function endpointKey(type: string): string {
    const module = type.split(":")[1]?.split("/")[0] ?? "";
    return ENDPOINT_KEY[type] ?? ENDPOINT_KEY[module] ?? module;
}

/**
 * An AWS endpoint and its region, if it has one: `https://s3.eu-west-1.amazonaws.com`,
 * `https://kms-fips.eu-west-1.amazonaws.com`, `https://dynamodb.eu-west-1.api.aws`,
 * `https://bucket.vpce-0a1b.s3.eu-west-1.vpce.amazonaws.com`; global ones have none
 * (`https://sts.amazonaws.com`).
 */
const AWS_ENDPOINT =
    /^https:\/\/(?:[a-z0-9-]+\.)*?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d)\.)?(?:vpce\.)?(?:amazonaws\.com|api\.aws)(?::443)?\/?$/i;

/**
 * Where the provider's `endpoints` send the service of `type`: the region of an AWS endpoint, or
 * unknown for any other host (a proxy, an S3-compatible store). An override of another service
 * that leaves the provider's region makes the location unknown too, since the provider accepts
 * several names for one service (`s3api` for `s3`, `cognitoidentityprovider` for `cognitoidp`)
 * and the pack cannot tell that it is not this one; global AWS endpoints (`sts.amazonaws.com`) and
 * endpoints of the provider's own region (FIPS, VPC endpoints) are left alone. Provider inputs
 * arrive JSON-encoded: `'[{"s3":"https://..."}]'`.
 */
function endpointWhere(type: string, provider: ProviderView | undefined): Where | undefined {
    const raw = provider?.props.endpoints;
    if (raw === undefined || raw === null || raw === "" || raw === "[]") return undefined;
    const of = `provider "${provider!.name}"`;
    const unknown = (how: string): Where => ({ kind: "unknown", how });
    if (isUnknown(raw)) return unknown(`the "endpoints" of ${of} are unknown during preview`);
    let parsed: unknown = raw;
    if (typeof raw === "string") {
        try {
            parsed = JSON.parse(raw);
        } catch {
            return unknown(`the "endpoints" of ${of} are not a list of services`);
        }
    }
    const overrides: [string, unknown][] = (Array.isArray(parsed) ? parsed : [parsed]).flatMap(
        (block) =>
            block !== null && typeof block === "object"
                ? Object.entries(block as Record<string, unknown>).filter(
                      ([, url]) => url !== undefined && url !== null && url !== "",
                  )
                : [],
    );
    const key = endpointKey(type);
    const own = overrides.find(([k]) => k === key);
    if (own) {
        const [, url] = own;
        if (typeof url !== "string")
            return unknown(`the "${key}" endpoint of ${of} is unknown during preview`);
        const region = AWS_ENDPOINT.exec(url)?.[1];
        return region
            ? {
                  kind: "at",
                  location: awsLocation(region.toLowerCase()),
                  how: `the "${key}" endpoint of ${of}, ${url}`,
              }
            : unknown(
                  `the "${key}" endpoint of ${of} sends it to ${show(url)}, which is not an AWS endpoint of a region; remove the override or point it at AWS in an approved region`,
              );
    }
    const home = typeof provider!.props.region === "string" ? provider!.props.region : undefined;
    for (const [k, url] of overrides) {
        const match = typeof url === "string" ? AWS_ENDPOINT.exec(url) : null;
        if (match && (match[1] === undefined || match[1].toLowerCase() === home)) continue;
        return unknown(
            `${of} sends "${k}" to ${typeof url === "string" ? show(url) : "an endpoint unknown during preview"}, and the pack cannot tell that this is not the service of ${type} (the provider accepts several names for one service); point every endpoint at AWS in the provider's region, or remove the override`,
        );
    }
    return undefined;
}

export function isDefaultProvider(provider: ProviderView): boolean {
    return provider.name.startsWith("default");
}

/** A host of an AWS service names its region: `db.x.eu-west-1.rds.amazonaws.com`. */
const AWS_HOST = /(?:^|\.)([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:[a-z0-9-]+\.)*amazonaws\.com$/;

/** The AWS location a service host names, if it is one. */
export function awsLocationOfHost(host: string): Location | undefined {
    const region = AWS_HOST.exec(host.toLowerCase())?.[1];
    return region ? awsLocation(region) : undefined;
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
    // The provider's `context` input picks the kubeconfig's context instead of its current one,
    // and its `cluster` input the cluster instead of the context's.
    const { context, cluster } = provider.props;
    for (const [key, value] of [
        ["context", context],
        ["cluster", cluster],
    ] as const) {
        if (isUnknown(value))
            return {
                kind: "unknown",
                how: `the "${key}" input of provider "${provider.name}" is unknown during preview, so the cluster it talks to cannot be told`,
            };
    }
    const server = serverOf(
        kubeconfig,
        typeof context === "string" && context !== "" ? context : undefined,
        typeof cluster === "string" && cluster !== "" ? cluster : undefined,
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

function serverOf(
    kubeconfig: string,
    contextOverride: string | undefined,
    clusterOverride: string | undefined,
): string | undefined {
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
        clusterOverride ??
        context?.context?.cluster ??
        (config.clusters?.length === 1 ? config.clusters[0].name : undefined);
    const server = config.clusters?.find((c) => c.name === clusterName)?.cluster?.server;
    return typeof server === "string" ? server : undefined;
}
