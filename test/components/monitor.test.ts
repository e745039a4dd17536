import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import {
    AuditArchive,
    ClusterAuditor,
    LogShipper,
    SiteMonitor,
    validateAuditArchiveArgs,
    validateClusterAuditorArgs,
    validateLogShipperArgs,
    validateSiteMonitorArgs,
    type LogShipperArgs,
    type SiteMonitorArgs,
} from "../../components/monitor";
import { runComponent, type Resources } from "../support/harness";

const ACCOUNT = "123456789012";
const AUDITOR_ACCOUNT = "210987654321";
const PROTECTED_BUCKET = "arn:aws:s3:::clover-dublin-pii";
const AUDITOR_ROLE = `arn:aws:iam::${ACCOUNT}:role/clover/clover-dublin-auditor`;
const DELIVERY_ROLE = `arn:aws:iam::${ACCOUNT}:role/clover/clover-dublin-audit-delivery`;
const TRAIL = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/clover-dublin`;

/** The statements of a recorded policy document (structured or JSON text), by Sid. */
function statementsBySid(policy: unknown): Record<string, Record<string, unknown>> {
    const doc = (typeof policy === "string" ? JSON.parse(policy) : policy) as {
        Statement: Record<string, unknown>[];
    };
    return Object.fromEntries(doc.Statement.map((s) => [s.Sid as string, s]));
}

describe("AuditArchive and SiteMonitor", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            const randomProvider = new random.Provider("random", {});
            const archive = new AuditArchive(
                "audit",
                { site: "dublin", region: "eu-west-1", accountId: ACCOUNT, retentionDays: 2557 },
                { provider },
            );
            new SiteMonitor(
                "monitor",
                {
                    site: "dublin",
                    region: "eu-west-1",
                    archive,
                    protectedBucketArns: [PROTECTED_BUCKET],
                    clusterName: "clover-dublin",
                    controlPlaneLogGroupName: "/aws/eks/clover-dublin/cluster",
                    auditorAccountId: AUDITOR_ACCOUNT,
                    auditorGroup: "clover:auditors",
                },
                { providers: [provider, randomProvider] },
            );
        });
    });

    it("registers the archive, the trail, the control-plane log stream and the auditor", () => {
        expect(resources.typeCounts()).toEqual({
            "pulumi:pulumi:Stack": 1,
            "pulumi:providers:aws": 1,
            "pulumi:providers:random": 1,
            "clover:monitor:AuditArchive": 1,
            "aws:kms/key:Key": 1,
            "aws:kms/alias:Alias": 1,
            "clover:storage:DataBucket": 1,
            "aws:s3/bucket:Bucket": 1,
            "aws:s3/bucketVersioning:BucketVersioning": 1,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": 1,
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": 1,
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls": 1,
            "aws:s3/bucketPolicy:BucketPolicy": 1,
            "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": 1,
            "clover:monitor:SiteMonitor": 1,
            "aws:cloudtrail/trail:Trail": 1,
            "aws:iam/role:Role": 3,
            "aws:iam/rolePolicy:RolePolicy": 3,
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": 1,
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": 1,
            "random:index/randomPassword:RandomPassword": 1,
            "aws:eks/accessEntry:AccessEntry": 1,
        });
    });

    it("keeps the archive in its own rotated, protected key, locked in compliance mode for the retention", () => {
        const key = resources.one("aws:kms/key:Key", "audit-key");
        expect(key.inputs).toMatchObject({
            enableKeyRotation: true,
            multiRegion: false,
            deletionWindowInDays: 30,
            tags: { "clover.io/data-class": "protected", "clover.io/role": "audit-archive" },
        });
        expect(key.protect).toBe(true);
        expect(resources.one("aws:kms/alias:Alias", "audit-key").inputs.name).toBe(
            "alias/clover/dublin/audit-archive",
        );
        const keyPolicy = statementsBySid(key.inputs.policy);
        expect(Object.keys(keyPolicy)).toEqual([
            "AccountAdministersThroughIam",
            "CloudTrailOfThisSite",
            "CloudWatchLogsInThisRegion",
            "LogDeliveryForThisAccount",
        ]);
        expect(keyPolicy.CloudTrailOfThisSite.Condition).toEqual({
            StringEquals: { "aws:SourceArn": TRAIL },
        });
        expect(keyPolicy.CloudWatchLogsInThisRegion.Principal).toEqual({
            Service: "logs.eu-west-1.amazonaws.com",
        });
        expect(keyPolicy.LogDeliveryForThisAccount.Condition).toEqual({
            StringEquals: { "aws:SourceAccount": ACCOUNT },
        });

        const bucket = resources.one("aws:s3/bucket:Bucket", "audit-archive-bucket");
        expect(bucket.inputs).toMatchObject({
            objectLockEnabled: true,
            tags: { "clover.io/data-class": "protected", "clover.io/role": "audit-archive" },
        });
        expect(bucket.protect).toBe(true);
        expect(
            resources.one(
                "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
                "audit-archive-object-lock",
            ).inputs.rule,
        ).toEqual({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
        expect(
            resources.one(
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                "audit-archive-encryption",
            ).inputs.rules,
        ).toEqual([
            {
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: key.outputs.arn,
                },
                bucketKeyEnabled: true,
            },
        ]);
    });

    it("lets only the delivering services write, only the auditor and the stream's role read, and nobody delete", () => {
        const bucket = resources.one("aws:s3/bucket:Bucket", "audit-archive-bucket");
        const arn = bucket.outputs.arn as string;
        const policy = statementsBySid(
            resources.one("aws:s3/bucketPolicy:BucketPolicy", "audit-archive-policy").inputs.policy,
        );
        expect(Object.keys(policy)).toEqual([
            "DenyWithoutTls",
            "CloudTrailChecksAcl",
            "CloudTrailWrites",
            "LogDeliveryChecksAcl",
            "LogDeliveryWrites",
            "DenyReadsExceptAuditorAndDelivery",
            "DenyWritesExceptDelivery",
            "DenyDeletes",
        ]);
        expect(policy.CloudTrailWrites).toEqual({
            Sid: "CloudTrailWrites",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            Resource: `${arn}/cloudtrail/AWSLogs/${ACCOUNT}/*`,
            Condition: {
                StringEquals: {
                    "s3:x-amz-acl": "bucket-owner-full-control",
                    "aws:SourceArn": TRAIL,
                },
            },
        });
        expect(policy.DenyReadsExceptAuditorAndDelivery).toEqual({
            Sid: "DenyReadsExceptAuditorAndDelivery",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:GetObject*", "s3:ListBucket*"],
            Resource: [arn, `${arn}/*`],
            Condition: { ArnNotEquals: { "aws:PrincipalArn": [AUDITOR_ROLE, DELIVERY_ROLE] } },
        });
        expect(policy.DenyDeletes).toEqual({
            Sid: "DenyDeletes",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:DeleteObject*", "s3:BypassGovernanceRetention"],
            Resource: `${arn}/*`,
        });
    });

    it("records management events and object access in the protected buckets, in the site's region only", () => {
        const trail = resources.one("aws:cloudtrail/trail:Trail", "monitor-trail");
        const archive = resources.one("aws:s3/bucket:Bucket", "audit-archive-bucket");
        const key = resources.one("aws:kms/key:Key", "audit-key");
        expect(trail.inputs).toMatchObject({
            name: "clover-dublin",
            s3BucketName: archive.outputs.bucket,
            s3KeyPrefix: "cloudtrail",
            kmsKeyId: key.outputs.arn,
            isMultiRegionTrail: false,
            enableLogFileValidation: true,
        });
        expect(trail.inputs.advancedEventSelectors).toEqual([
            {
                name: "Management events",
                fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }],
            },
            {
                name: "Object access in protected buckets",
                fieldSelectors: [
                    { field: "eventCategory", equals: ["Data"] },
                    { field: "resources.type", equals: ["AWS::S3::Object"] },
                    { field: "resources.ARN", startsWiths: [`${PROTECTED_BUCKET}/`] },
                ],
            },
        ]);
        // The trail is created after the bucket policy that lets CloudTrail write.
        expect(trail.dependencies).toContain(
            resources.one("aws:s3/bucketPolicy:BucketPolicy", "audit-archive-policy").urn,
        );
    });

    it("streams the cluster's control-plane log group through Firehose into the archive, encrypted with its key", () => {
        const archive = resources.one("aws:s3/bucket:Bucket", "audit-archive-bucket");
        const key = resources.one("aws:kms/key:Key", "audit-key");
        const stream = resources.one(
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "monitor-control-plane",
        );
        expect(stream.inputs).toMatchObject({
            name: "clover-dublin-control-plane-logs",
            destination: "extended_s3",
            serverSideEncryption: {
                enabled: true,
                keyType: "CUSTOMER_MANAGED_CMK",
                keyArn: key.outputs.arn,
            },
            extendedS3Configuration: {
                roleArn: DELIVERY_ROLE,
                bucketArn: archive.outputs.arn,
                prefix: "eks-control-plane/",
                kmsKeyArn: key.outputs.arn,
            },
        });
        const filter = resources.one(
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
            "monitor-control-plane",
        );
        expect(filter.inputs).toMatchObject({
            logGroup: "/aws/eks/clover-dublin/cluster",
            filterPattern: "",
            destinationArn: stream.outputs.arn,
        });
        const delivery = resources.one("aws:iam/role:Role", "monitor-delivery");
        expect(delivery.outputs.arn).toBe(DELIVERY_ROLE);
        expect(
            JSON.parse(delivery.inputs.assumeRolePolicy as string).Statement[0].Principal,
        ).toEqual({ Service: "firehose.amazonaws.com" });
    });

    it("lets only the auditor's account assume the auditor's role, with the external ID", () => {
        const role = resources.one("aws:iam/role:Role", "monitor-auditor");
        expect(role.outputs.arn).toBe(AUDITOR_ROLE);
        expect(role.inputs).toMatchObject({
            name: "clover-dublin-auditor",
            path: "/clover/",
            maxSessionDuration: 3600,
            tags: { "clover.io/role": "auditor" },
        });
        const externalId = resources.one(
            "random:index/randomPassword:RandomPassword",
            "monitor-auditor-external-id",
        );
        expect(externalId.inputs).toMatchObject({ length: 40, special: false });
        const secret = externalId.outputs.result as string;
        expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
        expect(role.inputs.assumeRolePolicy).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${AUDITOR_ACCOUNT}:root` },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": secret } },
                },
            ],
        });
        expect(role.propertyDependencies.assumeRolePolicy).toContain(externalId.urn);
    });

    it("gives the auditor describe rights, archive reads through S3, and a read-only cluster group", () => {
        expect(
            resources.one(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "monitor-auditor-describe",
            ).inputs,
        ).toEqual({
            role: "clover-dublin-auditor",
            policyArn: "arn:aws:iam::aws:policy/SecurityAudit",
        });
        const archive = resources.one("aws:s3/bucket:Bucket", "audit-archive-bucket");
        const key = resources.one("aws:kms/key:Key", "audit-key");
        const arn = archive.outputs.arn as string;
        expect(
            resources.one("aws:iam/rolePolicy:RolePolicy", "monitor-auditor-archive").inputs.policy,
        ).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ReadTheArchive",
                    Effect: "Allow",
                    Action: [
                        "s3:GetObject",
                        "s3:GetObjectVersion",
                        "s3:ListBucket",
                        "s3:ListBucketVersions",
                    ],
                    Resource: [arn, `${arn}/*`],
                },
                {
                    Sid: "DecryptTheArchiveThroughS3",
                    Effect: "Allow",
                    Action: "kms:Decrypt",
                    Resource: key.outputs.arn,
                    Condition: {
                        StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
                    },
                },
            ],
        });
        expect(resources.one("aws:eks/accessEntry:AccessEntry", "monitor-auditor").inputs).toEqual({
            clusterName: "clover-dublin",
            principalArn: AUDITOR_ROLE,
            kubernetesGroups: ["clover:auditors"],
            type: "STANDARD",
        });
    });

    it("rejects a retention under a year", () => {
        expect(() =>
            validateAuditArchiveArgs({
                site: "dublin",
                region: "eu-west-1",
                accountId: ACCOUNT,
                retentionDays: 90,
            }),
        ).toThrow(
            "AuditArchive: retentionDays 90 must be a whole number of days, at least 365; pass e.g. 2557 (seven years).",
        );
    });

    it("rejects an auditor account that is not an account ID, and no protected bucket to trail", () => {
        const args = {
            site: "dublin",
            region: "eu-west-1",
            protectedBucketArns: [PROTECTED_BUCKET],
            auditorAccountId: AUDITOR_ACCOUNT,
        } as unknown as SiteMonitorArgs;
        expect(() => validateSiteMonitorArgs({ ...args, auditorAccountId: "auditor" })).toThrow(
            'SiteMonitor: auditorAccountId "auditor" is not a 12-digit AWS account ID; pass the independent auditor\'s account.',
        );
        expect(() => validateSiteMonitorArgs({ ...args, protectedBucketArns: [] })).toThrow(
            "SiteMonitor: protectedBucketArns is empty; pass every protected bucket of the site so that CloudTrail records access to its objects.",
        );
    });
});

const SHIPPER: LogShipperArgs = {
    site: "hamar",
    image: `registry.example/fluent/fluent-bit:4.0.3@sha256:${"c".repeat(64)}`,
    auditLogPath: "/var/log/kubernetes/audit",
    bucketStorageClass: "clover-bucket-protected",
    objectStoreNamespace: "rook-ceph",
    objectStorePort: 80,
};

describe("ClusterAuditor and LogShipper", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new ClusterAuditor(
                "auditor",
                { site: "hamar", group: "clover:auditors" },
                { provider },
            );
            new LogShipper("logs", SHIPPER, { provider });
        });
    });

    it("binds the auditor's group to a cluster role that reads and never changes, and never reads secrets or logs", () => {
        const role = resources.one(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
            "auditor-role",
        ).inputs as {
            metadata: { name: string };
            rules: { resources: string[]; verbs: string[] }[];
        };
        expect(role.metadata.name).toBe("clover-auditor");
        const verbs = new Set(role.rules.flatMap((r) => r.verbs));
        expect([...verbs].sort()).toEqual(["get", "list", "watch"]);
        const readable = role.rules.flatMap((r) => r.resources);
        for (const forbidden of [
            "secrets",
            "configmaps",
            "pods/log",
            "pods/exec",
            "pods/portforward",
            "*",
        ])
            expect(readable).not.toContain(forbidden);
        expect(readable).toEqual(
            expect.arrayContaining(["pods", "networkpolicies", "rolebindings"]),
        );
        const binding = resources.one(
            "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
            "auditor-binding",
        ).inputs;
        expect(binding.roleRef).toEqual({
            apiGroup: "rbac.authorization.k8s.io",
            kind: "ClusterRole",
            name: "clover-auditor",
        });
        expect(binding.subjects).toEqual([
            { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "clover:auditors" },
        ]);
    });

    it("claims the archive bucket from the site's own protected object store", () => {
        const claim = resources.one(
            "kubernetes:objectbucket.io/v1alpha1:ObjectBucketClaim",
            "logs-archive",
        ).inputs as Record<string, any>;
        expect(claim.metadata).toMatchObject({
            name: "audit-archive",
            namespace: "clover-monitor",
        });
        expect(claim.metadata.labels["clover.io/data-class"]).toBe("protected");
        expect(claim.spec).toEqual({
            generateBucketName: "clover-audit",
            storageClassName: "clover-bucket-protected",
        });
    });

    it("runs a pinned Fluent Bit on every node that reads host logs read-only and writes to the claim", () => {
        const daemonSet = resources.one("kubernetes:apps/v1:DaemonSet", "logs-daemonset")
            .inputs as Record<string, any>;
        const pod = daemonSet.spec.template.spec;
        const container = pod.containers[0];
        expect(container.image).toBe(SHIPPER.image);
        expect(container.envFrom).toEqual([
            { configMapRef: { name: "audit-archive" } },
            { secretRef: { name: "audit-archive" } },
        ]);
        expect(container.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        });
        expect(pod.automountServiceAccountToken).toBe(false);
        expect(pod.tolerations).toEqual([{ operator: "Exists", effect: "NoSchedule" }]);
        const hostMounts = container.volumeMounts.filter((m: { name: string }) =>
            ["audit", "containers", "pods"].includes(m.name),
        );
        expect(hostMounts.map((m: { readOnly: boolean }) => m.readOnly)).toEqual([
            true,
            true,
            true,
        ]);
        expect(
            pod.volumes
                .filter((v: { hostPath?: unknown }) => v.hostPath)
                .map((v: { hostPath: { path: string } }) => v.hostPath.path),
        ).toEqual(["/var/log/kubernetes/audit", "/var/log/containers", "/var/log/pods"]);

        const config = resources.one("kubernetes:core/v1:ConfigMap", "logs-config")
            .inputs as Record<string, any>;
        const conf: string = config.data["fluent-bit.conf"];
        expect(conf).toContain("Path /host/audit/*.log");
        expect(conf).toContain("Path /host/containers/*_clover-gateway_*.log");
        expect(conf).toContain("endpoint http://${BUCKET_HOST}:${BUCKET_PORT}");
        expect(conf).toContain("region hamar");
        expect(conf.match(/^\[OUTPUT\]$/gm)).toHaveLength(1);
    });

    it("lets the shipper talk only to cluster DNS and the object store's gateway", () => {
        const policy = resources.one("kubernetes:networking.k8s.io/v1:NetworkPolicy", "logs-egress")
            .inputs as Record<string, any>;
        expect(policy.spec.policyTypes).toEqual(["Ingress", "Egress"]);
        expect(policy.spec.ingress).toEqual([]);
        expect(
            policy.spec.egress.map((rule: any) => [
                rule.to[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"],
                rule.ports.map(
                    (p: { protocol: string; port: number }) => `${p.protocol}/${p.port}`,
                ),
            ]),
        ).toEqual([
            ["kube-system", ["UDP/53", "TCP/53"]],
            ["rook-ceph", ["TCP/80"]],
        ]);
    });

    it("rejects an unpinned image, a relative audit-log path and a port out of range", () => {
        expect(() =>
            validateLogShipperArgs({ ...SHIPPER, image: "fluent/fluent-bit:latest" }),
        ).toThrow(
            'LogShipper: image "fluent/fluent-bit:latest" is not pinned; pass a reference with an exact tag (not latest) or a sha256 digest, e.g. registry.example/fluent/fluent-bit:4.0.3@sha256:<digest>.',
        );
        expect(() => validateLogShipperArgs({ ...SHIPPER, auditLogPath: "var/log/audit" })).toThrow(
            'LogShipper: auditLogPath "var/log/audit" is not an absolute directory path; pass the API server\'s audit-log directory, e.g. /var/log/kubernetes/audit.',
        );
        expect(() => validateLogShipperArgs({ ...SHIPPER, objectStorePort: 70000 })).toThrow(
            "LogShipper: objectStorePort 70000 is not a TCP port; pass the object store gateway's port (1-65535), e.g. 80.",
        );
    });

    it("rejects a system: group for the auditor", () => {
        expect(() =>
            validateClusterAuditorArgs({ site: "hamar", group: "system:masters" }),
        ).toThrow(
            `ClusterAuditor: group "system:masters" is not a group the auditor alone can carry; pass a Kubernetes group name (letters, digits, '.', ':', '_', '-') outside the reserved system: prefix, e.g. clover:auditors.`,
        );
    });
});
