import {
    awsDataFlows,
    awsDataFlowsResolved,
} from "../../policy-packs/data-residency/policies/flows";
import { UNKNOWN } from "@clover/residency-model";
import { awsProvider, ctx, graph, tagged, view } from "../support/views";

const EU = awsProvider("eu-west-1");
const US = awsProvider("us-east-1");
const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

describe("aws-data-flows (per resource)", () => {
    const table = (replicas: object[]) =>
        view(
            "aws:dynamodb/table:Table",
            "users",
            { tags: tagged("protected"), replicas: replicas as never },
            { provider: EU },
        );

    it("passes replicas in an approved location", () => {
        expect(awsDataFlows.evaluate(table([{ regionName: "eu-west-1" }]), ctx())).toEqual([]);
    });

    it("blocks a replica region outside the approved locations", () => {
        const r = table([{ regionName: "eu-west-1" }, { regionName: "us-east-1" }]);
        expect(awsDataFlows.evaluate(r, ctx())).toEqual([
            {
                urn: r.urn,
                message:
                    'aws:dynamodb/table:Table "users" holds protected data (tag clover.io/data-class); its global table replica (replicas[1].regionName) is in aws:us-east-1 (region "us-east-1"). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: point replicas[1].regionName at a destination in an approved location, or remove it.",
            },
        ]);
    });

    it("blocks a KMS key named by an ARN in another region", () => {
        const r = view(
            "aws:secretsmanager/secret:Secret",
            "db",
            { tags: tagged("protected"), kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/abc" },
            { provider: EU },
        );
        expect(awsDataFlows.evaluate(r, ctx())[0].message).toBe(
            'aws:secretsmanager/secret:Secret "db" holds protected data (tag clover.io/data-class); its encryption key (kmsKeyId) is in aws:us-east-1 (the ARN arn:aws:kms:us-east-1:123456789012:key/abc). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: encrypt with a customer-managed key of the same site (the site's keys component).",
        );
    });

    it("blocks delivery to an endpoint outside AWS", () => {
        const r = view(
            "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            "events",
            {
                tags: tagged("protected"),
                httpEndpointConfiguration: { url: "https://collector.example.com" },
            },
            { provider: EU },
        );
        expect(awsDataFlows.evaluate(r, ctx())[0].message).toContain(
            'its delivery HTTP endpoint (httpEndpointConfiguration.url) is in an unknown location ("https://collector.example.com" is an endpoint outside the enclave\'s AWS locations)',
        );
    });

    it("leaves region-less destinations to the stack policy", () => {
        const r = view(
            BUCKET,
            "pii",
            {
                tags: tagged("protected"),
                replicationConfiguration: {
                    rules: [{ destination: { bucket: "arn:aws:s3:::x" } }],
                },
            },
            { provider: EU },
        );
        expect(awsDataFlows.evaluate(r, ctx())).toEqual([]);
    });
});

describe("aws-data-flows-resolved (through the stack graph)", () => {
    const source = view(BUCKET, "pii", { tags: tagged("protected") }, { provider: EU });

    it("passes replication to a bucket of the stack in the same site", () => {
        const target = view(BUCKET, "copy", { tags: tagged("protected") }, { provider: EU });
        const replication = view(
            REPLICATION,
            "r",
            { bucket: UNKNOWN, rules: [{ destination: { bucket: UNKNOWN } }] },
            { provider: EU, deps: { bucket: [source], rules: [target] } },
        );
        expect(awsDataFlowsResolved.evaluate(graph(source, target, replication), ctx())).toEqual(
            [],
        );
    });

    it("blocks replication to a bucket of the stack in another region, inheriting the source's class", () => {
        const target = view(BUCKET, "copy", { tags: tagged("public") }, { provider: US });
        const replication = view(
            REPLICATION,
            "r",
            { bucket: UNKNOWN, rules: [{ destination: { bucket: UNKNOWN } }] },
            { provider: EU, deps: { bucket: [source], rules: [target] } },
        );
        expect(awsDataFlowsResolved.evaluate(graph(source, target, replication), ctx())).toEqual([
            {
                // The copy holds what flows into it, whatever its own tag says.
                urn: target.urn,
                message:
                    'aws:s3/bucket:Bucket "copy" holds protected data (it flows in: Bucket "pii" → BucketReplicationConfig "r" (its bucket) → Bucket "copy" (replication destination bucket, rules[0].destination.bucket)); it is in aws:us-east-1 (the "region" of provider "aws-us-east-1"). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: keep it where protected data may be (through the site's provider), or stop the flow into it.",
            },
            {
                urn: replication.urn,
                message:
                    'aws:s3/bucketReplicationConfig:BucketReplicationConfig "r" holds protected data (inherited from Bucket "pii"); its replication destination bucket (rules[*].destination.bucket) is in aws:us-east-1 (Bucket "copy", the "region" of provider "aws-us-east-1"). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: point rules[*].destination.bucket at a destination in an approved location, or remove it.",
            },
        ]);
    });

    it("blocks replication to a bucket outside the stack, which cannot be verified", () => {
        const replication = view(
            REPLICATION,
            "r",
            { bucket: UNKNOWN, rules: [{ destination: { bucket: "arn:aws:s3:::legacy" } }] },
            { provider: EU, deps: { bucket: [source] } },
        );
        expect(
            awsDataFlowsResolved.evaluate(graph(source, replication), ctx())[0].message,
        ).toContain(
            'its replication destination bucket (rules[0].destination.bucket) is in an unknown location ("arn:aws:s3:::legacy" is not a resource of this stack, so its location cannot be verified)',
        );
    });

    it("holds a resource that inherits its class to its own location", () => {
        const db = view(
            "aws:rds/instance:Instance",
            "users",
            { tags: tagged("protected") },
            { provider: EU },
        );
        const backups = view(
            "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
            "backups",
            { sourceDbInstanceArn: UNKNOWN },
            { provider: US, deps: { sourceDbInstanceArn: [db] } },
        );
        expect(awsDataFlowsResolved.evaluate(graph(db, backups), ctx())[0].message).toBe(
            'aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication "backups" holds protected data (inherited from Instance "users"); it is in aws:us-east-1 (the "region" of provider "aws-us-east-1"). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: create it through the site's provider, in the same location as the data it copies.",
        );
    });

    it("passes an inherited-class resource whose source is public", () => {
        const db = view(
            "aws:rds/instance:Instance",
            "catalogue",
            { tags: tagged("public") },
            { provider: EU },
        );
        const backups = view(
            "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication",
            "backups",
            { sourceDbInstanceArn: UNKNOWN },
            { provider: US, deps: { sourceDbInstanceArn: [db] } },
        );
        expect(awsDataFlowsResolved.evaluate(graph(db, backups), ctx())).toEqual([]);
    });

    describe("references resolve exactly to what they name", () => {
        const replication = (destination: string, deps: object) =>
            view(
                REPLICATION,
                "r",
                { bucket: UNKNOWN, rules: [{ destination: { bucket: destination } }] },
                { provider: EU, deps: { bucket: [source], ...deps } },
            );

        it("does not let an in-region dependency of the same input vouch for a literal elsewhere", () => {
            const local = view(
                BUCKET,
                "local",
                { bucket: "local", tags: tagged("protected") },
                { provider: EU },
            );
            const r = replication("arn:aws:s3:::legacy", { rules: [local] });
            expect(awsDataFlowsResolved.evaluate(graph(source, local, r), ctx())).toEqual([
                {
                    urn: r.urn,
                    message:
                        'aws:s3/bucketReplicationConfig:BucketReplicationConfig "r" holds protected data (inherited from Bucket "pii"); its replication destination bucket (rules[0].destination.bucket) is in an unknown location ("arn:aws:s3:::legacy" is not a resource of this stack, so its location cannot be verified). ' +
                        "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: point rules[0].destination.bucket at a resource of this stack in an approved location, so that the destination can be verified.",
                },
            ]);
        });

        it("does not take an ARN that only ends in a stack bucket's name for that bucket", () => {
            const archive = view(
                BUCKET,
                "archive",
                { bucket: "archive", tags: tagged("protected") },
                { provider: EU },
            );
            const r = replication("arn:aws:s3:::legacy/archive", { rules: [archive] });
            expect(
                awsDataFlowsResolved.evaluate(graph(source, archive, r), ctx())[0].message,
            ).toContain(
                '("arn:aws:s3:::legacy/archive" is not a resource of this stack, so its location cannot be verified)',
            );
        });

        it("resolves a literal ARN to the stack bucket it names, with no dependency", () => {
            const usMirror = view(
                BUCKET,
                "mirror",
                { bucket: "mirror", tags: tagged("public") },
                { provider: US },
            );
            const euCopy = view(
                BUCKET,
                "copy",
                { bucket: "copy", tags: tagged("protected") },
                { provider: EU },
            );
            const out = replication("arn:aws:s3:::mirror", {});
            const within = replication("arn:aws:s3:::copy", {});
            expect(
                awsDataFlowsResolved
                    .evaluate(graph(source, usMirror, out), ctx())
                    .find((f) => f.urn === out.urn)?.message,
            ).toContain(
                'its replication destination bucket (rules[0].destination.bucket) is in aws:us-east-1 (Bucket "mirror", the "region" of provider "aws-us-east-1")',
            );
            expect(awsDataFlowsResolved.evaluate(graph(source, euCopy, within), ctx())).toEqual([]);
        });

        it("places a KMS alias or key ID in the resource's own region", () => {
            const queue = (kmsMasterKeyId: string, provider = EU) =>
                view(
                    "aws:sqs/queue:Queue",
                    "q",
                    { tags: tagged("protected"), kmsMasterKeyId },
                    { provider },
                );
            for (const id of [
                "alias/aws/sqs",
                "alias/clover",
                "1234abcd-12ab-34cd-56ef-1234567890ab",
            ])
                expect(awsDataFlowsResolved.evaluate(graph(queue(id)), ctx())).toEqual([]);
            expect(
                awsDataFlowsResolved.evaluate(graph(queue("alias/clover", US)), ctx())[0].message,
            ).toContain(
                'its encryption key (kmsMasterKeyId) is in aws:us-east-1 (the KMS alias alias/clover, which resolves in the resource\'s own region: the "region" of provider "aws-us-east-1")',
            );
            expect(
                awsDataFlowsResolved.evaluate(graph(queue("clover-key")), ctx())[0].message,
            ).toContain(
                '("clover-key" is not a resource of this stack, so its location cannot be verified)',
            );
        });
    });
});
