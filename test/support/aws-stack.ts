import { runStack, type Resources } from "./harness";
import { KUBERNETES_LAYER_INVENTORY, expectKubernetesObjectsOnProvider } from "./kubernetes-layer";

export interface AwsStackExpectations {
    readonly stack: string;
    readonly vpcCidr: string;
    readonly serviceCidr: string;
}

/** The exact inventory of an AWS site stack with three availability zones. */
export const AWS_SITE_INVENTORY: Record<string, number> = {
    "pulumi:pulumi:Stack": 1,
    "clover:site:AwsSite": 1,
    "pulumi:providers:aws": 1,
    "pulumi:providers:random": 1,
    "clover:keys:SiteKeys": 1,
    "aws:kms/key:Key": 4,
    "aws:kms/alias:Alias": 4,
    // The monitor's archive
    "clover:monitor:AuditArchive": 1,
    "clover:storage:DataBucket": 2,
    "aws:s3/bucket:Bucket": 2,
    "aws:s3/bucketVersioning:BucketVersioning": 2,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 2,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 2,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 2,
    "aws:s3/bucketPolicy:BucketPolicy": 2,
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": 1,
    // The network: three tiers of subnets and route tables per zone, endpoints, flow logs
    "clover:network:Network": 1,
    "aws:ec2/vpc:Vpc": 1,
    "aws:ec2/subnet:Subnet": 9,
    "aws:ec2/routeTable:RouteTable": 9,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": 9,
    "aws:ec2/vpcEndpoint:VpcEndpoint": 7,
    "aws:ec2/securityGroup:SecurityGroup": 1,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 1,
    "aws:ec2/flowLog:FlowLog": 2,
    // The security gateway: inspected egress and the data-access roles
    "clover:gateway:InspectedEgress": 1,
    "aws:networkfirewall/ruleGroup:RuleGroup": 1,
    "aws:networkfirewall/firewallPolicy:FirewallPolicy": 1,
    "aws:networkfirewall/firewall:Firewall": 1,
    "aws:networkfirewall/loggingConfiguration:LoggingConfiguration": 1,
    "aws:ec2/internetGateway:InternetGateway": 1,
    "aws:ec2/eip:Eip": 3,
    "aws:ec2/natGateway:NatGateway": 3,
    "aws:ec2/route:Route": 12,
    "clover:gateway:DataAccessGateway": 1,
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": 2,
    // The cluster
    "clover:cluster:EksCluster": 1,
    "aws:eks/cluster:Cluster": 1,
    "aws:eks/nodeGroup:NodeGroup": 1,
    "aws:eks/addon:Addon": 1,
    "aws:cloudwatch/logGroup:LogGroup": 2,
    "pulumi:providers:kubernetes": 1,
    // The monitor: trail, control-plane log stream, auditor
    "clover:monitor:SiteMonitor": 1,
    "aws:cloudtrail/trail:Trail": 1,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": 1,
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": 1,
    "random:index/randomPassword:RandomPassword": 1,
    "aws:eks/accessEntry:AccessEntry": 1,
    // Roles: flow logs, EKS cluster and nodes, gateway, service, delivery, subscription, auditor
    "aws:iam/role:Role": 8,
    "aws:iam/rolePolicy:RolePolicy": 6,
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 5,
    ...KUBERNETES_LAYER_INVENTORY,
};

/** The tests every AWS site stack must pass, run against its own `stacks/` config. */
export function describeAwsStack(e: AwsStackExpectations): void {
    describe(`stack ${e.stack} (offline preview)`, () => {
        let resources: Resources;
        beforeAll(async () => {
            resources = await runStack(e.stack);
        });

        it("registers exactly the resources of an AWS site", () => {
            expect(resources.typeCounts()).toEqual(AWS_SITE_INVENTORY);
        });

        it("pins the site provider to eu-west-1 and tags everything with the site", () => {
            const provider = resources.one("pulumi:providers:aws", `${e.stack}-aws`);
            expect(provider.inputs.region).toBe("eu-west-1");
            expect(JSON.parse(provider.inputs.defaultTags as string)).toEqual({
                tags: { "clover.io/site": e.stack },
            });
            expect(provider.parent).toBe(resources.one("clover:site:AwsSite", e.stack).urn);
        });

        it("sends every AWS resource through the site provider, none with a region of its own", () => {
            const provider = resources.one("pulumi:providers:aws", `${e.stack}-aws`);
            const awsResources = resources.all.filter((r) => r.type.startsWith("aws:"));
            const expected = Object.entries(AWS_SITE_INVENTORY).filter(([type]) =>
                type.startsWith("aws:"),
            );
            expect(awsResources.length).toBe(expected.reduce((sum, [, count]) => sum + count, 0));
            for (const r of awsResources) {
                expect({ urn: r.urn, provider: r.provider }).toEqual({
                    urn: r.urn,
                    provider: provider.urn,
                });
                expect({ urn: r.urn, region: r.inputs.region }).toEqual({
                    urn: r.urn,
                    region: undefined,
                });
            }
            expect(resources.all.filter((r) => r.defaultProvider)).toEqual([]);
        });

        it("classifies every data store", () => {
            const stores = [
                ...resources.ofType("aws:s3/bucket:Bucket"),
                ...resources.ofType("aws:kms/key:Key"),
                ...resources.ofType("aws:cloudwatch/logGroup:LogGroup"),
                ...resources.ofType("aws:eks/cluster:Cluster"),
                ...resources.ofType("aws:eks/nodeGroup:NodeGroup"),
            ];
            expect(
                stores.map(
                    (r) => (r.inputs.tags as Record<string, string>)["clover.io/data-class"],
                ),
            ).toEqual([
                "protected", // the protected bucket
                "protected", // the audit archive
                "internal",
                "public",
                "protected", // the archive's key
                "protected", // the protected key
                "protected", // the flow-log group
                "protected", // the control-plane log group
                "protected", // the cluster
                "protected", // the nodes
            ]);
        });

        it("uses the stack's network blocks", () => {
            expect(
                resources.one("aws:ec2/vpc:Vpc", `${e.stack}-network-vpc`).inputs.cidrBlock,
            ).toBe(e.vpcCidr);
            expect(
                resources.one("aws:eks/cluster:Cluster", `${e.stack}-eks-cluster`).inputs
                    .kubernetesNetworkConfig,
            ).toEqual({
                ipFamily: "ipv4",
                serviceIpv4Cidr: e.serviceCidr,
            });
        });

        it("parents every resource under the site component", () => {
            const site = resources.one("clover:site:AwsSite", e.stack);
            const stackUrn = resources.ofType("pulumi:pulumi:Stack")[0].urn;
            const byUrn = new Map(resources.all.map((r) => [r.urn, r]));
            for (const r of resources.all) {
                if (r.urn === stackUrn || r.urn === site.urn) continue;
                let ancestor = r.parent;
                while (ancestor && ancestor !== site.urn) ancestor = byUrn.get(ancestor)?.parent;
                expect({ urn: r.urn, under: ancestor }).toEqual({ urn: r.urn, under: site.urn });
            }
        });

        it("sends every Kubernetes object through the EKS cluster's provider, labelled with site and class", () => {
            expectKubernetesObjectsOnProvider(
                resources,
                resources.one("pulumi:providers:kubernetes", `${e.stack}-eks-k8s`),
                e.stack,
            );
        });

        it("lets the gateway reach the AWS APIs through the VPC's endpoints", () => {
            const out = resources.one(
                "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                `${e.stack}-gateway-allow-out`,
            );
            expect((out.inputs.spec as { egress: unknown[] }).egress[1]).toEqual({
                to: [{ ipBlock: { cidr: e.vpcCidr } }],
                ports: [{ protocol: "TCP", port: 443 }],
            });
        });

        it("protects the protected-data bucket and encrypts it with the site's protected key", () => {
            const bucket = resources.one("aws:s3/bucket:Bucket", `${e.stack}-protected-bucket`);
            expect(bucket.protect).toBe(true);
            const sse = resources.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                `${e.stack}-protected-encryption`,
            );
            expect(sse.propertyDependencies.rules).toEqual([
                resources.one("aws:kms/key:Key", `${e.stack}-keys-protected`).urn,
            ]);
        });
    });
}
