/**
 * The enclave-security pack on the project's stacks: every policy passes them as built (preview
 * and known outputs), and each case of ./cases.ts (one control removed or weakened) makes its
 * policy report exactly the violations below, and only that policy among the new ones.
 */
import { POLICIES, buildPolicies } from "../../../policy-packs/enclave-security/policies/registry";
import type { ResourceView } from "@clover/residency-model";
import { CASES } from "./cases";
import { run, stackViews } from "./support";

const EXPECTED: Record<string, { at: string; message: string }[]> = {
    "the protected bucket loses its SSE-KMS configuration": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but it has no SSE-KMS default encryption (aws:s3/bucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms). Fix: use the DataBucket component with the site\'s protected key.',
        },
    ],
    "the public access block stops restricting public buckets": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but its public access block leaves restrictPublicBuckets off. Fix: add an aws:s3/bucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true.',
        },
    ],
    "the bucket policy allows everyone to read": [
        {
            at: "dublin-protected-policy",
            message:
                'aws:s3/bucketPolicy:BucketPolicy "dublin-protected-policy" on protected aws:s3/bucket:Bucket "dublin-protected-bucket" allows everyone (statement Open has Principal "*"). Fix: grant only the gateway\'s roles, in IAM.',
        },
    ],
    "the bucket policy stops denying plain HTTP": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but its bucket policy does not deny requests without TLS. Fix: add a DenyWithoutTls statement (Deny, Principal "*", s3:*, Bool aws:SecureTransport false); pass the policy as a structured document so that it is known during preview.',
        },
    ],
    "the protected bucket loses protect and versioning": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but it is not protected. Fix: create it with the option { protect: true }.',
        },
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but it is not versioned. Fix: add an aws:s3/bucketVersioning with status Enabled.',
        },
    ],
    "the bucket policy lets another account's role through": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but its bucket policy lets a principal of another account (arn:aws:iam::999999999999:role/clover/clover-dublin-data-gateway) reach the objects. Fix: seal it with DataBucket\'s access: { principalArns: [gateway, service], vpcEndpointIds: [S3 endpoint] }.',
        },
    ],
    "the bucket policy stops requiring the VPC endpoint": [
        {
            at: "dublin-protected-bucket",
            message:
                "aws:s3/bucket:Bucket \"dublin-protected-bucket\" holds protected data, but its bucket policy does not deny object requests from outside the site's VPC endpoints (aws:SourceVpce). Fix: seal it with DataBucket's access: { principalArns: [gateway, service], vpcEndpointIds: [S3 endpoint] }.",
        },
    ],
    "the node role gets read access to the protected bucket": [
        {
            at: "dublin-nodes-read",
            message:
                'aws:iam/rolePolicy:RolePolicy "dublin-nodes-read" grants aws:iam/role:Role "dublin-eks-nodes" access to protected stores, and that role is neither the gateway\'s nor a site service\'s (clover.io/role unset). Fix: reach protected data through the data-access gateway\'s roles.',
        },
    ],
    "the protected key lets any principal of the account use it": [
        {
            at: "dublin-keys-protected",
            message:
                'aws:kms/key:Key "dublin-keys-protected" encrypts protected data, but its key policy does not deny use on data to every principal but the gateway\'s and service roles. Fix: give SiteKeys restrictedUse for the protected class.',
        },
    ],
    "the auditor gets AdministratorAccess": [
        {
            at: "dublin-monitor-auditor-describe",
            message:
                'The auditor\'s aws:iam/role:Role "dublin-monitor-auditor" has the policy arn:aws:iam::aws:policy/AdministratorAccess attached; only SecurityAudit, ViewOnlyAccess describe without reading data. Fix: keep the auditor read-only, as SiteMonitor builds it.',
        },
    ],
    "the auditor's trust drops the external ID": [
        {
            at: "dublin-monitor-auditor",
            message:
                'The auditor\'s aws:iam/role:Role "dublin-monitor-auditor" can be assumed without an external ID (statement #1 has no StringEquals sts:ExternalId). Fix: keep the auditor read-only, as SiteMonitor builds it.',
        },
    ],
    "the archive flow log is removed": [
        {
            at: "dublin-network-vpc",
            message:
                'aws:ec2/vpc:Vpc "dublin-network-vpc" has no flow log of ALL traffic delivered to the monitor\'s audit archive (1 flow log(s), none to a bucket tagged clover.io/role: audit-archive). Fix: deliver an aws:ec2/flowLog with trafficType ALL and logDestinationType s3 to the archive.',
        },
    ],
    "the Network Firewall is removed": [
        {
            at: "dublin-network-vpc",
            message:
                'aws:ec2/vpc:Vpc "dublin-network-vpc" has data subnets but no Network Firewall (aws:networkfirewall/firewall) inspects their egress. Fix: add the site\'s InspectedEgress.',
        },
    ],
    "a data route table gets a route to the NAT gateway": [
        {
            at: "dublin-firewall-data-eu-west-1a",
            message:
                'aws:ec2/route:Route "dublin-firewall-data-eu-west-1a" gives data route table "dublin-network-data-eu-west-1a" a route to a NAT gateway, bypassing the firewall. Fix: route the data subnets\' egress to the firewall endpoint and put the gateway behind it.',
        },
        {
            at: "dublin-network-data-eu-west-1a",
            message:
                "aws:ec2/routeTable:RouteTable \"dublin-network-data-eu-west-1a\" (data subnets) has no default route to the Network Firewall's endpoint, so egress is not inspected. Fix: add an aws:ec2/route 0.0.0.0/0 with vpcEndpointId from the firewall's endpoint in the table's zone.",
        },
    ],
    "the trail is removed": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but no CloudTrail trail delivers to the audit archive. Fix: add the site\'s SiteMonitor, whose trail records management events and protected-object access.',
        },
    ],
    "the archive's object lock is removed": [
        {
            at: "dublin-audit-archive-bucket",
            message:
                'The audit archive aws:s3/bucket:Bucket "dublin-audit-archive-bucket" is not under object lock in COMPLIANCE mode for at least 365 days. Fix: set objectLockEnabled and a BucketObjectLockConfiguration with mode COMPLIANCE (AuditArchive does it).',
        },
    ],
    "the auditor's role is removed": [
        {
            at: "dublin-protected-bucket",
            message:
                'aws:s3/bucket:Bucket "dublin-protected-bucket" holds protected data, but the stack has no role for the independent auditor (an IAM role tagged clover.io/role: auditor). Fix: add the site\'s SiteMonitor.',
        },
    ],
    "the log shipper is removed from Hamar": [
        {
            at: "hamar-enclave-public",
            message:
                'The cluster of enclave namespace "hamar-enclave-public" is not on EKS and has no log-shipper DaemonSet, so its audit and gateway logs reach no archive. Fix: add the site\'s LogShipper.',
        },
    ],
    "the log shipper is removed from Hamar in a stack that also has an EKS cluster": [
        {
            at: "hamar-enclave-public",
            message:
                'The cluster of enclave namespace "hamar-enclave-public" is not on EKS and has no log-shipper DaemonSet, so its audit and gateway logs reach no archive. Fix: add the site\'s LogShipper.',
        },
    ],
    "the auditor's cluster role may read secrets": [
        {
            at: "hamar-auditor-role",
            message:
                'The auditor\'s kubernetes:rbac.authorization.k8s.io/v1:ClusterRole "hamar-auditor-role" may read secrets, which is not read-only or reaches data. Fix: only get, list and watch on resources that describe the cluster.',
        },
    ],
    "an enclave namespace loses its default-deny policy": [
        {
            at: "hamar-enclave-protected",
            message:
                'Enclave namespace "clover-protected" has no default-deny network policy (podSelector {}, policyTypes Ingress and Egress, no rules), so its pods accept and send traffic no policy allows. Fix: keep EnclaveLayer\'s default-deny policy.',
        },
    ],
    "a workload in an enclave namespace uses the host network and a host path": [
        {
            at: "debug",
            message:
                'kubernetes:apps/v1:Deployment "debug" in enclave namespace "clover-protected" runs with hostNetwork: true, hostPath volume "root", privileged container "shell". Fix: remove them; enclave workloads run unprivileged and off the host.',
        },
    ],
};

describe("enclave-security on the project's stacks", () => {
    const views: Record<string, ResourceView[]> = {};
    beforeAll(async () => {
        for (const stack of ["dublin", "dublin-2", "hamar", "legacy"])
            views[stack] = await stackViews(stack);
        views["dublin (known)"] = await stackViews("dublin", "known");
    }, 120_000);

    it.each(["dublin", "dublin-2", "hamar", "legacy", "dublin (known)"])(
        "%s passes every policy",
        (stack) => {
            for (const policy of POLICIES)
                expect([policy.name, run(policy, views[stack])]).toEqual([policy.name, []]);
        },
    );

    it("has twelve policies, all mandatory (none overrides the pack's level)", () => {
        expect(POLICIES.map((p) => p.name)).toEqual([
            "protected-store-encryption",
            "protected-store-public-access",
            "protected-store-tls-only",
            "protected-store-deletion-protection",
            "protected-access-principals",
            "auditor-read-only",
            "enclave-flow-logs",
            "egress-inspection",
            "monitor-archive",
            "cluster-monitor",
            "enclave-default-deny",
            "enclave-workload-hardening",
        ]);
        const built = buildPolicies();
        expect(built.map((p) => p.name)).toEqual([
            ...POLICIES.map((p) => p.name),
            "resource-inputs-observed",
        ]);
        // The pack's level applies to each; the input recorder is mandatory on its own.
        expect(built.slice(0, -1).every((p) => p.enforcementLevel === undefined)).toBe(true);
        expect(built[built.length - 1].enforcementLevel).toBe("mandatory");
    });

    it("has a non-compliant case for every policy", () => {
        expect(new Set(CASES.map((c) => c.policy))).toEqual(new Set(POLICIES.map((p) => p.name)));
    });

    describe.each(CASES.map((c) => [c.title, c] as const))("when %s", (_title, c) => {
        it(`${c.policy} reports exactly the violation`, () => {
            const mutated = c.mutate(views[c.stack]);
            const findings = run(
                POLICIES.find((p) => p.name === c.policy)!,
                mutated,
            );
            expect(
                findings.map((f) => ({ at: f.urn.split("::").pop(), message: f.message })),
            ).toEqual(EXPECTED[c.title]);
        });
    });
});
