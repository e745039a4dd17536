import * as fs from "fs";
import * as path from "path";
import { AWS_TYPES, GLOBAL_FRONTS } from "@clover/residency-model";
import { POLICIES, registry } from "../../policy-packs/data-residency/policies/registry";
import { PROJECT_DIR } from "../support/harness";

describe("the policy registry", () => {
    it("holds every residency policy once, in kebab-case", () => {
        expect(POLICIES.map((p) => p.name)).toEqual([
            "aws-data-location",
            "aws-data-flows",
            "protected-type-known",
            "types-classified",
            "data-class-required",
            "aws-data-flows-resolved",
            "declassification",
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
