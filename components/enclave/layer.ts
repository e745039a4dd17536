import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isPort } from "../../config/kubernetes";
import { DATA_CLASSES, type DataClass } from "@clover/vocabulary";
import {
    CLUSTER_DNS,
    DNS_PORTS,
    NAMESPACE_NAME_LABEL,
    RESTRICTED_POD_SECURITY,
    ROLE_LABEL,
    siteLabels,
} from "../kubernetes";

/** The namespace of a data class: `clover-<class>`. A contract: workloads are deployed into it. */
export function enclaveNamespace(dataClass: DataClass): string {
    return `clover-${dataClass}`;
}

export interface NamespaceQuota {
    readonly cpu: string;
    readonly memory: string;
    readonly pods: number;
    readonly persistentVolumeClaims: number;
}

export interface ContainerLimits {
    readonly defaultCpu: string;
    readonly defaultMemory: string;
    readonly requestCpu: string;
    readonly requestMemory: string;
    readonly maxCpu: string;
    readonly maxMemory: string;
}

export const DEFAULT_QUOTA: NamespaceQuota = {
    cpu: "16",
    memory: "64Gi",
    pods: 100,
    persistentVolumeClaims: 20,
};
export const DEFAULT_LIMITS: ContainerLimits = {
    defaultCpu: "500m",
    defaultMemory: "512Mi",
    requestCpu: "100m",
    requestMemory: "128Mi",
    maxCpu: "4",
    maxMemory: "16Gi",
};

export interface EnclaveLayerArgs {
    /** The site; every object is labelled with it. */
    readonly site: string;
    /** The gateway's namespace: the only place enclave pods may send to, besides DNS. */
    readonly gatewayNamespace: string;
    /** `app.kubernetes.io/name` of the gateway's pods. */
    readonly gatewayApp: string;
    /** The gateway's proxy port. */
    readonly gatewayPort: number;
    /**
     * The data classes that get a namespace.
     * @default all data classes (protected, internal, public)
     */
    readonly dataClasses?: readonly DataClass[];
    /**
     * Total resources of each namespace.
     * @default DEFAULT_QUOTA (16 CPU, 64Gi, 100 pods, 20 claims)
     */
    readonly quota?: NamespaceQuota;
    /**
     * Per-container defaults and maxima.
     * @default DEFAULT_LIMITS
     */
    readonly limits?: ContainerLimits;
}

export function validateEnclaveLayerArgs(args: EnclaveLayerArgs): void {
    const classes = args.dataClasses ?? DATA_CLASSES;
    if (classes.length === 0 || new Set(classes).size !== classes.length) {
        throw new Error(
            `EnclaveLayer: dataClasses ${JSON.stringify(classes)} must list distinct data classes (${DATA_CLASSES.join(", ")}); omit it for all of them.`,
        );
    }
    if (!isPort(args.gatewayPort)) {
        throw new Error(
            `EnclaveLayer: gatewayPort ${args.gatewayPort} is not a port; pass the gateway's proxy port, e.g. 3128.`,
        );
    }
    const quota = args.quota;
    if (quota && (quota.pods < 1 || quota.persistentVolumeClaims < 0)) {
        throw new Error(
            `EnclaveLayer: quota ${JSON.stringify(quota)} must allow at least one pod and no negative claim count.`,
        );
    }
}

/**
 * The enclave layer of a cluster: one namespace per data class, labelled with its class and
 * enforcing Pod Security Standards `restricted`; default-deny ingress and egress; egress only to
 * cluster DNS and to the security gateway; ingress only from the gateway; quotas and limit ranges.
 */
export class EnclaveLayer extends pulumi.ComponentResource {
    /** The namespace names by data class. */
    public readonly namespaces: Partial<Record<DataClass, string>>;

    constructor(name: string, args: EnclaveLayerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:enclave:EnclaveLayer", name, {}, opts);
        validateEnclaveLayerArgs(args);
        const classes = args.dataClasses ?? DATA_CLASSES;
        const quota = args.quota ?? DEFAULT_QUOTA;
        const limits = args.limits ?? DEFAULT_LIMITS;
        const gateway = {
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: args.gatewayNamespace } },
            podSelector: { matchLabels: { "app.kubernetes.io/name": args.gatewayApp } },
        };

        this.namespaces = {};
        for (const dataClass of classes) {
            const ns = enclaveNamespace(dataClass);
            const labels = siteLabels(args.site, dataClass);
            const namespace = new k8s.core.v1.Namespace(
                `${name}-${dataClass}`,
                {
                    metadata: {
                        name: ns,
                        labels: { ...labels, ...RESTRICTED_POD_SECURITY, [ROLE_LABEL]: "enclave" },
                    },
                },
                { parent: this },
            );
            const inNamespace = { parent: this, dependsOn: [namespace] };
            const policy = (
                suffix: string,
                spec: k8s.types.input.networking.v1.NetworkPolicySpec,
            ) =>
                new k8s.networking.v1.NetworkPolicy(
                    `${name}-${dataClass}-${suffix}`,
                    { metadata: { name: suffix, namespace: ns, labels }, spec },
                    inNamespace,
                );
            policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
            policy("allow-dns", {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [CLUSTER_DNS], ports: DNS_PORTS }],
            });
            policy("allow-to-gateway", {
                podSelector: {},
                policyTypes: ["Egress"],
                egress: [{ to: [gateway], ports: [{ protocol: "TCP", port: args.gatewayPort }] }],
            });
            policy("allow-from-gateway", {
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [gateway] }],
            });
            new k8s.core.v1.ResourceQuota(
                `${name}-${dataClass}-quota`,
                {
                    metadata: { name: "enclave-quota", namespace: ns, labels },
                    spec: {
                        hard: {
                            "requests.cpu": quota.cpu,
                            "limits.cpu": quota.cpu,
                            "requests.memory": quota.memory,
                            "limits.memory": quota.memory,
                            pods: String(quota.pods),
                            persistentvolumeclaims: String(quota.persistentVolumeClaims),
                            // No load balancers or node ports: ingress goes through the gateway.
                            "services.loadbalancers": "0",
                            "services.nodeports": "0",
                        },
                    },
                },
                inNamespace,
            );
            new k8s.core.v1.LimitRange(
                `${name}-${dataClass}-limits`,
                {
                    metadata: { name: "enclave-limits", namespace: ns, labels },
                    spec: {
                        limits: [
                            {
                                type: "Container",
                                default: { cpu: limits.defaultCpu, memory: limits.defaultMemory },
                                defaultRequest: {
                                    cpu: limits.requestCpu,
                                    memory: limits.requestMemory,
                                },
                                max: { cpu: limits.maxCpu, memory: limits.maxMemory },
                            },
                        ],
                    },
                },
                inNamespace,
            );
            this.namespaces[dataClass] = ns;
        }
        this.registerOutputs({ namespaces: this.namespaces });
    }
}
