import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../../config/cidr";
import { policyDocument, serviceTrustPolicy } from "../iam";
import { dataClassTags } from "../tags";
import { SUBNET_ROLE_TAG } from "@clover/vocabulary";
import { planSubnets } from "./subnets";

/**
 * The AWS APIs that enclave workloads call through interface endpoints, so that their traffic to
 * AWS never leaves the region's private network.
 */
export const DEFAULT_INTERFACE_ENDPOINT_SERVICES = [
    "kms",
    "sts",
    "ecr.api",
    "ecr.dkr",
    "logs",
    "eks",
] as const;

export interface NetworkArgs {
    /** The VPC's IPv4 block: private, from /16 to /20. */
    readonly cidrBlock: string;
    /** The region the VPC is in; endpoint service names are built from it. */
    readonly region: string;
    /** Availability zones to spread subnets over, in order; two or three, all in `region`. */
    readonly availabilityZones: readonly string[];
    /**
     * AWS services reached through interface endpoints (the suffix of
     * `com.amazonaws.<region>.<service>`). S3 always gets a gateway endpoint.
     * @default DEFAULT_INTERFACE_ENDPOINT_SERVICES (KMS, STS, ECR API and registry, CloudWatch Logs, EKS)
     */
    readonly interfaceEndpointServices?: readonly string[];
    /** The KMS key that encrypts the flow-log group. Flow logs hold IP addresses: protected data. */
    readonly flowLogKeyArn: pulumi.Input<string>;
    /** The monitor's archive bucket: every flow record is also delivered there. */
    readonly flowLogArchiveArn: pulumi.Input<string>;
    /** The key prefix of the flow records in the archive. */
    readonly flowLogArchivePrefix: string;
    /**
     * Days to keep VPC flow logs in CloudWatch Logs.
     * @default 365
     */
    readonly flowLogRetentionDays?: number;
}

/**
 * Checks the plain inputs of {@link Network}; throws one error naming the argument, the value,
 * what is allowed and how to fix it.
 */
export function validateNetworkArgs(args: NetworkArgs): void {
    let cidr;
    try {
        cidr = parseCidr(args.cidrBlock);
    } catch (err) {
        throw new Error(
            `Network: cidrBlock ${(err as Error).message}; pass a private IPv4 block such as 10.20.0.0/16.`,
        );
    }
    if (cidr.prefixLength < 16 || cidr.prefixLength > 20) {
        throw new Error(
            `Network: cidrBlock "${args.cidrBlock}" is a /${cidr.prefixLength}; AWS VPCs here are /16 to /20. Pass a block such as 10.20.0.0/16.`,
        );
    }
    const zones = args.availabilityZones;
    if (zones.length < 2 || zones.length > 3 || new Set(zones).size !== zones.length) {
        throw new Error(
            `Network: availabilityZones ${JSON.stringify(zones)} must be two or three distinct zones. Pass e.g. ["${args.region}a", "${args.region}b", "${args.region}c"].`,
        );
    }
    const foreign = zones.find(
        (zone) => !zone.startsWith(args.region) || zone.length !== args.region.length + 1,
    );
    if (foreign !== undefined) {
        throw new Error(
            `Network: availability zone "${foreign}" is not a zone of region ${args.region}; every zone must be ${args.region} plus a letter, e.g. ${args.region}a.`,
        );
    }
    const badService = (args.interfaceEndpointServices ?? []).find(
        (s) => !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(s),
    );
    if (badService !== undefined) {
        throw new Error(
            `Network: interfaceEndpointServices entry "${badService}" is not a service name; pass the suffix of com.amazonaws.${args.region}.<service>, e.g. "kms".`,
        );
    }
}

/**
 * A site VPC: private data subnets, gateway subnets for the security gateway's firewall, egress
 * subnets for the NAT gateways behind it, a route table per subnet and zone (the network adds no
 * route to the internet; {@link InspectedEgress} adds the inspected path), endpoints that keep AWS
 * API traffic in the region, and VPC flow logs to CloudWatch Logs and to the monitor's archive.
 */
export class Network extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly cidrBlock: string;
    public readonly dataSubnetIds: pulumi.Output<string>[];
    public readonly gatewaySubnetIds: pulumi.Output<string>[];
    public readonly egressSubnetIds: pulumi.Output<string>[];
    public readonly availabilityZones: readonly string[];
    /** The blocks of the data subnets, by zone. */
    public readonly dataCidrs: readonly string[];
    /** Route tables by zone: data, gateway (firewall) and egress (NAT) subnets. */
    public readonly dataRouteTableIds: pulumi.Output<string>[];
    public readonly gatewayRouteTableIds: pulumi.Output<string>[];
    public readonly egressRouteTableIds: pulumi.Output<string>[];
    /** The S3 gateway endpoint, which protected buckets admit object requests from. */
    public readonly s3EndpointId: pulumi.Output<string>;
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:network:Network", name, {}, opts);
        validateNetworkArgs(args);
        const services = args.interfaceEndpointServices ?? DEFAULT_INTERFACE_ENDPOINT_SERVICES;
        const retentionInDays = args.flowLogRetentionDays ?? 365;
        const plan = planSubnets(args.cidrBlock, args.availabilityZones.length);
        const child = { parent: this };

        const vpc = new aws.ec2.Vpc(
            `${name}-vpc`,
            { cidrBlock: args.cidrBlock, enableDnsHostnames: true, enableDnsSupport: true },
            child,
        );

        const dataSubnets = args.availabilityZones.map(
            (zone, i) =>
                new aws.ec2.Subnet(
                    `${name}-data-${zone}`,
                    {
                        vpcId: vpc.id,
                        cidrBlock: plan.data[i],
                        availabilityZone: zone,
                        mapPublicIpOnLaunch: false,
                        tags: { [SUBNET_ROLE_TAG]: "data" },
                    },
                    child,
                ),
        );
        const tier = (role: "gateway" | "egress", blocks: string[]) =>
            args.availabilityZones.map(
                (zone, i) =>
                    new aws.ec2.Subnet(
                        `${name}-${role}-${zone}`,
                        {
                            vpcId: vpc.id,
                            cidrBlock: blocks[i],
                            availabilityZone: zone,
                            mapPublicIpOnLaunch: false,
                            tags: { [SUBNET_ROLE_TAG]: role },
                        },
                        child,
                    ),
            );
        const gatewaySubnets = tier("gateway", plan.gateway);
        const egressSubnets = tier("egress", plan.egress);

        // One route table per subnet, with only the VPC-local route (and, for data, the S3
        // endpoint): nothing here reaches the internet. The security gateway adds its path.
        const routeTables = (role: string, subnets: aws.ec2.Subnet[]) =>
            args.availabilityZones.map((zone, i) => {
                const table = new aws.ec2.RouteTable(
                    `${name}-${role}-${zone}`,
                    { vpcId: vpc.id, tags: { [SUBNET_ROLE_TAG]: role } },
                    child,
                );
                new aws.ec2.RouteTableAssociation(
                    `${name}-${role}-${zone}`,
                    { routeTableId: table.id, subnetId: subnets[i].id },
                    child,
                );
                return table;
            });
        const dataRouteTables = routeTables("data", dataSubnets);
        const gatewayRouteTables = routeTables("gateway", gatewaySubnets);
        const egressRouteTables = routeTables("egress", egressSubnets);

        const s3Endpoint = new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: vpc.id,
                serviceName: `com.amazonaws.${args.region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: dataRouteTables.map((t) => t.id),
            },
            child,
        );

        const endpointSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            { vpcId: vpc.id, description: "HTTPS from the VPC to the AWS API interface endpoints" },
            child,
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-endpoints-https`,
            {
                securityGroupId: endpointSecurityGroup.id,
                cidrIpv4: args.cidrBlock,
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                description: "HTTPS from inside the VPC",
            },
            child,
        );
        for (const service of services) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service.replace(/\./g, "-")}`,
                {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${args.region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: dataSubnets.map((s) => s.id),
                    securityGroupIds: [endpointSecurityGroup.id],
                },
                child,
            );
        }

        const flowLogGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            { retentionInDays, kmsKeyId: args.flowLogKeyArn, tags: dataClassTags("protected") },
            child,
        );
        const flowLogRole = new aws.iam.Role(
            `${name}-flow-logs`,
            { assumeRolePolicy: serviceTrustPolicy("vpc-flow-logs.amazonaws.com") },
            child,
        );
        new aws.iam.RolePolicy(
            `${name}-flow-logs`,
            {
                role: flowLogRole.id,
                policy: policyDocument([
                    {
                        Effect: "Allow",
                        Action: [
                            "logs:CreateLogStream",
                            "logs:PutLogEvents",
                            "logs:DescribeLogStreams",
                        ],
                        Resource: pulumi.interpolate`${flowLogGroup.arn}:*`,
                    },
                ]),
            },
            child,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: flowLogGroup.arn,
                iamRoleArn: flowLogRole.arn,
                maxAggregationInterval: 60,
                tags: dataClassTags("protected"),
            },
            child,
        );

        new aws.ec2.FlowLog(
            `${name}-flow-logs-archive`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "s3",
                logDestination: pulumi.interpolate`${args.flowLogArchiveArn}/${args.flowLogArchivePrefix}/`,
                destinationOptions: { fileFormat: "parquet", perHourPartition: true },
                maxAggregationInterval: 60,
                tags: dataClassTags("protected"),
            },
            child,
        );

        this.vpcId = vpc.id;
        this.cidrBlock = args.cidrBlock;
        this.dataSubnetIds = dataSubnets.map((s) => s.id);
        this.gatewaySubnetIds = gatewaySubnets.map((s) => s.id);
        this.egressSubnetIds = egressSubnets.map((s) => s.id);
        this.availabilityZones = args.availabilityZones;
        this.dataCidrs = plan.data;
        this.dataRouteTableIds = dataRouteTables.map((t) => t.id);
        this.gatewayRouteTableIds = gatewayRouteTables.map((t) => t.id);
        this.egressRouteTableIds = egressRouteTables.map((t) => t.id);
        this.s3EndpointId = s3Endpoint.id;
        this.endpointSecurityGroupId = endpointSecurityGroup.id;
        this.flowLogGroupName = flowLogGroup.name;
        this.registerOutputs({
            vpcId: this.vpcId,
            dataSubnetIds: this.dataSubnetIds,
            gatewaySubnetIds: this.gatewaySubnetIds,
            flowLogGroupName: this.flowLogGroupName,
        });
    }
}
