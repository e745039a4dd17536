import * as fs from "fs";
import * as path from "path";
import { DEFAULT_APPROVED_LOCATIONS } from "../../vocabulary";
import {
    isApproved,
    parseSettings,
    SettingsError,
} from "../../policy-packs/data-residency/lib/settings";
import { POLICIES, registry } from "../../policy-packs/data-residency/policies/registry";
import { AWS_TYPES, GLOBAL_FRONTS } from "../../policy-packs/data-residency/lib/catalog";
import { PROJECT_DIR } from "../support/harness";
import { shippedSettings } from "../support/views";

function problem(text: string): string {
    try {
        parseSettings(text, "config.yaml", "2026-11-22");
    } catch (err) {
        expect(err).toBeInstanceOf(SettingsError);
        return (err as Error).message;
    }
    throw new Error("settings were accepted");
}

describe("residency settings", () => {
    it("ships the default approvals and the Hamar cluster", () => {
        const settings = shippedSettings();
        expect(settings.approvedLocations).toEqual(DEFAULT_APPROVED_LOCATIONS);
        expect(settings.clusters).toEqual([
            {
                name: "hamar",
                server: "https://api.k8s.hamar.clover.internal:6443",
                location: "onprem:hamar",
            },
        ]);
        expect(settings.waivers.map((w) => [w.policy, w.ticket, w.expires])).toEqual([
            ["aws-data-location", "MIG-142", "2027-03-31"],
            ["aws-data-location", "MIG-143", "2027-01-31"],
        ]);
        expect(isApproved(settings, "protected", "onprem:hamar")).toBe(true);
        expect(isApproved(settings, "protected", "aws:eu-central-1")).toBe(false);
        expect(isApproved(settings, "internal", "aws:eu-central-2")).toBe(true);
        expect(isApproved(settings, "internal", "aws:us-east-1")).toBe(false);
    });

    it("an empty file keeps every default", () => {
        expect(parseSettings("", "f", "2026-11-22").approvedLocations).toEqual(
            DEFAULT_APPROVED_LOCATIONS,
        );
    });

    it("rejects an unknown location, naming the key and the value", () => {
        expect(problem("approvedLocations:\n  protected: [aws:eu-west-1, aws:mars-1]\n")).toBe(
            "data-residency settings config.yaml are invalid:\n" +
                '  - approvedLocations.protected.1: is not a known location (aws:<region> or onprem:<campus>, e.g. aws:eu-west-1, onprem:hamar) (got "aws:mars-1")\n' +
                "Fix the file (see policy-packs/data-residency/README.md for the schema).",
        );
    });

    it("rejects a waiver without reason or expiry", () => {
        const message = problem(
            "waivers:\n  - urn: urn:pulumi:legacy::clover::aws:s3/bucket:Bucket::users\n    policy: aws-data-location\n    reason: ''\n    ticket: MIG-12\n",
        );
        expect(message).toContain(
            "  - waivers.0.reason: is required: say why the data is still there",
        );
        expect(message).toContain("  - waivers.0.expires: Required");
    });

    it("rejects an impossible expiry date", () => {
        expect(
            problem(
                "waivers:\n  - { urn: 'urn:pulumi:a::b::c::d', policy: p, reason: r, ticket: t, expires: 2026-02-30 }\n",
            ),
        ).toContain('  - waivers.0.expires: "2026-02-30" is not a calendar date');
    });

    it("rejects a cluster registered twice and an unknown key", () => {
        expect(
            problem(
                "clusters:\n  - { name: a, server: 'https://k.example:6443', location: onprem:hamar }\n  - { name: b, server: 'https://K.example:6443/', location: onprem:hamar }\n",
            ),
        ).toContain("  - clusters.1.server: https://K.example:6443/ is registered twice");
        expect(problem("approvedLocation: {}\n")).toContain(
            "(top level): Unrecognized key(s) in object: 'approvedLocation'",
        );
    });

    it("rejects YAML that does not parse", () => {
        expect(problem("clusters: [\n")).toContain("  - not valid YAML:");
    });
});

describe("the policy registry", () => {
    it("holds every residency policy once, in kebab-case", () => {
        expect(POLICIES.map((p) => p.name)).toEqual([
            "aws-data-location",
            "aws-data-flows",
            "protected-type-known",
            "data-class-required",
            "aws-data-flows-resolved",
            "global-service-exposure",
            "remote-readers",
            "kubernetes-data-location",
            "waived-violations",
        ]);
        for (const p of POLICIES) {
            expect(p.description).toMatch(/^[A-Z].*\.$/);
            expect(p.remediationSteps.length).toBeGreaterThan(20);
        }
    });

    it("rejects a duplicate and a name that is not kebab-case", () => {
        expect(() => registry([POLICIES[0], POLICIES[0]])).toThrow(
            'policy "aws-data-location" is registered twice',
        );
        expect(() => registry([{ ...POLICIES[0], name: "AwsDataLocation" }])).toThrow(
            'policy name "AwsDataLocation" is not kebab-case',
        );
    });
});

describe("the AWS type catalog", () => {
    /** Every resource token the installed @pulumi/aws declares. */
    function installedTokens(): Set<string> {
        const root = path.dirname(
            require.resolve("@pulumi/aws/package.json", { paths: [PROJECT_DIR] }),
        );
        const tokens = new Set<string>();
        for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
            if (!dir.isDirectory() || dir.name === "node_modules" || dir.name === "types") continue;
            for (const file of fs.readdirSync(path.join(root, dir.name))) {
                if (!file.endsWith(".js")) continue;
                const match = /__pulumiType = '([^']+)'/.exec(
                    fs.readFileSync(path.join(root, dir.name, file), "utf8"),
                );
                if (match) tokens.add(match[1]);
            }
        }
        return tokens;
    }

    it("names only types that exist in the installed @pulumi/aws v7", () => {
        const installed = installedTokens();
        const named = [
            ...Object.keys(AWS_TYPES),
            ...Object.keys(GLOBAL_FRONTS),
            ...Object.values(AWS_TYPES).flatMap(
                (t) => t.references?.flatMap((r) => r.targets) ?? [],
            ),
        ];
        expect(named.filter((t) => !installed.has(t))).toEqual([]);
    });

    it("covers the data-holding types the residency issue lists", () => {
        for (const type of [
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketV2:BucketV2",
            "aws:dynamodb/table:Table",
            "aws:dynamodb/tableReplica:TableReplica",
            "aws:rds/instance:Instance",
            "aws:rds/cluster:Cluster",
            "aws:rds/globalCluster:GlobalCluster",
            "aws:rds/snapshotCopy:SnapshotCopy",
            "aws:elasticache/replicationGroup:ReplicationGroup",
            "aws:memorydb/cluster:Cluster",
            "aws:efs/fileSystem:FileSystem",
            "aws:secretsmanager/secret:Secret",
            "aws:kms/key:Key",
            "aws:kms/replicaKey:ReplicaKey",
            "aws:backup/vault:Vault",
            "aws:backup/plan:Plan",
            "aws:ebs/snapshotCopy:SnapshotCopy",
            "aws:ec2/amiCopy:AmiCopy",
            "aws:kinesis/stream:Stream",
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "aws:opensearch/domain:Domain",
            "aws:sqs/queue:Queue",
            "aws:sns/topic:Topic",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:ecr/repository:Repository",
            "aws:datasync/task:Task",
            "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter",
            "aws:efs/replicationConfiguration:ReplicationConfiguration",
            "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",
        ]) {
            expect({ type, known: AWS_TYPES[type] !== undefined }).toEqual({ type, known: true });
        }
    });
});
