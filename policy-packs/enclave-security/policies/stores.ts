/** How protected stores are sealed: encryption, public access, TLS, deletion protection. */
import { isUnknown, type PlainObject, type ResourceView } from "@clover/residency-model";
import { conditionValues, coversAny, parseDocument } from "../lib/documents";
import {
    inEnclave,
    isProtected,
    KEY_TYPE,
    label,
    locationOf,
    protectedBuckets,
    RDS_TYPES,
    text,
} from "../lib/enclave";
import type { Finding, SecurityPolicy, StackGraph } from "../lib/policy";

const SSE =
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ACL = "aws:s3/bucketAclV2:BucketAclV2";
const VERSIONING = "aws:s3/bucketVersioning:BucketVersioning";

/** The key resources a key input of `r` depends on. */
function keysBehind(graph: StackGraph, r: ResourceView, input: string): ResourceView[] {
    return graph.dependenciesOf(r, input, [KEY_TYPE]);
}

/** Why a key reference does not satisfy "customer-managed, in the same location", or undefined. */
function keyProblem(store: ResourceView, keys: ResourceView[]): string | undefined {
    if (keys.length === 0)
        return "it is not encrypted with a customer-managed KMS key of this stack";
    const here = locationOf(store);
    const away = keys.find((k) => locationOf(k) !== here || here === undefined);
    if (away)
        return `its key ${label(away)} is in ${locationOf(away) ?? "an unknown location"}, not in the store's location (${here ?? "unknown"})`;
    return undefined;
}

export const protectedStoreEncryption: SecurityPolicy = {
    name: "protected-store-encryption",
    description:
        "Protected stores are encrypted with a customer-managed KMS key in their own location.",
    severity: "critical",
    remediationSteps:
        "Encrypt the store with the site's protected key (SSE-KMS for buckets, kmsKeyId for databases); the DataBucket component does it.",
    evaluate(graph) {
        const findings: Finding[] = [];
        for (const bucket of protectedBuckets(graph)) {
            const configs = graph.dependentsOf(bucket, "bucket", SSE);
            const rules = configs.flatMap((c) => {
                const list = c.props.rules;
                return Array.isArray(list)
                    ? list.map((rule) => ({ c, rule: rule as PlainObject }))
                    : [];
            });
            const kms = rules.filter(({ rule }) => {
                const by = rule.applyServerSideEncryptionByDefault as PlainObject | undefined;
                return by && (by.sseAlgorithm === "aws:kms" || by.sseAlgorithm === "aws:kms:dsse");
            });
            const problem =
                kms.length === 0
                    ? "it has no SSE-KMS default encryption (aws:s3/bucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms)"
                    : keyProblem(
                          bucket,
                          kms.flatMap(({ c }) => keysBehind(graph, c, "rules")),
                      );
            if (problem)
                findings.push({
                    urn: bucket.urn,
                    message: `${label(bucket)} holds protected data, but ${problem}. Fix: use the DataBucket component with the site's protected key.`,
                });
        }
        for (const db of graph.resources.filter(
            (r) => RDS_TYPES.includes(r.type) && isProtected(graph, r) && inEnclave(r),
        )) {
            const problem =
                db.props.storageEncrypted !== true
                    ? "storageEncrypted is not true"
                    : keyProblem(db, keysBehind(graph, db, "kmsKeyId"));
            if (problem)
                findings.push({
                    urn: db.urn,
                    message: `${label(db)} holds protected data, but ${problem}. Fix: set storageEncrypted: true and kmsKeyId to the site's protected key.`,
                });
        }
        return findings;
    },
};

/** Whether a bucket policy statement allows anyone (`*`) without a condition that narrows it. */
function allowsPublic(statement: ReturnType<typeof parse>[number]): boolean {
    return statement.effect === "Allow" && statement.principals.any;
}

function parse(policy: ResourceView): import("../lib/documents").PolicyStatement[] {
    const doc = parseDocument(policy.props.policy);
    return doc.kind === "known" ? doc.statements : [];
}

export const protectedStorePublicAccess: SecurityPolicy = {
    name: "protected-store-public-access",
    description:
        "Protected buckets block every form of public access: a full public access block, no public ACL, no policy that allows everyone.",
    severity: "critical",
    remediationSteps:
        'Give the bucket an aws:s3/bucketPublicAccessBlock with all four settings true, drop public ACLs, and never allow Principal "*".',
    evaluate(graph) {
        const findings: Finding[] = [];
        const settings = [
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        ];
        for (const bucket of protectedBuckets(graph)) {
            const blocks = graph.dependentsOf(bucket, "bucket", PAB);
            const full = blocks.some((b) => settings.every((s) => b.props[s] === true));
            if (!full) {
                const off =
                    blocks.length === 0
                        ? "it has no public access block"
                        : `its public access block leaves ${settings.filter((s) => !blocks.some((b) => b.props[s] === true)).join(", ")} off`;
                findings.push({
                    urn: bucket.urn,
                    message: `${label(bucket)} holds protected data, but ${off}. Fix: add an aws:s3/bucketPublicAccessBlock with ${settings.join(", ")} all true.`,
                });
            }
            const acls = [
                ...(typeof bucket.props.acl === "string" ? [bucket.props.acl] : []),
                ...graph.dependentsOf(bucket, "bucket", ACL).map((a) => a.props.acl),
            ];
            const publicAcl = acls.find((a) => typeof a === "string" && a !== "private");
            if (publicAcl !== undefined)
                findings.push({
                    urn: bucket.urn,
                    message: `${label(bucket)} holds protected data, but has the ACL "${text(publicAcl)}". Fix: remove the ACL; object ownership BucketOwnerEnforced disables ACLs.`,
                });
            for (const policy of graph.dependentsOf(bucket, "bucket", POLICY)) {
                const open = parse(policy).find(allowsPublic);
                if (open)
                    findings.push({
                        urn: policy.urn,
                        message: `${label(policy)} on protected ${label(bucket)} allows everyone (statement ${open.sid} has Principal "*"). Fix: grant only the gateway's roles, in IAM.`,
                    });
            }
        }
        return findings;
    },
};

/** Whether a statement denies every S3 request made without TLS. */
function deniesPlainHttp(statement: import("../lib/documents").PolicyStatement): boolean {
    const values = conditionValues(statement, ["Bool", "BoolIfExists"], "aws:SecureTransport");
    return (
        statement.effect === "Deny" &&
        statement.principals.any &&
        coversAny(statement, [
            "s3:GetObject",
            "s3:PutObject",
            "s3:ListBucket",
            "s3:DeleteObject",
        ]) &&
        statement.actions.some((a) => a === "s3:*" || a === "*") &&
        values !== undefined &&
        values.some((v) => v === false || v === "false")
    );
}

export const protectedStoreTlsOnly: SecurityPolicy = {
    name: "protected-store-tls-only",
    description: "Protected buckets deny every request that does not use TLS.",
    severity: "high",
    remediationSteps:
        'Add a bucket-policy statement: Deny, Principal "*", Action "s3:*", on the bucket and its objects, when aws:SecureTransport is false.',
    evaluate(graph) {
        const findings: Finding[] = [];
        for (const bucket of protectedBuckets(graph)) {
            const policies = graph.dependentsOf(bucket, "bucket", POLICY);
            const docs = policies.map((p) => parseDocument(p.props.policy));
            if (docs.some((d) => d.kind === "known" && d.statements.some(deniesPlainHttp)))
                continue;
            const unknown = docs.some((d) => d.kind === "unknown");
            findings.push({
                urn: bucket.urn,
                message: `${label(bucket)} holds protected data, but ${
                    policies.length === 0
                        ? "has no bucket policy"
                        : unknown
                          ? "its bucket policy is unknown during preview, so TLS-only cannot be verified"
                          : "its bucket policy does not deny requests without TLS"
                }. Fix: add a DenyWithoutTls statement (Deny, Principal "*", s3:*, Bool aws:SecureTransport false); pass the policy as a structured document so that it is known during preview.`,
            });
        }
        return findings;
    },
};

export const protectedStoreDeletionProtection: SecurityPolicy = {
    name: "protected-store-deletion-protection",
    description:
        "Protected stores cannot be deleted by a deploy: protect, no forceDestroy, versioned buckets, RDS deletion protection.",
    severity: "high",
    remediationSteps:
        "Set the protect resource option, never forceDestroy, enable bucket versioning; set deletionProtection on databases.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const fail = (r: ResourceView, problem: string, fix: string) =>
            findings.push({
                urn: r.urn,
                message: `${label(r)} holds protected data, but ${problem}. Fix: ${fix}.`,
            });
        for (const bucket of protectedBuckets(graph)) {
            if (!bucket.protect)
                fail(bucket, "it is not protected", "create it with the option { protect: true }");
            if (bucket.props.forceDestroy === true || isUnknown(bucket.props.forceDestroy))
                fail(bucket, "forceDestroy is set", "remove forceDestroy");
            const versioned = graph
                .dependentsOf(bucket, "bucket", VERSIONING)
                .some(
                    (v) =>
                        (v.props.versioningConfiguration as PlainObject | undefined)?.status ===
                        "Enabled",
                );
            if (!versioned)
                fail(
                    bucket,
                    "it is not versioned",
                    "add an aws:s3/bucketVersioning with status Enabled",
                );
        }
        for (const db of graph.resources.filter(
            (r) => RDS_TYPES.includes(r.type) && isProtected(graph, r) && inEnclave(r),
        )) {
            if (db.props.deletionProtection !== true)
                fail(db, "deletionProtection is not true", "set deletionProtection: true");
            if (!db.protect) fail(db, "it is not protected", "create it with { protect: true }");
        }
        return findings;
    },
};
