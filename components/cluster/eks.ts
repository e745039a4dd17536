import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SITE_TAG } from "@clover/vocabulary";
import { ROLE_PATH, roleArn, serviceTrustPolicy } from "../iam";
import { controlRoleTags, dataClassTags } from "../tags";
import { eksKubeconfig } from "./kubeconfig";

/** Every EKS control-plane log type; all are enabled so that the monitor sees the API and audit trail. */
export const CONTROL_PLANE_LOG_TYPES = [
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
] as const;

/** Node label that Kubernetes uses for a node's region (well-known label). */
const REGION_LABEL = "topology.kubernetes.io/region";

export interface EksClusterArgs {
    /** The site the cluster belongs to; nodes carry it as the `clover.io/site` label. */
    readonly site: string;
    /** The region of the cluster; nodes carry it as `topology.kubernetes.io/region`. */
    readonly region: string;
    /** The private subnets that the control plane's network interfaces and the nodes use. */
    readonly subnetIds: pulumi.Input<string>[];
    /** The KMS key that envelope-encrypts Kubernetes secrets. */
    readonly secretsKeyArn: pulumi.Input<string>;
    /** The KMS key of the control-plane log group (the monitor's). */
    readonly logKeyArn: pulumi.Input<string>;
    /**
     * Days the control-plane log group keeps its records (the monitor's archive keeps a copy).
     * @default 365
     */
    readonly logRetentionDays?: number;
    /**
     * The EKS Kubernetes version (minor, such as `"1.33"`).
     * @default "1.33"
     */
    readonly version?: string;
    /**
     * The block that Kubernetes service IPs come from; must not overlap the VPC.
     * @default "172.20.0.0/16"
     */
    readonly serviceIpv4Cidr?: string;
    /**
     * Instance types of the managed node group.
     * @default ["m7i.xlarge"]
     */
    readonly nodeInstanceTypes?: readonly string[];
    /**
     * Node group size: minimum, desired and maximum node count.
     * @default { min: 3, desired: 3, max: 6 }
     */
    readonly nodeScaling?: { readonly min: number; readonly desired: number; readonly max: number };
}

export function validateEksClusterArgs(args: EksClusterArgs): void {
    if (args.subnetIds.length < 2) {
        throw new Error(
            `EksCluster: subnetIds has ${args.subnetIds.length} subnet(s); EKS needs subnets in at least two availability zones. Pass the site's data subnets.`,
        );
    }
    if (args.version !== undefined && !/^1\.\d{2}$/.test(args.version)) {
        throw new Error(
            `EksCluster: version "${args.version}" is not an EKS minor version; pass one such as "1.33".`,
        );
    }
    const types = args.nodeInstanceTypes;
    if (types !== undefined && types.length === 0) {
        throw new Error(
            `EksCluster: nodeInstanceTypes is empty; pass at least one instance type, e.g. ["m7i.xlarge"].`,
        );
    }
    const s = args.nodeScaling;
    if (s !== undefined && !(s.min >= 1 && s.min <= s.desired && s.desired <= s.max)) {
        throw new Error(
            `EksCluster: nodeScaling ${JSON.stringify(s)} must satisfy 1 <= min <= desired <= max; pass e.g. { min: 3, desired: 3, max: 6 }.`,
        );
    }
}

/** The physical names of a site's cluster and its IAM role, known before they exist. */
export function eksNames(site: string): { cluster: string; clusterRole: string } {
    return { cluster: `clover-${site}`, clusterRole: `clover-${site}-eks-cluster` };
}

/** The ARN of the role EKS uses for the cluster, which envelope-encrypts secrets with the key. */
export function eksClusterRoleArn(site: string, accountId: pulumi.Input<string>) {
    return roleArn(accountId, eksNames(site).clusterRole);
}

/**
 * An EKS cluster for the enclave: API endpoint reachable only from inside the VPC, Kubernetes
 * secrets envelope-encrypted with the site's key, every control-plane log type enabled into a log
 * group encrypted with the monitor's key, deletion protection on, the Pod Identity agent (the
 * data-access gateway's roles reach pods through it), and a managed node group in the data subnets
 * whose nodes are labelled with their region and site. Exposes a Kubernetes provider for the
 * layers above.
 */
export class EksCluster extends pulumi.ComponentResource {
    public readonly clusterName: pulumi.Output<string>;
    /** The control-plane log group (audit included), which the monitor ships to its archive. */
    public readonly logGroupName: pulumi.Output<string>;
    public readonly endpoint: pulumi.Output<string>;
    /** The cluster's kubeconfig (exec authentication, no stored credential). Secret. */
    public readonly kubeconfig: pulumi.Output<string>;
    /** A provider for Kubernetes objects on this cluster. */
    public readonly provider: k8s.Provider;

    constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:cluster:EksCluster", name, {}, opts);
        validateEksClusterArgs(args);
        const version = args.version ?? "1.33";
        const serviceIpv4Cidr = args.serviceIpv4Cidr ?? "172.20.0.0/16";
        const instanceTypes = args.nodeInstanceTypes ?? ["m7i.xlarge"];
        const scaling = args.nodeScaling ?? { min: 3, desired: 3, max: 6 };
        const child = { parent: this };

        const names = eksNames(args.site);
        const clusterRole = new aws.iam.Role(
            `${name}-cluster`,
            {
                name: names.clusterRole,
                path: ROLE_PATH,
                assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com"),
                // EKS envelope-encrypts secrets with the protected key as this role.
                tags: controlRoleTags("site-service"),
            },
            child,
        );
        const clusterPolicy = new aws.iam.RolePolicyAttachment(
            `${name}-cluster`,
            { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
            child,
        );

        // EKS writes to this group by name; creating it first gives it a key and a retention.
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-control-plane`,
            {
                name: `/aws/eks/${names.cluster}/cluster`,
                retentionInDays: args.logRetentionDays ?? 365,
                kmsKeyId: args.logKeyArn,
                tags: dataClassTags("protected"),
            },
            child,
        );
        const cluster = new aws.eks.Cluster(
            `${name}-cluster`,
            {
                name: names.cluster,
                roleArn: clusterRole.arn,
                version,
                vpcConfig: {
                    subnetIds: args.subnetIds,
                    endpointPrivateAccess: true,
                    endpointPublicAccess: false,
                },
                kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr },
                encryptionConfig: {
                    resources: ["secrets"],
                    provider: { keyArn: args.secretsKeyArn },
                },
                enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
                accessConfig: {
                    authenticationMode: "API",
                    bootstrapClusterCreatorAdminPermissions: true,
                },
                deletionProtection: true,
                tags: dataClassTags("protected"),
            },
            { parent: this, dependsOn: [clusterPolicy, logGroup] },
        );
        new aws.eks.Addon(
            `${name}-pod-identity`,
            { clusterName: cluster.name, addonName: "eks-pod-identity-agent" },
            child,
        );

        const nodeRole = new aws.iam.Role(
            `${name}-nodes`,
            { assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com") },
            child,
        );
        const nodePolicies = [
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
        ].map(
            (policy) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-nodes-${policy}`,
                    { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${policy}` },
                    child,
                ),
        );
        new aws.eks.NodeGroup(
            `${name}-nodes`,
            {
                clusterName: cluster.name,
                nodeRoleArn: nodeRole.arn,
                subnetIds: args.subnetIds,
                instanceTypes: [...instanceTypes],
                amiType: "AL2023_x86_64_STANDARD",
                scalingConfig: {
                    minSize: scaling.min,
                    desiredSize: scaling.desired,
                    maxSize: scaling.max,
                },
                labels: { [REGION_LABEL]: args.region, [SITE_TAG]: args.site },
                // Node volumes hold pod data of protected workloads.
                tags: dataClassTags("protected"),
            },
            { parent: this, dependsOn: nodePolicies },
        );

        this.clusterName = cluster.name;
        this.logGroupName = logGroup.name;
        this.endpoint = cluster.endpoint;
        this.kubeconfig = pulumi.secret(
            eksKubeconfig({
                clusterName: cluster.name,
                endpoint: cluster.endpoint,
                certificateAuthorityData: cluster.certificateAuthority.data,
                region: args.region,
            }),
        );
        this.provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: this.kubeconfig, enableServerSideApply: true },
            child,
        );
        this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint });
    }
}
