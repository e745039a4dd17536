import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ABSOLUTE_PATH, GROUP_NAME, isPinnedImage, isPort } from "../../config/kubernetes";
import { GATEWAY_NAMESPACE } from "../gateway";
import { NAMESPACE_NAME_LABEL, ROLE_LABEL, siteLabels } from "../kubernetes";

/** The namespace of the monitor's own workloads on a cluster. Not an enclave namespace. */
export const MONITOR_NAMESPACE = "clover-monitor";

/** The name of the auditor's cluster role and binding. */
export const AUDITOR_CLUSTER_ROLE = "clover-auditor";

/**
 * What the auditor may read on a cluster: the shape of every workload, the network policies, the
 * RBAC, namespaces, nodes and events. Never secrets, config maps, pod logs, exec or port-forward
 * (those can carry protected data), and no verb that changes anything.
 */
export const AUDITOR_RULES = [
    {
        apiGroups: [""],
        resources: [
            "namespaces",
            "nodes",
            "pods",
            "services",
            "endpoints",
            "serviceaccounts",
            "persistentvolumes",
            "persistentvolumeclaims",
            "resourcequotas",
            "limitranges",
            "events",
        ],
        verbs: ["get", "list", "watch"],
    },
    {
        apiGroups: ["apps", "batch"],
        resources: ["deployments", "daemonsets", "statefulsets", "replicasets", "jobs", "cronjobs"],
        verbs: ["get", "list", "watch"],
    },
    {
        apiGroups: ["networking.k8s.io"],
        resources: ["networkpolicies", "ingresses"],
        verbs: ["get", "list", "watch"],
    },
    {
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["roles", "rolebindings", "clusterroles", "clusterrolebindings"],
        verbs: ["get", "list", "watch"],
    },
    {
        apiGroups: ["storage.k8s.io"],
        resources: ["storageclasses"],
        verbs: ["get", "list", "watch"],
    },
];

export interface ClusterAuditorArgs {
    readonly site: string;
    /** The group the auditor's identity carries on this cluster (IdP group or EKS access entry). */
    readonly group: string;
}

export function validateClusterAuditorArgs(args: ClusterAuditorArgs): void {
    if (!GROUP_NAME.test(args.group) || args.group.startsWith("system:")) {
        throw new Error(
            `ClusterAuditor: group "${args.group}" is not a group the auditor alone can carry; pass a Kubernetes group name (letters, digits, '.', ':', '_', '-') outside the reserved system: prefix, e.g. clover:auditors.`,
        );
    }
}

/** The auditor's read-only access to a cluster: a cluster role and its binding to one group. */
export class ClusterAuditor extends pulumi.ComponentResource {
    constructor(name: string, args: ClusterAuditorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:monitor:ClusterAuditor", name, {}, opts);
        validateClusterAuditorArgs(args);
        const labels = siteLabels(args.site, "internal");
        const role = new k8s.rbac.v1.ClusterRole(
            `${name}-role`,
            { metadata: { name: AUDITOR_CLUSTER_ROLE, labels }, rules: AUDITOR_RULES },
            { parent: this },
        );
        new k8s.rbac.v1.ClusterRoleBinding(
            `${name}-binding`,
            {
                metadata: { name: AUDITOR_CLUSTER_ROLE, labels },
                roleRef: {
                    apiGroup: "rbac.authorization.k8s.io",
                    kind: "ClusterRole",
                    name: role.metadata.name,
                },
                subjects: [
                    { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.group },
                ],
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}

export interface LogShipperArgs {
    readonly site: string;
    /** The Fluent Bit image, pinned. */
    readonly image: string;
    /** The API server's audit-log directory on the control-plane nodes. */
    readonly auditLogPath: string;
    /** The bucket storage class of the site's object store: the archive's bucket is claimed there. */
    readonly bucketStorageClass: string;
    /** The namespace of the object store's gateway (Rook's RGW pods), the only destination. */
    readonly objectStoreNamespace: string;
    /** The object store gateway's port. */
    readonly objectStorePort: number;
}

export function validateLogShipperArgs(args: LogShipperArgs): void {
    if (!isPinnedImage(args.image)) {
        throw new Error(
            `LogShipper: image "${args.image}" is not pinned; pass a reference with an exact tag (not latest) or a sha256 digest, e.g. registry.example/fluent/fluent-bit:4.0.3@sha256:<digest>.`,
        );
    }
    if (!ABSOLUTE_PATH.test(args.auditLogPath)) {
        throw new Error(
            `LogShipper: auditLogPath "${args.auditLogPath}" is not an absolute directory path; pass the API server's audit-log directory, e.g. /var/log/kubernetes/audit.`,
        );
    }
    if (!isPort(args.objectStorePort)) {
        throw new Error(
            `LogShipper: objectStorePort ${args.objectStorePort} is not a TCP port; pass the object store gateway's port (1-65535), e.g. 80.`,
        );
    }
}

/**
 * Ships a cluster's Kubernetes audit log and the security gateway's logs to an archive bucket
 * claimed from the site's own object store, so that the records never leave the site: a Fluent Bit
 * DaemonSet (on every node, control plane included) in `clover-monitor`, which reads the host's
 * log files read-only and may talk only to cluster DNS and the object store's gateway.
 */
export class LogShipper extends pulumi.ComponentResource {
    constructor(name: string, args: LogShipperArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:monitor:LogShipper", name, {}, opts);
        validateLogShipperArgs(args);
        // Audit records hold user names and client IPs: protected.
        const labels = siteLabels(args.site, "protected");
        const app = { "app.kubernetes.io/name": "log-shipper" };
        const ns = MONITOR_NAMESPACE;
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: ns,
                    labels: {
                        ...labels,
                        [ROLE_LABEL]: "monitor",
                        // Reading host log files needs hostPath, which `restricted` forbids.
                        "pod-security.kubernetes.io/enforce": "privileged",
                        "pod-security.kubernetes.io/warn": "baseline",
                    },
                },
            },
            { parent: this },
        );
        const inNamespace = { parent: this, dependsOn: [namespace] };
        new k8s.apiextensions.CustomResource(
            `${name}-archive`,
            {
                apiVersion: "objectbucket.io/v1alpha1",
                kind: "ObjectBucketClaim",
                metadata: { name: "audit-archive", namespace: ns, labels },
                spec: {
                    generateBucketName: "clover-audit",
                    storageClassName: args.bucketStorageClass,
                },
            },
            inNamespace,
        );
        const config = new k8s.core.v1.ConfigMap(
            `${name}-config`,
            {
                metadata: { name: "log-shipper", namespace: ns, labels },
                data: { "fluent-bit.conf": fluentBitConfig(args.site) },
            },
            inNamespace,
        );
        const hostDirectory = (volume: string, path: string) => ({
            name: volume,
            hostPath: { path, type: "DirectoryOrCreate" },
        });
        new k8s.apps.v1.DaemonSet(
            `${name}-daemonset`,
            {
                metadata: { name: "log-shipper", namespace: ns, labels: { ...labels, ...app } },
                spec: {
                    selector: { matchLabels: app },
                    template: {
                        metadata: {
                            labels: { ...labels, ...app },
                            annotations: { "clover.io/config": config.metadata.resourceVersion },
                        },
                        spec: {
                            automountServiceAccountToken: false,
                            tolerations: [{ operator: "Exists", effect: "NoSchedule" }],
                            securityContext: { seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "fluent-bit",
                                    image: args.image,
                                    args: ["--config=/fluent-bit/etc/fluent-bit.conf"],
                                    envFrom: [
                                        { configMapRef: { name: "audit-archive" } },
                                        { secretRef: { name: "audit-archive" } },
                                    ],
                                    securityContext: {
                                        allowPrivilegeEscalation: false,
                                        readOnlyRootFilesystem: true,
                                        capabilities: { drop: ["ALL"] },
                                    },
                                    resources: {
                                        requests: { cpu: "50m", memory: "64Mi" },
                                        limits: { cpu: "500m", memory: "256Mi" },
                                    },
                                    volumeMounts: [
                                        {
                                            name: "config",
                                            mountPath: "/fluent-bit/etc",
                                            readOnly: true,
                                        },
                                        { name: "audit", mountPath: "/host/audit", readOnly: true },
                                        {
                                            name: "containers",
                                            mountPath: "/host/containers",
                                            readOnly: true,
                                        },
                                        {
                                            name: "pods",
                                            mountPath: "/var/log/pods",
                                            readOnly: true,
                                        },
                                        { name: "state", mountPath: "/state" },
                                    ],
                                },
                            ],
                            volumes: [
                                { name: "config", configMap: { name: "log-shipper" } },
                                hostDirectory("audit", args.auditLogPath),
                                hostDirectory("containers", "/var/log/containers"),
                                hostDirectory("pods", "/var/log/pods"),
                                { name: "state", emptyDir: {} },
                            ],
                        },
                    },
                },
            },
            inNamespace,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-egress`,
            {
                metadata: { name: "log-shipper", namespace: ns, labels },
                spec: {
                    podSelector: {},
                    policyTypes: ["Ingress", "Egress"],
                    ingress: [],
                    egress: [
                        {
                            to: [
                                {
                                    namespaceSelector: {
                                        matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" },
                                    },
                                    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
                                },
                            ],
                            ports: [
                                { protocol: "UDP", port: 53 },
                                { protocol: "TCP", port: 53 },
                            ],
                        },
                        {
                            to: [
                                {
                                    namespaceSelector: {
                                        matchLabels: {
                                            [NAMESPACE_NAME_LABEL]: args.objectStoreNamespace,
                                        },
                                    },
                                    podSelector: { matchLabels: { app: "rook-ceph-rgw" } },
                                },
                            ],
                            ports: [{ protocol: "TCP", port: args.objectStorePort }],
                        },
                    ],
                },
            },
            inNamespace,
        );
        this.registerOutputs({});
    }
}

/**
 * Fluent Bit: tail the audit log and the gateway's container logs; write both to the claim's bucket
 * (its endpoint and credentials come from the claim's config map and secret). The object store
 * signs with the site's name as its region.
 */
export function fluentBitConfig(site: string): string {
    return [
        "[SERVICE]",
        "    Flush 10",
        "    Log_Level info",
        "    storage.path /state",
        "",
        "[INPUT]",
        "    Name tail",
        "    Tag kube-audit",
        `    Path /host/audit/*.log`,
        "    DB /state/audit.db",
        "    Read_from_Head On",
        "",
        "[INPUT]",
        "    Name tail",
        "    Tag gateway",
        `    Path /host/containers/*_${GATEWAY_NAMESPACE}_*.log`,
        "    DB /state/gateway.db",
        "    Read_from_Head On",
        "",
        "[OUTPUT]",
        "    Name s3",
        "    Match *",
        "    bucket ${BUCKET_NAME}",
        "    endpoint http://${BUCKET_HOST}:${BUCKET_PORT}",
        `    region ${site}`,
        "    s3_key_format /$TAG/%Y/%m/%d/%H%M%S-$UUID.gz",
        "    compression gzip",
        "    total_file_size 50M",
        "    upload_timeout 5m",
        "    store_dir /state/s3",
        "",
    ].join("\n");
}
