import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { AwsSiteConfig } from "../../config";
import { SITE_TAG } from "@clover/vocabulary";
import { EksCluster, eksClusterRoleArn } from "../cluster";
import { SiteKeys } from "../keys";
import { Network } from "../network";
import type { EnclaveLayer } from "../enclave";
import { accessRoleArns, DataAccessGateway, InspectedEgress, type EgressGateway } from "../gateway";
import { ARCHIVE_PREFIXES, AuditArchive, SiteMonitor } from "../monitor";
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
 * resource with the site), KMS keys per data class, the monitor's archive, the VPC, the
 * protected-data bucket, the EKS cluster, the security gateway (the inspected egress path and the
 * data-access roles), the monitor (trail, control-plane logs, auditor), and on the cluster the
 * egress proxy and the enclave layer. Every regional resource goes through the site's provider,
 * every Kubernetes object through the cluster's.
 */
export class AwsSite extends pulumi.ComponentResource {
    public readonly provider: aws.Provider;
    public readonly archive: AuditArchive;
    public readonly firewall: InspectedEgress;
    public readonly access: DataAccessGateway;
    public readonly monitor: SiteMonitor;
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

        const accountId = identity.accountId;
        // The only principals that may use protected data: the data-access gateway's roles, and
        // EKS for the secrets it envelope-encrypts.
        const accessRoles = accessRoleArns(c.site, accountId);
        const s3InRegion = `s3.${c.region}.amazonaws.com`;

        this.keys = new SiteKeys(
            `${name}-keys`,
            {
                site: c.site,
                region: c.region,
                accountId,
                restrictedUse: {
                    protected: {
                        principalArns: [accessRoles.gateway, accessRoles.service],
                        viaServices: [s3InRegion],
                        servicePrincipalArns: [eksClusterRoleArn(c.site, accountId)],
                    },
                },
            },
            inSite,
        );
        const protectedKeyArn = this.keys.keyArns.protected!;

        this.archive = new AuditArchive(
            `${name}-audit`,
            {
                site: c.site,
                region: c.region,
                accountId,
                retentionDays: c.monitor.auditRetentionDays,
            },
            inSite,
        );

        this.network = new Network(
            `${name}-network`,
            {
                cidrBlock: c.vpcCidr,
                region: c.region,
                availabilityZones: availabilityZones(c.region, c.availabilityZoneCount),
                flowLogKeyArn: this.archive.keyArn,
                flowLogRetentionDays: c.flowLogRetentionDays,
                flowLogArchiveArn: this.archive.bucketArn,
                flowLogArchivePrefix: ARCHIVE_PREFIXES.flowLogs,
            },
            inSite,
        );
        const network = this.network;

        this.firewall = new InspectedEgress(
            `${name}-firewall`,
            {
                site: c.site,
                vpcId: network.vpcId,
                vpcCidr: c.vpcCidr,
                availabilityZones: network.availabilityZones,
                gatewaySubnetIds: network.gatewaySubnetIds,
                egressSubnetIds: network.egressSubnetIds,
                dataCidrs: network.dataCidrs,
                dataRouteTableIds: network.dataRouteTableIds,
                gatewayRouteTableIds: network.gatewayRouteTableIds,
                egressRouteTableIds: network.egressRouteTableIds,
                allowList: c.enclave.egressAllowList,
                logBucketName: this.archive.bucketName,
                logPrefix: ARCHIVE_PREFIXES.firewall,
            },
            inSite,
        );

        this.protectedBucket = new DataBucket(
            `${name}-protected`,
            {
                dataClass: "protected",
                kmsKeyArn: protectedKeyArn,
                access: {
                    principalArns: [accessRoles.gateway, accessRoles.service],
                    vpcEndpointIds: [network.s3EndpointId],
                },
            },
            inSite,
        );

        this.cluster = new EksCluster(
            `${name}-eks`,
            {
                site: c.site,
                region: c.region,
                subnetIds: this.network.dataSubnetIds,
                secretsKeyArn: protectedKeyArn,
                logKeyArn: this.archive.keyArn,
                logRetentionDays: c.flowLogRetentionDays,
                version: c.kubernetesVersion,
                serviceIpv4Cidr: c.kubernetesServiceCidr,
                nodeInstanceTypes: c.nodeInstanceTypes,
                nodeScaling: { min: c.nodeMinSize, desired: c.nodeDesiredSize, max: c.nodeMaxSize },
            },
            inSite,
        );
        this.kubernetesProvider = this.cluster.provider;

        this.access = new DataAccessGateway(
            `${name}-access`,
            {
                site: c.site,
                region: c.region,
                clusterName: this.cluster.clusterName,
                protectedBucketArns: [this.protectedBucket.bucketArn],
                protectedKeyArn,
            },
            inSite,
        );
        // An explicit provider for the auditor's external ID, so nothing uses a default provider.
        const randomProvider = new random.Provider(`${name}-random`, {}, { parent: this });
        this.monitor = new SiteMonitor(
            `${name}-monitor`,
            {
                site: c.site,
                region: c.region,
                archive: this.archive,
                protectedBucketArns: [this.protectedBucket.bucketArn],
                clusterName: this.cluster.clusterName,
                controlPlaneLogGroupName: this.cluster.logGroupName,
                auditorAccountId: c.monitor.auditorAccountId,
                auditorGroup: c.enclave.auditorGroup,
            },
            { parent: this, providers: [this.provider, randomProvider] },
        );

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
            auditArchiveName: this.archive.bucketName,
            auditorRoleArn: this.monitor.auditorRole.arn,
            auditorExternalId: this.monitor.auditorExternalId,
        });
    }
}
