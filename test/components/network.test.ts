import * as aws from "@pulumi/aws";
import {
    Network,
    planSubnets,
    validateNetworkArgs,
    type NetworkArgs,
} from "../../components/network";
import { runComponent, type Resources } from "../support/harness";

const ZONES = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
const ARGS: NetworkArgs = {
    cidrBlock: "10.20.0.0/16",
    region: "eu-west-1",
    availabilityZones: ZONES,
    flowLogKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/flow",
    flowLogArchiveArn: "arn:aws:s3:::clover-dublin-audit",
    flowLogArchivePrefix: "vpc-flow-logs",
};

describe("Network", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new Network("net", ARGS, { provider });
        });
    });

    it("registers exactly the network resources of a three-zone site", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "pulumi:providers:aws": 1,
            "clover:network:Network": 1,
            "aws:ec2/vpc:Vpc": 1,
            "aws:ec2/subnet:Subnet": 9,
            "aws:ec2/routeTable:RouteTable": 9,
            "aws:ec2/routeTableAssociation:RouteTableAssociation": 9,
            "aws:ec2/vpcEndpoint:VpcEndpoint": 7,
            "aws:ec2/securityGroup:SecurityGroup": 1,
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 1,
            "aws:cloudwatch/logGroup:LogGroup": 1,
            "aws:iam/role:Role": 1,
            "aws:iam/rolePolicy:RolePolicy": 1,
            "aws:ec2/flowLog:FlowLog": 2,
        });
    });

    it("lays out private data, gateway and egress subnets, one of each per zone", () => {
        const subnets = resources
            .ofType("aws:ec2/subnet:Subnet")
            .map((s) => [
                s.name,
                s.inputs.cidrBlock,
                s.inputs.availabilityZone,
                s.inputs.mapPublicIpOnLaunch,
            ]);
        expect(subnets).toEqual([
            ["net-data-eu-west-1a", "10.20.0.0/19", "eu-west-1a", false],
            ["net-data-eu-west-1b", "10.20.32.0/19", "eu-west-1b", false],
            ["net-data-eu-west-1c", "10.20.64.0/19", "eu-west-1c", false],
            ["net-gateway-eu-west-1a", "10.20.96.0/22", "eu-west-1a", false],
            ["net-gateway-eu-west-1b", "10.20.100.0/22", "eu-west-1b", false],
            ["net-gateway-eu-west-1c", "10.20.104.0/22", "eu-west-1c", false],
            ["net-egress-eu-west-1a", "10.20.112.0/22", "eu-west-1a", false],
            ["net-egress-eu-west-1b", "10.20.116.0/22", "eu-west-1b", false],
            ["net-egress-eu-west-1c", "10.20.120.0/22", "eu-west-1c", false],
        ]);
        expect(resources.ofType("aws:ec2/subnet:Subnet").map((s) => s.inputs.tags)).toEqual(
            [
                "data",
                "data",
                "data",
                "gateway",
                "gateway",
                "gateway",
                "egress",
                "egress",
                "egress",
            ].map((role) => ({ "clover.io/subnet-role": role })),
        );
    });

    it("gives each subnet its own route table, tagged with its tier", () => {
        const associations = resources.ofType(
            "aws:ec2/routeTableAssociation:RouteTableAssociation",
        );
        for (const table of resources.ofType("aws:ec2/routeTable:RouteTable")) {
            const [tier] = table.name.replace("net-", "").split("-");
            expect(table.inputs.tags).toEqual({ "clover.io/subnet-role": tier });
            const uses = associations.filter((a) =>
                a.propertyDependencies.routeTableId?.includes(table.urn),
            );
            expect(uses.map((a) => a.name)).toEqual([table.name]);
        }
    });

    it("adds no route at all besides the VPC-local one (the firewall adds the egress path)", () => {
        expect(resources.ofType("aws:ec2/route:Route")).toEqual([]);
        for (const table of resources.ofType("aws:ec2/routeTable:RouteTable")) {
            expect(table.inputs.routes).toBeUndefined();
        }
        expect(resources.ofType("aws:ec2/internetGateway:InternetGateway")).toEqual([]);
        expect(resources.ofType("aws:ec2/natGateway:NatGateway")).toEqual([]);
    });

    it("keeps AWS API traffic in the region through endpoints", () => {
        const endpoints = resources
            .ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
            .map((e) => [e.inputs.serviceName, e.inputs.vpcEndpointType]);
        expect(endpoints).toEqual([
            ["com.amazonaws.eu-west-1.s3", "Gateway"],
            ["com.amazonaws.eu-west-1.kms", "Interface"],
            ["com.amazonaws.eu-west-1.sts", "Interface"],
            ["com.amazonaws.eu-west-1.ecr.api", "Interface"],
            ["com.amazonaws.eu-west-1.ecr.dkr", "Interface"],
            ["com.amazonaws.eu-west-1.logs", "Interface"],
            ["com.amazonaws.eu-west-1.eks", "Interface"],
        ]);
        const kms = resources.one("aws:ec2/vpcEndpoint:VpcEndpoint", "net-kms");
        expect(kms.inputs.privateDnsEnabled).toBe(true);
        expect((kms.inputs.subnetIds as string[]).length).toBe(3);
        expect(
            resources.one(
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "net-endpoints-https",
            ).inputs,
        ).toMatchObject({
            cidrIpv4: "10.20.0.0/16",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
        });
    });

    it("delivers all VPC traffic records to the monitor's archive", () => {
        const flowLog = resources.one("aws:ec2/flowLog:FlowLog", "net-flow-logs-archive");
        expect(flowLog.inputs).toEqual({
            vpcId: expect.any(String),
            trafficType: "ALL",
            logDestinationType: "s3",
            logDestination: "arn:aws:s3:::clover-dublin-audit/vpc-flow-logs/",
            destinationOptions: { fileFormat: "parquet", perHourPartition: true },
            maxAggregationInterval: 60,
            tags: { "clover.io/data-class": "protected" },
        });
    });

    it("logs all VPC traffic to an encrypted, classified log group", () => {
        const flowLog = resources.one("aws:ec2/flowLog:FlowLog", "net-flow-logs");
        expect(flowLog.inputs).toMatchObject({
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            maxAggregationInterval: 60,
        });
        const group = resources.one("aws:cloudwatch/logGroup:LogGroup", "net-flow-logs");
        expect(group.inputs).toMatchObject({
            retentionInDays: 365,
            kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/flow",
            tags: { "clover.io/data-class": "protected" },
        });
        expect(flowLog.propertyDependencies.logDestination).toEqual([group.urn]);
    });

    it("parents every resource to the component and routes it through the caller's provider", () => {
        const component = resources.ofType("clover:network:Network")[0];
        const provider = resources.one("pulumi:providers:aws", "site-aws");
        const children = resources.all.filter((r) => r.type.startsWith("aws:"));
        expect(children).toHaveLength(42);
        for (const r of children) {
            expect(r.parent).toBe(component.urn);
            expect(r.provider).toBe(provider.urn);
        }
    });
});

describe("planSubnets", () => {
    it("scales the layout with the VPC block", () => {
        expect(planSubnets("10.30.0.0/20", 2)).toEqual({
            data: ["10.30.0.0/23", "10.30.2.0/23"],
            gateway: ["10.30.6.0/26", "10.30.6.64/26"],
            egress: ["10.30.7.0/26", "10.30.7.64/26"],
        });
    });
});

describe("validateNetworkArgs", () => {
    it("rejects a block that does not parse", () => {
        expect(() => validateNetworkArgs({ ...ARGS, cidrBlock: "10.20.0.0/33" })).toThrow(
            'Network: cidrBlock "10.20.0.0/33" is not an IPv4 CIDR block; pass a private IPv4 block such as 10.20.0.0/16.',
        );
    });
    it("rejects a block too large or too small for the layout", () => {
        expect(() => validateNetworkArgs({ ...ARGS, cidrBlock: "10.0.0.0/8" })).toThrow(
            'Network: cidrBlock "10.0.0.0/8" is a /8; AWS VPCs here are /16 to /20. Pass a block such as 10.20.0.0/16.',
        );
    });
    it("rejects a zone of another region", () => {
        expect(() =>
            validateNetworkArgs({ ...ARGS, availabilityZones: ["eu-west-1a", "us-east-1a"] }),
        ).toThrow(
            'Network: availability zone "us-east-1a" is not a zone of region eu-west-1; every zone must be eu-west-1 plus a letter, e.g. eu-west-1a.',
        );
    });
    it("rejects a single zone", () => {
        expect(() => validateNetworkArgs({ ...ARGS, availabilityZones: ["eu-west-1a"] })).toThrow(
            'Network: availabilityZones ["eu-west-1a"] must be two or three distinct zones. Pass e.g. ["eu-west-1a", "eu-west-1b", "eu-west-1c"].',
        );
    });
    it("rejects a malformed endpoint service", () => {
        expect(() =>
            validateNetworkArgs({
                ...ARGS,
                interfaceEndpointServices: ["com.amazonaws.eu-west-1.kms "],
            }),
        ).toThrow(
            'Network: interfaceEndpointServices entry "com.amazonaws.eu-west-1.kms " is not a service name; pass the suffix of com.amazonaws.eu-west-1.<service>, e.g. "kms".',
        );
    });
});
