/** The network seal of an AWS site: flow logs to the monitor, egress only through the firewall. */
import type { PlainObject, ResourceView } from "@clover/residency-model";
import { archiveBuckets, inEnclave, label, subnetRoleOf } from "../lib/enclave";
import type { Finding, SecurityPolicy, StackGraph } from "../lib/policy";

const VPC = "aws:ec2/vpc:Vpc";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ROUTE = "aws:ec2/route:Route";
const ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
const SUBNET = "aws:ec2/subnet:Subnet";
const FIREWALL = "aws:networkfirewall/firewall:Firewall";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";

export const enclaveFlowLogs: SecurityPolicy = {
    name: "enclave-flow-logs",
    description: "Every enclave VPC delivers flow logs of all traffic to the monitor's archive.",
    severity: "high",
    remediationSteps:
        "Add an aws:ec2/flowLog on the VPC with trafficType ALL, logDestinationType s3 and the audit archive's ARN as destination; the Network component does it.",
    evaluate(graph) {
        const archives = new Set(archiveBuckets(graph).map((b) => b.urn));
        return graph
            .ofType(VPC)
            .filter(inEnclave)
            .flatMap((vpc): Finding[] => {
                const logs = graph.dependentsOf(vpc, "vpcId", FLOW_LOG);
                const toArchive = logs.some(
                    (f) =>
                        f.props.logDestinationType === "s3" &&
                        f.props.trafficType === "ALL" &&
                        (f.propertyDependencies?.logDestination ?? []).some((u) => archives.has(u)),
                );
                if (toArchive) return [];
                return [
                    {
                        urn: vpc.urn,
                        message: `${label(vpc)} has no flow log of ALL traffic delivered to the monitor's audit archive (${logs.length} flow log(s), none to a bucket tagged clover.io/role: audit-archive). Fix: deliver an aws:ec2/flowLog with trafficType ALL and logDestinationType s3 to the archive.`,
                    },
                ];
            });
    },
};

/** The route tables of the stack's data subnets: tagged `data`, or associated with a `data` subnet. */
function dataRouteTables(graph: StackGraph): ResourceView[] {
    const tables = new Set<ResourceView>(
        graph.ofType(ROUTE_TABLE).filter((t) => subnetRoleOf(t) === "data"),
    );
    for (const association of graph.ofType(ASSOCIATION)) {
        const subnet = graph.dependenciesOf(association, "subnetId", [SUBNET])[0];
        if (subnet && subnetRoleOf(subnet) === "data")
            for (const t of graph.dependenciesOf(association, "routeTableId", [ROUTE_TABLE]))
                tables.add(t);
    }
    return [...tables];
}

/** A route's default destination (`0.0.0.0/0` or `::/0`). */
function isDefault(route: PlainObject): boolean {
    return route.destinationCidrBlock === "0.0.0.0/0" || route.destinationIpv6CidrBlock === "::/0";
}

export const egressInspection: SecurityPolicy = {
    name: "egress-inspection",
    description:
        "Data subnets reach outside the VPC only through the Network Firewall: their default route goes to a firewall endpoint and no route goes to an internet or NAT gateway.",
    severity: "critical",
    remediationSteps:
        "Route 0.0.0.0/0 of every data route table to the firewall endpoint of its zone (vpcEndpointId); put NAT and internet gateways only behind the firewall; the InspectedEgress component does it.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const get = (u: string) => graph.get(u);
        const dataTables = new Set(dataRouteTables(graph));
        for (const vpc of graph.ofType(VPC).filter(inEnclave)) {
            const firewall = graph.dependentsOf(vpc, "vpcId", FIREWALL)[0];
            const tables = graph
                .dependentsOf(vpc, "vpcId", ROUTE_TABLE)
                .filter((t) => dataTables.has(t));
            if (tables.length === 0) continue;
            if (!firewall) {
                findings.push({
                    urn: vpc.urn,
                    message: `${label(vpc)} has data subnets but no Network Firewall (aws:networkfirewall/firewall) inspects their egress. Fix: add the site's InspectedEgress.`,
                });
            }
            for (const table of tables) {
                const routes = [
                    ...graph.dependentsOf(table, "routeTableId", ROUTE).map((r) => ({
                        at: r,
                        props: r.props,
                        deps: r.propertyDependencies ?? {},
                    })),
                    ...(Array.isArray(table.props.routes) ? table.props.routes : []).map(
                        (route) => ({
                            at: table,
                            props: route as PlainObject,
                            deps: table.propertyDependencies ?? {},
                        }),
                    ),
                ];
                for (const route of routes) {
                    const via = (key: string, type: string, prefix: string) =>
                        (route.deps[key] ?? []).some((u) => get(u)?.type === type) ||
                        (typeof route.props[key] === "string" &&
                            route.props[key].startsWith(prefix));
                    const bypass = via("gatewayId", INTERNET_GATEWAY, "igw-")
                        ? "an internet gateway"
                        : via("natGatewayId", NAT_GATEWAY, "nat-")
                          ? "a NAT gateway"
                          : typeof route.props.egressOnlyGatewayId === "string" ||
                              (route.deps.egressOnlyGatewayId ?? []).length > 0
                            ? "an egress-only internet gateway"
                            : undefined;
                    if (bypass)
                        findings.push({
                            urn: route.at.urn,
                            message: `${label(route.at)} gives data route table "${table.name}" a route to ${bypass}, bypassing the firewall. Fix: route the data subnets' egress to the firewall endpoint and put the gateway behind it.`,
                        });
                }
                const toFirewall = routes.some(
                    (route) =>
                        isDefault(route.props) &&
                        firewall !== undefined &&
                        (route.deps.vpcEndpointId ?? []).includes(firewall.urn),
                );
                if (firewall && !toFirewall)
                    findings.push({
                        urn: table.urn,
                        message: `${label(table)} (data subnets) has no default route to the Network Firewall's endpoint, so egress is not inspected. Fix: add an aws:ec2/route 0.0.0.0/0 with vpcEndpointId from the firewall's endpoint in the table's zone.`,
                    });
            }
        }
        return findings;
    },
};
