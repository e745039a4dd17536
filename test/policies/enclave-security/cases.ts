/**
 * One non-compliant case per control: the project's own stack with exactly one control removed or
 * weakened, and the violation the pack must report for it.
 */
import type { PlainObject, ResourceView } from "@clover/residency-model";
import { edit, one, without } from "./support";

export interface Case {
    readonly title: string;
    readonly stack: "dublin" | "hamar";
    readonly policy: string;
    readonly mutate: (views: readonly ResourceView[]) => ResourceView[];
}

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const statements = (props: PlainObject) => (props.policy as PlainObject).Statement as PlainObject[];
const withoutStatement = (sid: string) => (props: PlainObject) => {
    (props.policy as PlainObject).Statement = statements(props).filter((s) => s.Sid !== sid);
};
const named = (type: string, name: string) => (v: ResourceView) =>
    v.type === type && v.name === name;
const ofType = (type: string) => (v: ResourceView) => v.type === type;

export const CASES: readonly Case[] = [
    {
        title: "the protected bucket loses its SSE-KMS configuration",
        stack: "dublin",
        policy: "protected-store-encryption",
        mutate: (v) =>
            without(
                v,
                ofType(
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                ),
            ).filter(() => true),
    },
    {
        title: "the public access block stops restricting public buckets",
        stack: "dublin",
        policy: "protected-store-public-access",
        mutate: (v) =>
            edit(
                v,
                one(
                    v,
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "dublin-protected-public-access",
                ),
                (p) => {
                    p.restrictPublicBuckets = false;
                },
            ),
    },
    {
        title: "the bucket policy allows everyone to read",
        stack: "dublin",
        policy: "protected-store-public-access",
        mutate: (v) =>
            edit(v, one(v, BUCKET_POLICY, "dublin-protected-policy"), (p) => {
                statements(p).push({
                    Sid: "Open",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "*",
                });
            }),
    },
    {
        title: "the bucket policy stops denying plain HTTP",
        stack: "dublin",
        policy: "protected-store-tls-only",
        mutate: (v) =>
            edit(
                v,
                one(v, BUCKET_POLICY, "dublin-protected-policy"),
                withoutStatement("DenyWithoutTls"),
            ),
    },
    {
        title: "the protected bucket loses protect and versioning",
        stack: "dublin",
        policy: "protected-store-deletion-protection",
        mutate: (v) =>
            without(
                edit(v, one(v, BUCKET, "dublin-protected-bucket"), () => ({ protect: false })),
                named("aws:s3/bucketVersioning:BucketVersioning", "dublin-protected-versioning"),
            ),
    },
    {
        title: "the bucket policy lets another account's role through",
        stack: "dublin",
        policy: "protected-access-principals",
        mutate: (v) =>
            edit(v, one(v, BUCKET_POLICY, "dublin-protected-policy"), (p) => {
                const deny = statements(p).find((s) => s.Sid === "DenyObjectsToOtherPrincipals")!;
                const condition = (deny.Condition as PlainObject).ArnNotEquals as PlainObject;
                (condition["aws:PrincipalArn"] as string[]).push(
                    "arn:aws:iam::999999999999:role/clover/clover-dublin-data-gateway",
                );
            }),
    },
    {
        title: "the bucket policy stops requiring the VPC endpoint",
        stack: "dublin",
        policy: "protected-access-principals",
        mutate: (v) =>
            edit(
                v,
                one(v, BUCKET_POLICY, "dublin-protected-policy"),
                withoutStatement("DenyObjectsOutsideVpcEndpoints"),
            ),
    },
    {
        title: "the node role gets read access to the protected bucket",
        stack: "dublin",
        policy: "protected-access-principals",
        mutate: (v) => {
            const gateway = one(v, "aws:iam/rolePolicy:RolePolicy", "dublin-access-gateway");
            const nodes = one(v, "aws:iam/role:Role", "dublin-eks-nodes");
            return [
                ...v,
                {
                    ...gateway,
                    urn: gateway.urn.replace("dublin-access-gateway", "dublin-nodes-read"),
                    name: "dublin-nodes-read",
                    propertyDependencies: { ...gateway.propertyDependencies, role: [nodes.urn] },
                },
            ];
        },
    },
    {
        title: "the protected key lets any principal of the account use it",
        stack: "dublin",
        policy: "protected-access-principals",
        mutate: (v) =>
            edit(v, one(v, "aws:kms/key:Key", "dublin-keys-protected"), (p) => {
                const doc = JSON.parse(p.policy as string) as { Statement: { Sid: string }[] };
                doc.Statement = doc.Statement.filter(
                    (s) => s.Sid === "AccountAdministersThroughIam",
                );
                p.policy = JSON.stringify(doc);
            }),
    },
    {
        title: "the auditor gets AdministratorAccess",
        stack: "dublin",
        policy: "auditor-read-only",
        mutate: (v) =>
            edit(
                v,
                one(
                    v,
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "dublin-monitor-auditor-describe",
                ),
                (p) => {
                    p.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess";
                },
            ),
    },
    {
        title: "the auditor's trust drops the external ID",
        stack: "dublin",
        policy: "auditor-read-only",
        mutate: (v) =>
            edit(v, one(v, "aws:iam/role:Role", "dublin-monitor-auditor"), (p) => {
                delete ((p.assumeRolePolicy as PlainObject).Statement as PlainObject[])[0]
                    .Condition;
            }),
    },
    {
        title: "the archive flow log is removed",
        stack: "dublin",
        policy: "enclave-flow-logs",
        mutate: (v) =>
            without(v, named("aws:ec2/flowLog:FlowLog", "dublin-network-flow-logs-archive")),
    },
    {
        title: "the Network Firewall is removed",
        stack: "dublin",
        policy: "egress-inspection",
        mutate: (v) => without(v, ofType("aws:networkfirewall/firewall:Firewall")),
    },
    {
        title: "a data route table gets a route to the NAT gateway",
        stack: "dublin",
        policy: "egress-inspection",
        mutate: (v) =>
            edit(
                v,
                one(v, "aws:ec2/route:Route", "dublin-firewall-data-eu-west-1a"),
                (p, route) => {
                    delete p.vpcEndpointId;
                    const nat = one(
                        v,
                        "aws:ec2/natGateway:NatGateway",
                        "dublin-firewall-nat-eu-west-1a",
                    );
                    return {
                        propertyDependencies: {
                            ...route.propertyDependencies,
                            vpcEndpointId: [],
                            natGatewayId: [nat.urn],
                        },
                    };
                },
            ),
    },
    {
        title: "the trail is removed",
        stack: "dublin",
        policy: "monitor-archive",
        mutate: (v) => without(v, ofType("aws:cloudtrail/trail:Trail")),
    },
    {
        title: "the archive's object lock is removed",
        stack: "dublin",
        policy: "monitor-archive",
        mutate: (v) =>
            without(
                v,
                ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
            ),
    },
    {
        title: "the auditor's role is removed",
        stack: "dublin",
        policy: "monitor-archive",
        mutate: (v) => without(v, named("aws:iam/role:Role", "dublin-monitor-auditor")),
    },
    {
        title: "the log shipper is removed from Hamar",
        stack: "hamar",
        policy: "cluster-monitor",
        mutate: (v) => without(v, ofType("kubernetes:apps/v1:DaemonSet")),
    },
    {
        title: "the log shipper is removed from Hamar in a stack that also has an EKS cluster",
        stack: "hamar",
        policy: "cluster-monitor",
        mutate: (v) => [
            ...without(v, ofType("kubernetes:apps/v1:DaemonSet")),
            {
                urn: "urn:pulumi:hamar::clover::aws:eks/cluster:Cluster::elsewhere",
                type: "aws:eks/cluster:Cluster",
                name: "elsewhere",
                props: {},
            },
        ],
    },
    {
        title: "the auditor's cluster role may read secrets",
        stack: "hamar",
        policy: "cluster-monitor",
        mutate: (v) =>
            edit(
                v,
                one(v, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "hamar-auditor-role"),
                (p) => {
                    (p.rules as PlainObject[]).push({
                        apiGroups: [""],
                        resources: ["secrets"],
                        verbs: ["get"],
                    });
                },
            ),
    },
    {
        title: "an enclave namespace loses its default-deny policy",
        stack: "hamar",
        policy: "enclave-default-deny",
        mutate: (v) =>
            without(
                v,
                named(
                    "kubernetes:networking.k8s.io/v1:NetworkPolicy",
                    "hamar-enclave-protected-default-deny",
                ),
            ),
    },
    {
        title: "a workload in an enclave namespace uses the host network and a host path",
        stack: "hamar",
        policy: "enclave-workload-hardening",
        mutate: (v) => {
            const ns = one(v, "kubernetes:core/v1:Namespace", "hamar-enclave-protected");
            return [
                ...v,
                {
                    urn: ns.urn.replace(
                        "kubernetes:core/v1:Namespace::hamar-enclave-protected",
                        "kubernetes:apps/v1:Deployment::debug",
                    ),
                    type: "kubernetes:apps/v1:Deployment",
                    name: "debug",
                    provider: ns.provider,
                    props: {
                        metadata: { name: "debug", namespace: "clover-protected" },
                        spec: {
                            template: {
                                spec: {
                                    hostNetwork: true,
                                    containers: [
                                        {
                                            name: "shell",
                                            image: "busybox:1.37",
                                            securityContext: { privileged: true },
                                        },
                                    ],
                                    volumes: [{ name: "root", hostPath: { path: "/" } }],
                                },
                            },
                        },
                    },
                },
            ];
        },
    },
];
