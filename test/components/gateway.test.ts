import * as aws from "@pulumi/aws";
import {
    DataAccessGateway,
    InspectedEgress,
    firewallEndpointIn,
    validateDataAccessGatewayArgs,
    validateInspectedEgressArgs,
    type DataAccessGatewayArgs,
    type InspectedEgressArgs,
} from "../../components/gateway";
import { Network } from "../../components/network";
import type { RecordedResource } from "../../plan/program/model";
import { runComponent, type Resources } from "../support/harness";
import { PROTECTED_OBJECT_ACTIONS } from "../support/iam";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const ALLOW_LIST = [".eu-west-1.amazonaws.com", "registry.example.org"];
const ROUTE = "aws:ec2/route:Route";

describe("InspectedEgress", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            const network = new Network(
                "net",
                {
                    cidrBlock: "10.20.0.0/16",
                    region: "eu-west-1",
                    availabilityZones: ZONES,
                    flowLogKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/audit",
                    flowLogArchiveArn: "arn:aws:s3:::clover-dublin-audit",
                    flowLogArchivePrefix: "vpc-flow-logs",
                },
                { provider },
            );
            new InspectedEgress(
                "fw",
                {
                    site: "dublin",
                    vpcId: network.vpcId,
                    vpcCidr: "10.20.0.0/16",
                    availabilityZones: network.availabilityZones,
                    gatewaySubnetIds: network.gatewaySubnetIds,
                    egressSubnetIds: network.egressSubnetIds,
                    dataCidrs: network.dataCidrs,
                    dataRouteTableIds: network.dataRouteTableIds,
                    gatewayRouteTableIds: network.gatewayRouteTableIds,
                    egressRouteTableIds: network.egressRouteTableIds,
                    allowList: ALLOW_LIST,
                    logBucketName: "clover-dublin-audit",
                    logPrefix: "network-firewall",
                },
                { provider },
            );
        });
    });

    const dependency = (r: RecordedResource, key: string) => resources.dependencyName(r, key);

    it("registers the firewall, its logs, and a NAT gateway and four routes per zone", () => {
        const counts = resources.typeCounts();
        expect({
            component: counts["clover:gateway:InspectedEgress"],
            ruleGroups: counts["aws:networkfirewall/ruleGroup:RuleGroup"],
            policies: counts["aws:networkfirewall/firewallPolicy:FirewallPolicy"],
            firewalls: counts["aws:networkfirewall/firewall:Firewall"],
            logging: counts["aws:networkfirewall/loggingConfiguration:LoggingConfiguration"],
            internetGateways: counts["aws:ec2/internetGateway:InternetGateway"],
            eips: counts["aws:ec2/eip:Eip"],
            natGateways: counts["aws:ec2/natGateway:NatGateway"],
            routes: counts[ROUTE],
        }).toEqual({
            component: 1,
            ruleGroups: 1,
            policies: 1,
            firewalls: 1,
            logging: 1,
            internetGateways: 1,
            eips: 3,
            natGateways: 3,
            routes: 12,
        });
    });

    it("lets out only TLS and HTTP to the allow-listed domains and drops every other flow", () => {
        const rules = resources.one("aws:networkfirewall/ruleGroup:RuleGroup", "fw-allow-list");
        expect(rules.inputs).toMatchObject({
            type: "STATEFUL",
            ruleGroup: {
                ruleVariables: {
                    ipSets: [{ key: "HOME_NET", ipSet: { definitions: ["10.20.0.0/16"] } }],
                },
                rulesSource: {
                    rulesSourceList: {
                        generatedRulesType: "ALLOWLIST",
                        targetTypes: ["TLS_SNI", "HTTP_HOST"],
                        targets: ALLOW_LIST,
                    },
                },
                statefulRuleOptions: { ruleOrder: "STRICT_ORDER" },
            },
        });
        const policy = resources.one(
            "aws:networkfirewall/firewallPolicy:FirewallPolicy",
            "fw-policy",
        );
        expect(policy.inputs.firewallPolicy).toEqual({
            statelessDefaultActions: ["aws:forward_to_sfe"],
            statelessFragmentDefaultActions: ["aws:forward_to_sfe"],
            statefulEngineOptions: { ruleOrder: "STRICT_ORDER" },
            statefulDefaultActions: ["aws:drop_established", "aws:alert_established"],
            statefulRuleGroupReferences: [{ resourceArn: rules.outputs.arn, priority: 1 }],
        });
    });

    it("puts the firewall in the gateway subnets, protected from deletion, logging to the archive", () => {
        const firewall = resources.one("aws:networkfirewall/firewall:Firewall", "fw-firewall");
        expect(firewall.inputs).toMatchObject({
            deleteProtection: true,
            subnetChangeProtection: true,
        });
        expect(
            firewall.propertyDependencies.subnetMappings.map((u) => resources.byUrn(u).name),
        ).toEqual(ZONES.map((z) => `net-gateway-${z}`));
        const logging = resources.one(
            "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
            "fw-logs",
        );
        expect(logging.inputs.loggingConfiguration).toEqual({
            logDestinationConfigs: ["FLOW", "ALERT"].map((logType) => ({
                logType,
                logDestinationType: "S3",
                logDestination: { bucketName: "clover-dublin-audit", prefix: "network-firewall" },
            })),
        });
        expect(dependency(logging, "firewallArn")).toBe("fw-firewall");
    });

    it("routes data subnets to the firewall of their zone, the firewall to NAT, NAT to the internet, and replies back through the firewall", () => {
        const firewall = resources.one("aws:networkfirewall/firewall:Firewall", "fw-firewall");
        const statuses = firewall.outputs.firewallStatuses as Parameters<
            typeof firewallEndpointIn
        >[0];
        const endpoint = Object.fromEntries(ZONES.map((z) => [z, firewallEndpointIn(statuses, z)]));
        expect(new Set(Object.values(endpoint)).size).toBe(3);

        const target = (r: RecordedResource): string =>
            r.inputs.vpcEndpointId !== undefined
                ? `endpoint ${r.inputs.vpcEndpointId as string} of ${dependency(r, "vpcEndpointId")}`
                : r.inputs.natGatewayId !== undefined
                  ? `nat ${dependency(r, "natGatewayId")}`
                  : `internet ${dependency(r, "gatewayId")}`;
        // Registration order follows the firewall's outputs; compare as sets of rows.
        const sorted = (rows: unknown[][]) => rows.map((row) => row.join(" | ")).sort();
        const routes = resources
            .ofType(ROUTE)
            .map((r) => [dependency(r, "routeTableId"), r.inputs.destinationCidrBlock, target(r)]);
        const dataCidrs = ["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"];
        expect(sorted(routes)).toEqual(
            sorted(
                ZONES.flatMap((z, i) => [
                    [`net-data-${z}`, "0.0.0.0/0", `endpoint ${endpoint[z]} of fw-firewall`],
                    [`net-gateway-${z}`, "0.0.0.0/0", `nat fw-nat-${z}`],
                    [`net-egress-${z}`, "0.0.0.0/0", "internet fw-igw"],
                    [`net-egress-${z}`, dataCidrs[i], `endpoint ${endpoint[z]} of fw-firewall`],
                ]),
            ),
        );
        for (const z of ZONES) {
            const nat = resources.one("aws:ec2/natGateway:NatGateway", `fw-nat-${z}`);
            expect(dependency(nat, "subnetId")).toBe(`net-egress-${z}`);
            expect(dependency(nat, "allocationId")).toBe(`fw-nat-${z}`);
            expect(nat.dependencies).toContain(
                resources.one("aws:ec2/internetGateway:InternetGateway", "fw-igw").urn,
            );
        }
    });

    it("finds a zone's endpoint in the firewall's status, and fails for a zone without one", () => {
        const statuses = [
            {
                capacityUsageSummaries: [],
                transitGatewayAttachmentSyncStates: [],
                syncStates: [
                    {
                        availabilityZone: "eu-west-1a",
                        attachments: [{ endpointId: "vpce-a", subnetId: "subnet-a" }],
                    },
                ],
            },
        ];
        expect(firewallEndpointIn(statuses, "eu-west-1a")).toBe("vpce-a");
        expect(() => firewallEndpointIn(statuses, "eu-west-1b")).toThrow(
            "InspectedEgress: the firewall reports no endpoint in eu-west-1b (only in eu-west-1a); pass gatewaySubnetIds in the order of availabilityZones, one subnet of each zone.",
        );
    });

    const VALID: InspectedEgressArgs = {
        site: "dublin",
        vpcId: "vpc-1",
        vpcCidr: "10.20.0.0/16",
        availabilityZones: ["eu-west-1a", "eu-west-1b"],
        gatewaySubnetIds: ["subnet-g1", "subnet-g2"],
        egressSubnetIds: ["subnet-e1", "subnet-e2"],
        dataCidrs: ["10.20.0.0/19", "10.20.32.0/19"],
        dataRouteTableIds: ["rtb-d1", "rtb-d2"],
        gatewayRouteTableIds: ["rtb-g1", "rtb-g2"],
        egressRouteTableIds: ["rtb-e1", "rtb-e2"],
        allowList: ALLOW_LIST,
        logBucketName: "clover-dublin-audit",
        logPrefix: "network-firewall",
    };

    it("accepts one entry per zone in every per-zone list", () => {
        expect(() => validateInspectedEgressArgs(VALID)).not.toThrow();
    });

    it("rejects a per-zone list of another length", () => {
        expect(() =>
            validateInspectedEgressArgs({ ...VALID, egressRouteTableIds: ["rtb-e1"] }),
        ).toThrow(
            "InspectedEgress: egressRouteTableIds has 1 entries for 2 availability zones; pass one per zone, in the zones' order.",
        );
    });

    it("rejects an empty allow-list and an entry that is not a domain", () => {
        expect(() => validateInspectedEgressArgs({ ...VALID, allowList: [] })).toThrow(
            'InspectedEgress: allowList is empty; pass the domains enclave traffic may reach, e.g. [".eu-west-1.amazonaws.com"].',
        );
        expect(() =>
            validateInspectedEgressArgs({ ...VALID, allowList: ["https://example.org/"] }),
        ).toThrow(
            'InspectedEgress: allowList entry "https://example.org/" is not a domain name; pass names such as "repo.example.org" or ".example.org".',
        );
    });
});

describe("DataAccessGateway", () => {
    const BUCKET = "arn:aws:s3:::clover-dublin-pii";
    const KEY = "arn:aws:kms:eu-west-1:123456789012:key/protected";
    const ARGS: DataAccessGatewayArgs = {
        site: "dublin",
        region: "eu-west-1",
        clusterName: "clover-dublin",
        protectedBucketArns: [BUCKET],
        protectedKeyArn: KEY,
    };
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new DataAccessGateway("access", ARGS, { provider });
        });
    });

    it("registers two roles, each with one inline policy and one Pod Identity association", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "pulumi:providers:aws": 1,
            "clover:gateway:DataAccessGateway": 1,
            "aws:iam/role:Role": 2,
            "aws:iam/rolePolicy:RolePolicy": 2,
            "aws:eks/podIdentityAssociation:PodIdentityAssociation": 2,
        });
    });

    it.each([
        ["gateway", "clover-dublin-data-gateway", "data-gateway", "clover-gateway", "data-gateway"],
        [
            "service",
            "clover-dublin-site-service",
            "site-service",
            "clover-protected",
            "site-service",
        ],
    ])(
        "names the %s role %s, tags it %s and lets only Pod Identity in %s assume it",
        (key, roleName, tag, namespace, serviceAccount) => {
            const role = resources.one("aws:iam/role:Role", `access-${key}`);
            expect(role.inputs).toMatchObject({
                name: roleName,
                path: "/clover/",
                maxSessionDuration: 3600,
                tags: { "clover.io/role": tag },
            });
            expect(JSON.parse(role.inputs.assumeRolePolicy as string)).toEqual({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "pods.eks.amazonaws.com" },
                        Action: ["sts:AssumeRole", "sts:TagSession"],
                        Condition: {
                            StringEquals: { "aws:RequestTag/kubernetes-namespace": namespace },
                        },
                    },
                ],
            });
            const association = resources.one(
                "aws:eks/podIdentityAssociation:PodIdentityAssociation",
                `access-${key}`,
            );
            expect(association.inputs).toMatchObject({
                clusterName: "clover-dublin",
                namespace,
                serviceAccount,
                roleArn: `arn:aws:iam::123456789012:role/clover/${roleName}`,
            });
        },
    );

    it.each(["gateway", "service"])(
        "lets the %s role use the protected objects, and the key only through S3 in the region",
        (key) => {
            const policy = resources.one("aws:iam/rolePolicy:RolePolicy", `access-${key}`);
            expect(resources.dependencyName(policy, "role")).toBe(`access-${key}`);
            expect(policy.inputs.policy).toEqual({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ProtectedObjects",
                        Effect: "Allow",
                        Action: PROTECTED_OBJECT_ACTIONS,
                        Resource: [BUCKET, `${BUCKET}/*`],
                    },
                    {
                        Sid: "ProtectedKeyThroughS3",
                        Effect: "Allow",
                        Action: [
                            "kms:Decrypt",
                            "kms:Encrypt",
                            "kms:GenerateDataKey*",
                            "kms:ReEncrypt*",
                        ],
                        Resource: KEY,
                        Condition: {
                            StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                        },
                    },
                ],
            });
        },
    );

    it("rejects an empty bucket list and a site that cannot name a role", () => {
        expect(() => validateDataAccessGatewayArgs({ ...ARGS, protectedBucketArns: [] })).toThrow(
            "DataAccessGateway: protectedBucketArns is empty; pass the ARNs of the site's protected buckets.",
        );
        expect(() => validateDataAccessGatewayArgs({ ...ARGS, site: "Dublin_1" })).toThrow(
            'DataAccessGateway: site "Dublin_1" must be 1 to 40 lower-case letters, digits or hyphens, since role names are built from it.',
        );
    });
});
