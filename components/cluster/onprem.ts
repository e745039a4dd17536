import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";

export interface OnpremClusterArgs {
    /** The site's name, used as the kubeconfig's cluster and context name. */
    readonly site: string;
    /**
     * The API server URL. The provider talks to this server and no other, whatever the kubeconfig
     * says; it is the URL registered in the residency pack.
     */
    readonly apiServerUrl: string;
    /** The cluster admins' kubeconfig, a secret: its CA and first user's credentials are used. */
    readonly kubeconfig: pulumi.Input<string>;
}

export function validateOnpremClusterArgs(args: OnpremClusterArgs): void {
    let url: URL;
    try {
        url = new URL(args.apiServerUrl);
    } catch {
        throw new Error(
            `OnpremCluster: apiServerUrl "${args.apiServerUrl}" is not a URL; pass the API server, e.g. https://api.k8s.hamar.clover.internal:6443.`,
        );
    }
    if (url.protocol !== "https:") {
        throw new Error(
            `OnpremCluster: apiServerUrl "${args.apiServerUrl}" is not https; the API server must be reached over TLS.`,
        );
    }
}

/**
 * The kubeconfig the site's provider uses: the server is always `apiServerUrl`; the CA and the
 * credentials come from the admins' kubeconfig. The ambient kubeconfig is never used.
 */
export function siteKubeconfig(
    site: string,
    apiServerUrl: string,
    adminKubeconfig: string,
): string {
    let admin: {
        clusters?: { cluster?: Record<string, unknown> }[];
        users?: { user?: Record<string, unknown> }[];
    } = {};
    try {
        admin = (YAML.parse(adminKubeconfig) as typeof admin | null) ?? {};
    } catch {
        // Not parseable: only the offline plan's stand-in reaches here (config rejects it in a deploy).
    }
    const ca = admin.clusters?.[0]?.cluster?.["certificate-authority-data"];
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: site,
                cluster: {
                    server: apiServerUrl,
                    ...(typeof ca === "string" ? { "certificate-authority-data": ca } : {}),
                },
            },
        ],
        contexts: [{ name: site, context: { cluster: site, user: `${site}-deployer` } }],
        "current-context": site,
        users: [{ name: `${site}-deployer`, user: admin.users?.[0]?.user ?? {} }],
    });
}

/**
 * An existing on-premises Kubernetes cluster, reached through an explicit provider built from a
 * kubeconfig held as a secret in stack config. The kubeconfig stays secret in state.
 */
export class OnpremCluster extends pulumi.ComponentResource {
    public readonly provider: k8s.Provider;
    public readonly apiServerUrl: string;

    constructor(name: string, args: OnpremClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:cluster:OnpremCluster", name, {}, opts);
        validateOnpremClusterArgs(args);
        const kubeconfig = pulumi.secret(
            pulumi
                .output(args.kubeconfig)
                .apply((admin) => siteKubeconfig(args.site, args.apiServerUrl, admin)),
        );
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig, enableServerSideApply: true },
            { parent: this },
        );
        this.apiServerUrl = args.apiServerUrl;
        this.registerOutputs({ apiServerUrl: this.apiServerUrl });
    }
}
