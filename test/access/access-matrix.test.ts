/**
 * The access matrix: for each principal and each action on each protected store and on the audit
 * archive, what the rendered bucket, key and identity policies of the dublin stack allow, as
 * evaluated by a maintained IAM simulator (@cloud-copilot/iam-simulate), not by the pack's own
 * reading of the documents. Outputs are known (as for a deployed stack) so that ARNs and the VPC
 * endpoint's ID are concrete.
 */
import { runSimulation, anonymousPrincipal, type Simulation } from "@cloud-copilot/iam-simulate";
import type { PlainObject, ResourceView } from "@clover/residency-model";
import { MOCK_ACCOUNT_ID } from "../../plan/program/mocks";
import { stackViews } from "../policies/enclave-security/support";

type Policy = Simulation["resourcePolicy"];
type Decision = "Allowed" | "Denied";

const ACCOUNT = MOCK_ACCOUNT_ID;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/clover/${name}`;
const PRINCIPALS = {
    gateway: role("clover-dublin-data-gateway"),
    service: role("clover-dublin-site-service"),
    auditor: role("clover-dublin-auditor"),
    /** Any other principal of the account, even one that IAM allows everything. */
    "account admin": role("platform-admin"),
    "other account": "arn:aws:iam::999999999999:role/clover/clover-dublin-data-gateway",
    anonymous: anonymousPrincipal,
} as const;
type Who = keyof typeof PRINCIPALS;

const OBJECT_ACTIONS = [
    "s3:GetObject",
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:ListBucket",
] as const;

function find(views: readonly ResourceView[], type: string, name: string): ResourceView {
    const v = views.find((r) => r.type === type && r.name === name);
    if (!v) throw new Error(`no ${type} ${name}`);
    return v;
}

function doc(value: unknown): Policy {
    return typeof value === "string" ? JSON.parse(value) : value;
}

describe("access matrix of the dublin stack (iam-simulate)", () => {
    let views: ResourceView[];
    let buckets: Record<"protected" | "archive", string>;
    let bucketPolicies: Record<"protected" | "archive", Policy>;
    let keyPolicies: Record<"protected" | "archive", Policy>;
    let keys: Record<"protected" | "archive", string>;
    let identity: Record<string, Policy[]>;
    let vpce: string;

    beforeAll(async () => {
        views = await stackViews("dublin", "known");
        const arn = (name: string) => find(views, "aws:s3/bucket:Bucket", name).props.arn as string;
        buckets = {
            protected: arn("dublin-protected-bucket"),
            archive: arn("dublin-audit-archive-bucket"),
        };
        bucketPolicies = {
            protected: doc(
                find(views, "aws:s3/bucketPolicy:BucketPolicy", "dublin-protected-policy").props
                    .policy,
            ),
            archive: doc(
                find(views, "aws:s3/bucketPolicy:BucketPolicy", "dublin-audit-archive-policy").props
                    .policy,
            ),
        };
        const key = (name: string) => find(views, "aws:kms/key:Key", name).props;
        keyPolicies = {
            protected: doc(key("dublin-keys-protected").policy),
            archive: doc(key("dublin-audit-key").policy),
        };
        keys = {
            protected: key("dublin-keys-protected").arn as string,
            archive: key("dublin-audit-key").arn as string,
        };
        const inline = (name: string) => [
            doc(find(views, "aws:iam/rolePolicy:RolePolicy", name).props.policy),
        ];
        identity = {
            gateway: inline("dublin-access-gateway"),
            service: inline("dublin-access-service"),
            // SecurityAudit (AWS-managed) is attached too; it grants no object read or key use.
            auditor: inline("dublin-monitor-auditor-archive"),
            "account admin": [
                {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                },
            ],
            "other account": [],
            anonymous: [],
        };
        vpce = find(views, "aws:ec2/vpcEndpoint:VpcEndpoint", "dublin-network-s3").props
            .id as string;
    }, 120_000);

    async function decide(
        who: Who,
        action: string,
        resource: string,
        resourcePolicy: Policy,
        context: Record<string, string> = {},
    ): Promise<Decision> {
        const principal = PRINCIPALS[who];
        const result = await runSimulation(
            {
                request: {
                    principal,
                    action,
                    resource: { resource, accountId: ACCOUNT },
                    contextVariables: {
                        "aws:SecureTransport": "true",
                        "aws:SourceVpce": vpce,
                        ...(who === "anonymous" ? {} : { "aws:PrincipalArn": principal as string }),
                        ...context,
                    },
                },
                identityPolicies: identity[who].map((policy, i) => ({
                    name: `inline-${i}`,
                    policy,
                })),
                serviceControlPolicies: [],
                resourceControlPolicies: [],
                resourcePolicy,
            },
            {},
        );
        if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
        return result.overallResult === "Allowed" ? "Allowed" : "Denied";
    }

    const target = (store: "protected" | "archive", action: string) =>
        action === "s3:ListBucket" ? buckets[store] : `${buckets[store]}/users/42/profile.json`;

    async function matrix(store: "protected" | "archive", context: Record<string, string> = {}) {
        const rows: Record<string, Record<string, Decision>> = {};
        for (const who of Object.keys(PRINCIPALS) as Who[]) {
            rows[who] = {};
            for (const action of OBJECT_ACTIONS)
                rows[who][action] = await decide(
                    who,
                    action,
                    target(store, action),
                    bucketPolicies[store],
                    context,
                );
        }
        return rows;
    }

    const all = (d: Decision) => Object.fromEntries(OBJECT_ACTIONS.map((a) => [a, d]));

    it("protected bucket: only the gateway's and the service roles reach the objects", async () => {
        expect(await matrix("protected")).toEqual({
            gateway: all("Allowed"),
            service: all("Allowed"),
            auditor: all("Denied"),
            "account admin": all("Denied"),
            "other account": all("Denied"),
            anonymous: all("Denied"),
        });
    });

    it("protected bucket: nobody gets in from outside the VPC endpoint or without TLS", async () => {
        expect(await matrix("protected", { "aws:SourceVpce": "vpce-0123456789abcdef0" })).toEqual({
            gateway: all("Denied"),
            service: all("Denied"),
            auditor: all("Denied"),
            "account admin": all("Denied"),
            "other account": all("Denied"),
            anonymous: all("Denied"),
        });
        expect(
            await decide(
                "gateway",
                "s3:GetObject",
                target("protected", "s3:GetObject"),
                bucketPolicies.protected,
                { "aws:SecureTransport": "false" },
            ),
        ).toBe("Denied");
    });

    it("audit archive: the auditor reads and lists, nobody writes or deletes as a person", async () => {
        expect(await matrix("archive")).toEqual({
            gateway: all("Denied"),
            service: all("Denied"),
            auditor: {
                "s3:GetObject": "Allowed",
                "s3:PutObject": "Denied",
                "s3:DeleteObject": "Denied",
                "s3:ListBucket": "Allowed",
            },
            "account admin": all("Denied"),
            "other account": all("Denied"),
            anonymous: all("Denied"),
        });
    });

    it("keys: the protected key only through S3 for the gateway and services; the archive key only for the auditor", async () => {
        const viaS3 = { "kms:ViaService": "s3.eu-west-1.amazonaws.com" };
        const decrypt = (
            who: Who,
            key: "protected" | "archive",
            context: Record<string, string> = viaS3,
        ) => decide(who, "kms:Decrypt", keys[key], keyPolicies[key], context);
        const identityFor = async (key: "protected" | "archive") => ({
            gateway: await decrypt("gateway", key),
            service: await decrypt("service", key),
            auditor: await decrypt("auditor", key),
            "account admin": await decrypt("account admin", key),
            "other account": await decrypt("other account", key),
            anonymous: await decrypt("anonymous", key),
        });
        expect(await identityFor("protected")).toEqual({
            gateway: "Allowed",
            service: "Allowed",
            auditor: "Denied",
            "account admin": "Denied",
            "other account": "Denied",
            anonymous: "Denied",
        });
        // The archive key is administered through IAM; its objects stay sealed by the bucket.
        expect(await identityFor("archive")).toEqual({
            gateway: "Denied",
            service: "Denied",
            auditor: "Allowed",
            "account admin": "Allowed",
            "other account": "Denied",
            anonymous: "Denied",
        });
        // Straight to KMS, not through S3: refused even to the gateway.
        expect(await decrypt("gateway", "protected", {})).toBe("Denied");
    });

    it("the auditor's role trusts only the auditor's account, with an external ID", () => {
        const trust = find(views, "aws:iam/role:Role", "dublin-monitor-auditor").props
            .assumeRolePolicy as PlainObject;
        const [statement] = trust.Statement as PlainObject[];
        expect(statement.Principal).toEqual({ AWS: "arn:aws:iam::210987654321:root" });
        expect(
            Object.keys((statement.Condition as PlainObject).StringEquals as PlainObject),
        ).toEqual(["sts:ExternalId"]);
    });
});
