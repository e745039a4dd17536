import * as aws from "@pulumi/aws";
import {
    CONTROL_PLANE_LOG_TYPES,
    EksCluster,
    validateEksClusterArgs,
    type EksClusterArgs,
} from "../../components/cluster";
import { runComponent, type Resources } from "../support/harness";

const ARGS: EksClusterArgs = {
    site: "dublin",
    region: "eu-west-1",
    subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
    secretsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/protected",
    logKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/audit",
};

describe("EksCluster", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new EksCluster("eks", ARGS, { provider });
        });
    });

    it("registers the cluster, its node group, their roles and a Kubernetes provider", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "pulumi:providers:aws": 1,
            "clover:cluster:EksCluster": 1,
            "aws:iam/role:Role": 2,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 4,
            "aws:eks/cluster:Cluster": 1,
            "aws:eks/nodeGroup:NodeGroup": 1,
            "aws:eks/addon:Addon": 1,
            "aws:cloudwatch/logGroup:LogGroup": 1,
            "pulumi:providers:kubernetes": 1,
        });
    });

    it("names the cluster and its role so that key policies and the log group can name them first", () => {
        const cluster = resources.one("aws:eks/cluster:Cluster", "eks-cluster");
        const role = resources.one("aws:iam/role:Role", "eks-cluster");
        expect(cluster.inputs.name).toBe("clover-dublin");
        expect(role.inputs).toMatchObject({
            name: "clover-dublin-eks-cluster",
            path: "/clover/",
            tags: { "clover.io/role": "site-service" },
        });
        const group = resources.one("aws:cloudwatch/logGroup:LogGroup", "eks-control-plane");
        expect(group.inputs).toEqual({
            name: "/aws/eks/clover-dublin/cluster",
            retentionInDays: 365,
            kmsKeyId: ARGS.logKeyArn,
            tags: { "clover.io/data-class": "protected" },
        });
        expect(cluster.dependencies).toContain(group.urn);
        expect(resources.one("aws:eks/addon:Addon", "eks-pod-identity").inputs.addonName).toBe(
            "eks-pod-identity-agent",
        );
    });

    it("keeps the API private, encrypts secrets with the site key and logs every control-plane stream", () => {
        const cluster = resources.one("aws:eks/cluster:Cluster", "eks-cluster");
        expect(cluster.inputs).toMatchObject({
            version: "1.33",
            vpcConfig: {
                subnetIds: ARGS.subnetIds,
                endpointPrivateAccess: true,
                endpointPublicAccess: false,
            },
            encryptionConfig: { resources: ["secrets"], provider: { keyArn: ARGS.secretsKeyArn } },
            enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
            kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" },
            accessConfig: { authenticationMode: "API" },
            deletionProtection: true,
            tags: { "clover.io/data-class": "protected" },
        });
        expect(CONTROL_PLANE_LOG_TYPES).toEqual([
            "api",
            "audit",
            "authenticator",
            "controllerManager",
            "scheduler",
        ]);
    });

    it("runs managed nodes in the data subnets, labelled with region and site", () => {
        const nodes = resources.one("aws:eks/nodeGroup:NodeGroup", "eks-nodes");
        expect(nodes.inputs).toMatchObject({
            subnetIds: ARGS.subnetIds,
            instanceTypes: ["m7i.xlarge"],
            scalingConfig: { minSize: 3, desiredSize: 3, maxSize: 6 },
            labels: { "topology.kubernetes.io/region": "eu-west-1", "clover.io/site": "dublin" },
        });
        const attachments = resources
            .ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .map((a) => a.inputs.policyArn)
            .sort();
        expect(attachments).toEqual([
            "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
            "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy",
            "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
            "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
        ]);
    });

    it("exposes a Kubernetes provider whose secret kubeconfig points at the cluster endpoint", () => {
        const cluster = resources.one("aws:eks/cluster:Cluster", "eks-cluster");
        const provider = resources.one("pulumi:providers:kubernetes", "eks-k8s");
        expect(provider.propertyDependencies.kubeconfig).toEqual([cluster.urn]);
        const secret = provider.inputs.kubeconfig as Record<string, string>;
        expect(secret["4dabf18193072939515e22adb298388d"]).toBe("1b47061264138c4ac30d75fd1eb44270");
        const kubeconfig = JSON.parse(secret.value);
        expect(kubeconfig.clusters[0].cluster.server).toBe(cluster.outputs.endpoint);
        expect(kubeconfig.users[0].user.exec).toEqual({
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: [
                "eks",
                "get-token",
                "--cluster-name",
                cluster.outputs.name,
                "--region",
                "eu-west-1",
            ],
        });
    });

    it("leaves the Kubernetes provider's endpoint unknown in a preview, tied to the cluster", async () => {
        const preview = await runComponent(() => new EksCluster("eks", ARGS), { mode: "preview" });
        const provider = preview.one("pulumi:providers:kubernetes", "eks-k8s");
        expect(provider.inputs.kubeconfig).toEqual({
            "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
            value: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        });
    });
});

describe("validateEksClusterArgs", () => {
    it("rejects a single subnet", () => {
        expect(() => validateEksClusterArgs({ ...ARGS, subnetIds: ["subnet-a"] })).toThrow(
            "EksCluster: subnetIds has 1 subnet(s); EKS needs subnets in at least two availability zones. Pass the site's data subnets.",
        );
    });
    it("rejects a malformed version", () => {
        expect(() => validateEksClusterArgs({ ...ARGS, version: "v1.33" })).toThrow(
            'EksCluster: version "v1.33" is not an EKS minor version; pass one such as "1.33".',
        );
    });
    it("rejects inconsistent node scaling", () => {
        expect(() =>
            validateEksClusterArgs({ ...ARGS, nodeScaling: { min: 4, desired: 3, max: 6 } }),
        ).toThrow(
            'EksCluster: nodeScaling {"min":4,"desired":3,"max":6} must satisfy 1 <= min <= desired <= max; pass e.g. { min: 3, desired: 3, max: 6 }.',
        );
    });
    it("rejects an empty instance-type list", () => {
        expect(() => validateEksClusterArgs({ ...ARGS, nodeInstanceTypes: [] })).toThrow(
            'EksCluster: nodeInstanceTypes is empty; pass at least one instance type, e.g. ["m7i.xlarge"].',
        );
    });
});
