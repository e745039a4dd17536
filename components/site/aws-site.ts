import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AwsSiteConfig } from "../../config";
import { SITE_TAG } from "../../vocabulary";
import { EksCluster } from "../cluster";
import { SiteKeys } from "../keys";
import { Network } from "../network";
import type { EnclaveLayer } from "../enclave";
import type { EgressGateway } from "../gateway";
import { DataBucket } from "../storage";
import { enclaveOnCluster } from "./enclave";

export interface AwsSiteArgs {
    /** The site's validated config, from `loadStackConfig()`. */
    readonly config: AwsSiteConfig;
}

/**
 * The first `count` availability zones of a region. Zone names `<region>a`, `b`, `c` exist in
 * every account of the regions the enclave uses, so no lookup (and no credential) is needed.
 */
export function availabilityZones(region: string, count: number): string[] {
    return Array.from({ length: count }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/**
 * One AWS site of the enclave: its own provider (pinned to the site's region, tagging every
 * resource with the site), KMS keys per data class, the VPC, the protected-data bucket, the EKS
 * cluster, and on it the security gateway and the enclave layer. Every regional resource goes
 * through the site's provider, every Kubernetes object through the cluster's.
 */
export class AwsSite extends pulumi.ComponentResource {
    public readonly provider: aws.Provider;
    public readonly network: Network;
    public readonly keys: SiteKeys;
    public readonly protectedBucket: DataBucket;
    public readonly cluster: EksCluster;
    /** The Kubernetes provider of the site's cluster, for the enclave layer. */
    public readonly kubernetesProvider: k8s.Provider;
    public readonly gateway: EgressGateway;
    public readonly enclave: EnclaveLayer;

    constructor(name: string, args: AwsSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:site:AwsSite", name, {}, opts);
        const c = args.config;

        this.provider = new aws.Provider(
            `${name}-aws`,
            {
                region: c.region,
                defaultTags: { tags: { [SITE_TAG]: c.site } },
            },
            { parent: this },
        );
        const inSite = { parent: this, provider: this.provider };
        const identity = aws.getCallerIdentityOutput({}, inSite);

        this.keys = new SiteKeys(
            `${name}-keys`,
            { site: c.site, region: c.region, accountId: identity.accountId },
            inSite,
        );
        const protectedKeyArn = this.keys.keyArns.protected!;

        this.network = new Network(
            `${name}-network`,
            {
                cidrBlock: c.vpcCidr,
                region: c.region,
                availabilityZones: availabilityZones(c.region, c.availabilityZoneCount),
                flowLogKeyArn: protectedKeyArn,
                flowLogRetentionDays: c.flowLogRetentionDays,
            },
            inSite,
        );

        this.protectedBucket = new DataBucket(
            `${name}-protected`,
            { dataClass: "protected", kmsKeyArn: protectedKeyArn },
            inSite,
        );

        this.cluster = new EksCluster(
            `${name}-eks`,
            {
                site: c.site,
                region: c.region,
                subnetIds: this.network.dataSubnetIds,
                secretsKeyArn: protectedKeyArn,
                version: c.kubernetesVersion,
                serviceIpv4Cidr: c.kubernetesServiceCidr,
                nodeInstanceTypes: c.nodeInstanceTypes,
                nodeScaling: { min: c.nodeMinSize, desired: c.nodeDesiredSize, max: c.nodeMaxSize },
            },
            inSite,
        );
        this.kubernetesProvider = this.cluster.provider;

        // The gateway reaches the AWS APIs through the VPC's interface endpoints (private IPs).
        const { gateway, enclave } = enclaveOnCluster(
            name,
            c.site,
            c.enclave,
            this.kubernetesProvider,
            this,
            [c.vpcCidr],
        );
        this.gateway = gateway;
        this.enclave = enclave;

        this.registerOutputs({
            vpcId: this.network.vpcId,
            protectedBucketName: this.protectedBucket.bucketName,
            clusterName: this.cluster.clusterName,
        });
    }
}
