import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DOMAIN_NAME } from "../../config/kubernetes";

export interface InspectedEgressArgs {
    /** The site's name, for resource descriptions. */
    readonly site: string;
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's block: the firewall's home network. */
    readonly vpcCidr: string;
    /** The zones, in the order of every per-zone list below. */
    readonly availabilityZones: readonly string[];
    /** Where the firewall's endpoints go, one per zone. */
    readonly gatewaySubnetIds: pulumi.Input<string>[];
    /** Where the NAT gateways go, one per zone. */
    readonly egressSubnetIds: pulumi.Input<string>[];
    /** The blocks of the data subnets, by zone: return traffic to them goes back through the firewall. */
    readonly dataCidrs: readonly string[];
    readonly dataRouteTableIds: pulumi.Input<string>[];
    readonly gatewayRouteTableIds: pulumi.Input<string>[];
    readonly egressRouteTableIds: pulumi.Input<string>[];
    /** The domains enclave traffic may reach (TLS SNI or HTTP Host); a leading dot allows subdomains. */
    readonly allowList: readonly string[];
    /** The monitor's archive bucket (name) and key prefix for the firewall's flow and alert logs. */
    readonly logBucketName: pulumi.Input<string>;
    readonly logPrefix: string;
}

export function validateInspectedEgressArgs(args: InspectedEgressArgs): void {
    const zones = args.availabilityZones.length;
    const lists = {
        gatewaySubnetIds: args.gatewaySubnetIds,
        egressSubnetIds: args.egressSubnetIds,
        dataCidrs: args.dataCidrs,
        dataRouteTableIds: args.dataRouteTableIds,
        gatewayRouteTableIds: args.gatewayRouteTableIds,
        egressRouteTableIds: args.egressRouteTableIds,
    };
    for (const [key, list] of Object.entries(lists)) {
        if (list.length !== zones) {
            throw new Error(
                `InspectedEgress: ${key} has ${list.length} entries for ${zones} availability zones; pass one per zone, in the zones' order.`,
            );
        }
    }
    if (args.allowList.length === 0) {
        throw new Error(
            `InspectedEgress: allowList is empty; pass the domains enclave traffic may reach, e.g. [".eu-west-1.amazonaws.com"].`,
        );
    }
    const bad = args.allowList.find((domain) => !DOMAIN_NAME.test(domain));
    if (bad !== undefined) {
        throw new Error(
            `InspectedEgress: allowList entry "${bad}" is not a domain name; pass names such as "repo.example.org" or ".example.org".`,
        );
    }
}

/**
 * The security gateway's inspected egress path on an AWS site: AWS Network Firewall with an
 * endpoint in each gateway subnet, which lets out only TLS and HTTP traffic to the allow-listed
 * domains (strict rule order; every other established flow is dropped and alerted); behind it a
 * NAT gateway per zone in the egress subnets and the VPC's internet gateway.
 *
 * Routes, per zone: data subnets send everything that leaves the VPC to the firewall endpoint;
 * gateway subnets send it on to the NAT gateway; egress subnets send it to the internet gateway
 * and send replies for the data subnets back through the firewall, so both directions are
 * inspected. No data subnet has a route to the NAT or internet gateway. Flow and alert logs go to
 * the monitor's archive.
 */
export class InspectedEgress extends pulumi.ComponentResource {
    public readonly firewall: aws.networkfirewall.Firewall;

    constructor(name: string, args: InspectedEgressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:gateway:InspectedEgress", name, {}, opts);
        validateInspectedEgressArgs(args);
        const child = { parent: this };

        const rules = new aws.networkfirewall.RuleGroup(
            `${name}-allow-list`,
            {
                type: "STATEFUL",
                capacity: 100,
                description: `Clover ${args.site}: domains enclave traffic may reach`,
                ruleGroup: {
                    ruleVariables: {
                        ipSets: [{ key: "HOME_NET", ipSet: { definitions: [args.vpcCidr] } }],
                    },
                    rulesSource: {
                        rulesSourceList: {
                            generatedRulesType: "ALLOWLIST",
                            targetTypes: ["TLS_SNI", "HTTP_HOST"],
                            targets: [...args.allowList],
                        },
                    },
                    statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
                },
            },
            child,
        );
        const policy = new aws.networkfirewall.FirewallPolicy(
            `${name}-policy`,
            {
                firewallPolicy: {
                    statelessDefaultActions: ["aws:forward_to_sfe"],
                    statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
                    statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
                    statefulDefaultActions: ["aws:drop_established", "aws:alert_established"],
                    statefulRuleGroupReferences: [{ resourceArn: rules.arn, priority: 1 }],
                },
            },
            child,
        );
        this.firewall = new aws.networkfirewall.Firewall(
            `${name}-firewall`,
            {
                vpcId: args.vpcId,
                firewallPolicyArn: policy.arn,
                subnetMappings: args.gatewaySubnetIds.map((subnetId) => ({ subnetId })),
                deleteProtection: true,
                subnetChangeProtection: true,
                firewallPolicyChangeProtection: false,
            },
            child,
        );
        new aws.networkfirewall.LoggingConfiguration(
            `${name}-logs`,
            {
                firewallArn: this.firewall.arn,
                loggingConfiguration: {
                    logDestinationConfigs: ["FLOW", "ALERT"].map((logType) => ({
                        logType,
                        logDestinationType: "S3",
                        logDestination: {
                            bucketName: args.logBucketName,
                            prefix: args.logPrefix,
                        },
                    })),
                },
            },
            child,
        );

        const internetGateway = new aws.ec2.InternetGateway(
            `${name}-igw`,
            { vpcId: args.vpcId },
            child,
        );
        args.availabilityZones.forEach((zone, i) => {
            const endpointId = this.firewall.firewallStatuses.apply((statuses) =>
                firewallEndpointIn(statuses, zone),
            );
            const ip = new aws.ec2.Eip(`${name}-nat-${zone}`, { domain: "vpc" }, child);
            const nat = new aws.ec2.NatGateway(
                `${name}-nat-${zone}`,
                { allocationId: ip.id, subnetId: args.egressSubnetIds[i] },
                { parent: this, dependsOn: [internetGateway] },
            );
            new aws.ec2.Route(
                `${name}-data-${zone}`,
                {
                    routeTableId: args.dataRouteTableIds[i],
                    destinationCidrBlock: "0.0.0.0/0",
                    vpcEndpointId: endpointId,
                },
                child,
            );
            new aws.ec2.Route(
                `${name}-gateway-${zone}`,
                {
                    routeTableId: args.gatewayRouteTableIds[i],
                    destinationCidrBlock: "0.0.0.0/0",
                    natGatewayId: nat.id,
                },
                child,
            );
            new aws.ec2.Route(
                `${name}-egress-${zone}`,
                {
                    routeTableId: args.egressRouteTableIds[i],
                    destinationCidrBlock: "0.0.0.0/0",
                    gatewayId: internetGateway.id,
                },
                child,
            );
            new aws.ec2.Route(
                `${name}-return-${zone}`,
                {
                    routeTableId: args.egressRouteTableIds[i],
                    destinationCidrBlock: args.dataCidrs[i],
                    vpcEndpointId: endpointId,
                },
                child,
            );
        });
        this.registerOutputs({ firewallArn: this.firewall.arn });
    }
}

/**
 * The firewall's endpoint in `zone`, from the statuses Network Firewall reports once its endpoints
 * exist. Fails when the zone has none: a gateway subnet given for the wrong zone.
 */
export function firewallEndpointIn(
    statuses: readonly aws.types.output.networkfirewall.FirewallFirewallStatus[],
    zone: string,
): string {
    const byZone = new Map<string, string>();
    for (const state of statuses[0]?.syncStates ?? []) {
        const endpoint = state.attachments[0]?.endpointId;
        if (endpoint) byZone.set(state.availabilityZone, endpoint);
    }
    const endpoint = byZone.get(zone);
    if (endpoint === undefined) {
        throw new Error(
            `InspectedEgress: the firewall reports no endpoint in ${zone} (only in ${[...byZone.keys()].join(", ") || "no zone"}); pass gatewaySubnetIds in the order of availabilityZones, one subnet of each zone.`,
        );
    }
    return endpoint;
}
