/**
 * The evasion corpus: programs that each try to put protected data outside the approved locations
 * by a different route. Each goes through the offline plan exactly as `npm run plan --program`
 * does (the program under the mock runtime, the pack over gRPC), in both output modes, and must be
 * blocked by the expected policy on the expected resource. The compliant programs must pass.
 */
import { runPlan } from "../../plan/plan";
import type { PlanReport } from "../../plan/report/model";
import { corpusTargets } from "../support/corpus";
import { PROJECT_DIR } from "../support/harness";
import * as path from "path";

const PACK = path.join(PROJECT_DIR, "policy-packs", "data-residency");

/** For each evasion: the [policy, resource name] of every violation it must produce. */
const EXPECTED: Record<string, [string, string][]> = {
    "cloudcontrol-resource": [["types-classified", "bucket"]],
    "cloudformation-stack": [["types-classified", "copier"]],
    "k8s-custom-resource": [["types-classified", "exports"]],
    "other-package-native": [["types-classified", "users"]],
    "other-package-untagged": [["types-classified", "export"]],
    "access-logs-elsewhere": [
        ["aws-data-flows-resolved", "access-logs"],
        ["aws-data-flows-resolved", "logs"],
        ["declassification", "logs"],
    ],
    "ami-copy": [["aws-data-location", "copy"]],
    "backup-copy-action": [
        ["aws-data-flows-resolved", "nightly"],
        ["aws-data-flows-resolved", "remote"],
        ["declassification", "remote"],
    ],
    "bucket-v2": [["aws-data-location", "pii"]],
    "cloudfront-front": [["global-service-exposure", "cdn"]],
    datasync: [["aws-data-flows", "export"]],
    "dynamodb-global-table": [["aws-data-flows", "users"]],
    "dynamodb-kinesis": [
        ["aws-data-flows-resolved", "changes"],
        ["aws-data-flows-resolved", "to-stream"],
        ["declassification", "changes"],
    ],
    "dynamodb-replica": [["aws-data-flows", "users"]],
    "dynamodb-table-replica": [["aws-data-flows-resolved", "users-us"]],
    "ebs-snapshot-copy": [["aws-data-location", "copy"]],
    "ecr-replication": [["aws-data-flows", "replicate"]],
    "endpoint-alias": [["aws-data-location", "pii"]],
    "endpoint-other-region": [["aws-data-location", "pii"]],
    "endpoint-proxy": [["aws-data-location", "users"]],
    "efs-replication": [["aws-data-flows-resolved", "replica"]],
    "firehose-bucket-elsewhere": [
        ["aws-data-flows-resolved", "events"],
        ["aws-data-flows-resolved", "lake"],
        ["declassification", "lake"],
    ],
    "firehose-http": [["aws-data-flows", "events"]],
    "flow-log-bucket-elsewhere": [
        ["aws-data-flows-resolved", "flows"],
        ["aws-data-flows-resolved", "sink"],
        ["declassification", "sink"],
    ],
    "inline-replication": [
        ["aws-data-flows-resolved", "copy"],
        ["aws-data-flows-resolved", "pii"],
        ["declassification", "copy"],
    ],
    "internal-random-region": [["aws-data-location", "metrics"]],
    "invalid-class": [
        ["aws-data-location", "pii"],
        ["data-class-required", "pii"],
    ],
    "k8s-ambient-kubeconfig": [["kubernetes-data-location", "data"]],
    "k8s-cluster-input": [["kubernetes-data-location", "users"]],
    "k8s-context-input": [["kubernetes-data-location", "users"]],
    "k8s-external-name": [["kubernetes-data-location", "users-db"]],
    "k8s-eks-elsewhere": [["kubernetes-data-location", "users"]],
    "k8s-unregistered-cluster": [["kubernetes-data-location", "users"]],
    "kms-key-arn-elsewhere": [["aws-data-flows-resolved", "sse"]],
    "kms-key-resource-elsewhere": [["aws-data-flows-resolved", "sse"]],
    "kms-replica-key": [["aws-data-flows-resolved", "protected-us"]],
    "log-subscription": [
        ["aws-data-flows-resolved", "ship"],
        ["aws-data-flows-resolved", "sink"],
        ["declassification", "sink"],
    ],
    "multi-region-access-point": [
        ["aws-data-flows-resolved", "global"],
        ["aws-data-flows-resolved", "pii-us"],
        ["declassification", "pii-us"],
    ],
    "no-stack-region": [["aws-data-location", "pii"]],
    "opensearch-outbound": [["aws-data-flows-resolved", "to-us"]],
    "provider-alias": [["aws-data-location", "pii"]],
    "provider-region": [["aws-data-location", "pii"]],
    "random-region": [["aws-data-location", "pii"]],
    "rds-backup-replication": [["aws-data-flows-resolved", "backups"]],
    "rds-cluster-snapshot-copy": [["aws-data-flows-resolved", "copy"]],
    "rds-global-cluster": [["aws-data-flows-resolved", "users-us"]],
    "rds-snapshot-copy": [["aws-data-flows", "copy"]],
    "redshift-snapshot-copy": [["aws-data-flows-resolved", "to-us"]],
    "region-override": [["aws-data-location", "pii"]],
    "remote-reader": [["remote-readers", "export"]],
    "replication-config": [
        ["aws-data-flows-resolved", "copy"],
        ["aws-data-flows-resolved", "replicate"],
        ["declassification", "copy"],
    ],
    "replication-chain": [
        ["aws-data-flows-resolved", "outside"],
        ["aws-data-flows-resolved", "staging"],
        ["aws-data-flows-resolved", "to-outside"],
        ["aws-data-flows-resolved", "to-outside"],
        ["aws-data-flows-resolved", "to-staging"],
        ["declassification", "outside"],
        ["declassification", "staging"],
    ],
    "replication-external": [["aws-data-flows-resolved", "replicate"]],
    "replication-laundered": [["aws-data-flows-resolved", "replicate"]],
    "replication-literal-name": [
        ["aws-data-flows-resolved", "mirror"],
        ["aws-data-flows-resolved", "replicate"],
        ["declassification", "mirror"],
    ],
    "replication-suffix-name": [["aws-data-flows-resolved", "replicate"]],
    "secret-replica": [["aws-data-flows", "db"]],
    "snapshot-copy-relabelled": [
        ["aws-data-flows-resolved", "copy"],
        ["declassification", "copy"],
    ],
    "sns-email": [["aws-data-flows-resolved", "mail"]],
    "stack-region": [["aws-data-location", "pii"]],
    "table-replica-relabelled": [
        ["aws-data-flows-resolved", "users-us"],
        ["declassification", "users-us"],
    ],
    "unclassified-store": [["data-class-required", "mystery"]],
    "unknown-class": [
        ["aws-data-location", "pii"],
        ["data-class-required", "pii"],
    ],
    "unknown-type": [["protected-type-known", "metrics"]],
};

/**
 * With outputs known (resources already in state), a destination ARN carries its region, so the
 * per-resource policy decides what the stack policy resolves through the graph in a preview.
 */
const EXPECTED_WHEN_KNOWN: Record<string, [string, string][]> = {
    ...EXPECTED,
    "backup-copy-action": [
        ["aws-data-flows", "nightly"],
        ["aws-data-flows-resolved", "remote"],
        ["declassification", "remote"],
    ],
};

function found(report: PlanReport): Record<string, [string, string][]> {
    return Object.fromEntries(
        report.stacks.map((s) => [
            s.stack,
            s.violations.map((v): [string, string] => [v.policy, v.urn.split("::").pop()!]).sort(),
        ]),
    );
}

describe("the evasion corpus", () => {
    const targets = corpusTargets("evasions");

    it("has at least 30 distinct routes, each with an expectation", () => {
        expect(targets.length).toBeGreaterThanOrEqual(30);
        expect(targets.map((t) => t.stack).sort()).toEqual(Object.keys(EXPECTED).sort());
    });

    for (const mode of ["preview", "known"] as const) {
        it(`blocks every route with the expected mandatory violations (${mode} mode)`, async () => {
            const report = await runPlan({ targets, packs: [PACK], mode });
            expect(found(report)).toEqual(mode === "preview" ? EXPECTED : EXPECTED_WHEN_KNOWN);
            for (const stack of report.stacks) {
                expect(stack.violations.every((v) => v.enforcementLevel === "mandatory")).toBe(
                    true,
                );
            }
            expect(report.verdict).toBe("fail");
        }, 240_000);
    }
});

describe("the compliant corpus", () => {
    for (const mode of ["preview", "known"] as const) {
        it(`passes with zero violations (${mode} mode)`, async () => {
            const targets = corpusTargets("compliant");
            expect(targets.map((t) => t.stack)).toEqual([
                "copies-keep-their-class",
                "endpoints-in-region",
                "internal-in-europe",
                "kubernetes-approved",
                "literal-names-in-region",
                "other-packages-classified",
                "public-anywhere",
                "reader-in-region",
                "replication-in-region",
            ]);
            const report = await runPlan({ targets, packs: [PACK], mode });
            expect(report.stacks.map((s) => [s.stack, s.violations])).toEqual(
                targets.map((t) => [t.stack, []]),
            );
            expect(report.verdict).toBe("pass");
        }, 120_000);
    }
});
