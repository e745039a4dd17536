import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DOMAIN_NAME, isPinnedImage } from "../../config/kubernetes";
import { parseCidr } from "../../config/cidr";
import {
    CLUSTER_DNS,
    DNS_PORTS,
    RESTRICTED_POD_SECURITY,
    ROLE_LABEL,
    siteLabels,
} from "../kubernetes";

/** The gateway's namespace. A contract: enclave network policies name it. */
export const GATEWAY_NAMESPACE = "clover-gateway";
/** The proxy's port (HTTP CONNECT and plain HTTP). */
export const GATEWAY_PORT = 3128;
/** `app.kubernetes.io/name` of the gateway's pods. */
export const GATEWAY_APP = "egress-gateway";

const PRIVATE_RANGES = [
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "169.254.0.0/16",
    "100.64.0.0/10",
];

export interface EgressGatewayArgs {
    /** The site the gateway serves; every object is labelled with it. */
    readonly site: string;
    /** The proxy image, pinned by an exact tag or digest. */
    readonly image: string;
    /** Destinations the proxy forwards to: domain names, a leading dot allowing subdomains. */
    readonly allowList: readonly string[];
    /**
     * Private blocks the proxy may reach on 443, for in-site endpoints behind private addresses
     * (on AWS, the VPC: its interface endpoints resolve to private IPs).
     * @default [] (public addresses only)
     */
    readonly privateEgressCidrs?: readonly string[];
    /**
     * Proxy replicas.
     * @default 2
     */
    readonly replicas?: number;
}

export function validateEgressGatewayArgs(args: EgressGatewayArgs): void {
    if (!isPinnedImage(args.image)) {
        throw new Error(
            `EgressGateway: image "${args.image}" is not pinned; pass a reference with an exact tag (not latest) or a sha256 digest, e.g. registry.example/clover/egress-proxy:6.12@sha256:<digest>.`,
        );
    }
    if (args.allowList.length === 0) {
        throw new Error(
            "EgressGateway: allowList is empty; pass at least one destination domain, e.g. .eu-west-1.amazonaws.com.",
        );
    }
    const bad = args.allowList.find((d) => !DOMAIN_NAME.test(d));
    if (bad !== undefined) {
        throw new Error(
            `EgressGateway: allowList entry "${bad}" is not a domain name; pass names such as api.example.com or .example.com (subdomains).`,
        );
    }
    for (const cidr of args.privateEgressCidrs ?? []) {
        try {
            parseCidr(cidr);
        } catch (err) {
            throw new Error(
                `EgressGateway: privateEgressCidrs entry ${(err as Error).message}; pass blocks such as 10.20.0.0/16.`,
            );
        }
    }
    if (args.replicas !== undefined && (!Number.isInteger(args.replicas) || args.replicas < 1)) {
        throw new Error(
            `EgressGateway: replicas ${args.replicas} must be a whole number, at least 1.`,
        );
    }
}

/** The proxy's configuration: the allow-list is the only way out. */
function proxyConfig(allowList: readonly string[]): Record<string, string> {
    return {
        "allowed-domains.txt": allowList.join("\n") + "\n",
        "squid.conf": [
            `http_port ${GATEWAY_PORT}`,
            'acl allowed_domains dstdomain "/etc/squid/allowed-domains.txt"',
            "acl tls_port port 443",
            "acl CONNECT method CONNECT",
            "http_access deny CONNECT !tls_port",
            "http_access allow allowed_domains",
            "http_access deny all",
            "cache deny all",
            "logfile_rotate 0",
            "access_log stdio:/dev/stdout",
            "cache_log stdio:/dev/stderr",
            "pid_filename none",
            "",
        ].join("\n"),
    };
}

/**
 * The security gateway of a cluster: an HTTP(S) forward proxy that is the only path out of the
 * enclave namespaces, forwarding only to the allow-listed destinations. Its own network policies
 * admit traffic only from enclave namespaces and let it out only to DNS, to public addresses on
 * 80/443 (the proxy enforces the allow-list) and to the listed private blocks on 443.
 */
export class EgressGateway extends pulumi.ComponentResource {
    /** The gateway's namespace name ({@link GATEWAY_NAMESPACE}). */
    public readonly namespace: string;
    /** `host:port` that workloads set as HTTPS_PROXY. */
    public readonly proxyAddress: string;

    constructor(name: string, args: EgressGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:gateway:EgressGateway", name, {}, opts);
        validateEgressGatewayArgs(args);
        const replicas = args.replicas ?? 2;
        const privateEgress = args.privateEgressCidrs ?? [];
        // The gateway carries protected traffic: it is classified protected.
        const labels = siteLabels(args.site, "protected");
        const podLabels = { ...labels, "app.kubernetes.io/name": GATEWAY_APP };
        const ns = GATEWAY_NAMESPACE;
        const child = { parent: this };

        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: ns,
                    labels: { ...labels, ...RESTRICTED_POD_SECURITY, [ROLE_LABEL]: "gateway" },
                },
            },
            child,
        );
        const inNamespace = { parent: this, dependsOn: [namespace] };
        const config = new k8s.core.v1.ConfigMap(
            `${name}-config`,
            {
                metadata: { name: "egress-proxy", namespace: ns, labels },
                data: proxyConfig(args.allowList),
            },
            inNamespace,
        );
        new k8s.apps.v1.Deployment(
            `${name}-proxy`,
            {
                metadata: { name: GATEWAY_APP, namespace: ns, labels: podLabels },
                spec: {
                    replicas,
                    selector: { matchLabels: { "app.kubernetes.io/name": GATEWAY_APP } },
                    template: {
                        metadata: {
                            labels: podLabels,
                            // Roll the proxy when its allow-list changes.
                            annotations: { "clover.io/allow-list": args.allowList.join(",") },
                        },
                        spec: {
                            automountServiceAccountToken: false,
                            securityContext: {
                                runAsNonRoot: true,
                                runAsUser: 13,
                                runAsGroup: 13,
                                fsGroup: 13,
                                seccompProfile: { type: "RuntimeDefault" },
                            },
                            containers: [
                                {
                                    name: "proxy",
                                    image: args.image,
                                    args: ["-N", "-f", "/etc/squid/squid.conf"],
                                    ports: [
                                        {
                                            name: "proxy",
                                            containerPort: GATEWAY_PORT,
                                            protocol: "TCP",
                                        },
                                    ],
                                    securityContext: {
                                        allowPrivilegeEscalation: false,
                                        readOnlyRootFilesystem: true,
                                        capabilities: { drop: ["ALL"] },
                                    },
                                    resources: {
                                        requests: { cpu: "100m", memory: "128Mi" },
                                        limits: { cpu: "1", memory: "512Mi" },
                                    },
                                    readinessProbe: {
                                        tcpSocket: { port: GATEWAY_PORT },
                                        periodSeconds: 10,
                                    },
                                    livenessProbe: {
                                        tcpSocket: { port: GATEWAY_PORT },
                                        periodSeconds: 20,
                                    },
                                    volumeMounts: [
                                        { name: "config", mountPath: "/etc/squid", readOnly: true },
                                        { name: "spool", mountPath: "/var/spool/squid" },
                                        { name: "run", mountPath: "/var/run/squid" },
                                    ],
                                },
                            ],
                            volumes: [
                                { name: "config", configMap: { name: config.metadata.name } },
                                { name: "spool", emptyDir: {} },
                                { name: "run", emptyDir: {} },
                            ],
                        },
                    },
                },
            },
            inNamespace,
        );
        new k8s.core.v1.Service(
            `${name}-service`,
            {
                metadata: { name: GATEWAY_APP, namespace: ns, labels },
                spec: {
                    type: "ClusterIP",
                    selector: { "app.kubernetes.io/name": GATEWAY_APP },
                    ports: [
                        {
                            name: "proxy",
                            port: GATEWAY_PORT,
                            targetPort: GATEWAY_PORT,
                            protocol: "TCP",
                        },
                    ],
                },
            },
            inNamespace,
        );

        const gatewayPods = { matchLabels: { "app.kubernetes.io/name": GATEWAY_APP } };
        const policy = (suffix: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
            new k8s.networking.v1.NetworkPolicy(
                `${name}-${suffix}`,
                { metadata: { name: suffix, namespace: ns, labels }, spec },
                inNamespace,
            );
        policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
        policy("allow-from-enclave", {
            podSelector: gatewayPods,
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [{ namespaceSelector: { matchLabels: { [ROLE_LABEL]: "enclave" } } }],
                    ports: [{ protocol: "TCP", port: GATEWAY_PORT }],
                },
            ],
        });
        policy("allow-dns", {
            podSelector: gatewayPods,
            policyTypes: ["Egress"],
            egress: [{ to: [CLUSTER_DNS], ports: DNS_PORTS }],
        });
        policy("allow-out", {
            podSelector: gatewayPods,
            policyTypes: ["Egress"],
            egress: [
                {
                    to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }],
                    ports: [
                        { protocol: "TCP", port: 443 },
                        { protocol: "TCP", port: 80 },
                    ],
                },
                ...(privateEgress.length > 0
                    ? [
                          {
                              to: privateEgress.map((cidr) => ({ ipBlock: { cidr } })),
                              ports: [{ protocol: "TCP", port: 443 }],
                          },
                      ]
                    : []),
            ],
        });
        policy("allow-to-enclave", {
            podSelector: gatewayPods,
            policyTypes: ["Egress"],
            egress: [{ to: [{ namespaceSelector: { matchLabels: { [ROLE_LABEL]: "enclave" } } }] }],
        });

        this.namespace = ns;
        this.proxyAddress = `${GATEWAY_APP}.${ns}.svc.cluster.local:${GATEWAY_PORT}`;
        this.registerOutputs({ namespace: this.namespace, proxyAddress: this.proxyAddress });
    }
}
