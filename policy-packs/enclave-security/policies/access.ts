/**
 * Who reaches protected stores: only the security gateway's roles and the site's service roles;
 * the auditor reads the archive and describes, nothing else.
 */
import { isUnknown, type Plain, type ResourceView } from "@clover/residency-model";
import {
    accountOf,
    conditionValues,
    coversAny,
    parseDocument,
    type PolicyStatement,
} from "../lib/documents";
import {
    archiveBuckets,
    controlRoleOf,
    inEnclave,
    KEY_TYPE,
    label,
    protectedBuckets,
    protectedKeys,
    ROLE_TYPE,
    roleSuffixes,
    roleSuffixOf,
    text,
} from "../lib/enclave";
import type { Finding, SecurityPolicy, StackGraph } from "../lib/policy";

const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const MANAGED_POLICY = "aws:iam/policy:Policy";

/** Representative actions that read, write or delete objects, or use a key on data. */
const S3_DATA = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"];
const KMS_DATA = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom"];

/** AWS-managed policies that grant reading or writing any bucket's objects or using any key. */
export const DATA_GRANTING_MANAGED_POLICIES = [
    "AdministratorAccess",
    "PowerUserAccess",
    "ReadOnlyAccess",
    "AmazonS3FullAccess",
    "AmazonS3ReadOnlyAccess",
];

/** AWS-managed policies the auditor may have: they describe, and read no data. */
export const AUDITOR_MANAGED_POLICIES = ["SecurityAudit", "ViewOnlyAccess"];

const ALLOWED = ["data-gateway", "site-service"] as const;

function principalProblem(
    principals: readonly Plain[],
    allowed: Set<string>,
    siteAccount: Set<string>,
): string | undefined {
    const named = new Set(principals.map(accountOf).filter((a) => a !== undefined));
    const accounts =
        siteAccount.size > 0 ? siteAccount : named.size === 1 ? named : new Set<string>();
    if (siteAccount.size === 0 && named.size > 1)
        return `principals of ${named.size} accounts (${[...named].join(", ")})`;
    for (const p of principals) {
        if (isUnknown(p)) return "a principal that is unknown during preview";
        if (p === "*") return 'everyone ("*")';
        const account = accountOf(p);
        const suffix = roleSuffixOf(p);
        if (account && accounts.size > 0 && !accounts.has(account))
            return `a principal of another account (${text(p)})`;
        if (!suffix || !allowed.has(suffix))
            return `${text(p)}, which is not a role of the gateway or of the site's services`;
    }
    return undefined;
}

/**
 * The site's account: the one whose root administers the stack's KMS keys (the statement every
 * key policy starts with). Empty when no key policy can be read; then principals are only
 * checked against each other.
 */
function siteAccounts(graph: StackGraph): Set<string> {
    const accounts = new Set<string>();
    for (const key of graph.ofType(KEY_TYPE)) {
        const doc = parseDocument(key.props.policy);
        if (doc.kind !== "known") continue;
        for (const s of doc.statements)
            for (const p of s.principals.aws)
                if (typeof p === "string" && /^arn:aws[a-z-]*:iam::\d{12}:root$/.test(p))
                    accounts.add(accountOf(p)!);
    }
    return accounts;
}

/** Which of the protected buckets or keys a policy resource's statements reach. */
function reachesProtected(
    r: ResourceView,
    statement: PolicyStatement,
    protectedUrns: Set<string>,
): boolean {
    const wildcard = statement.resources.some(
        (x) =>
            x === "*" ||
            (typeof x === "string" && /^arn:aws[a-z-]*:(s3:::\*|kms:[^:]*:[^:]*:key\/\*)/.test(x)),
    );
    const dependsOnProtected = (r.propertyDependencies?.policy ?? []).some((u) =>
        protectedUrns.has(u),
    );
    return wildcard || (dependsOnProtected && statement.resources.some(isUnknownOrArn));
}

function isUnknownOrArn(v: Plain): boolean {
    return isUnknown(v) || (typeof v === "string" && v.startsWith("arn:"));
}

export const protectedAccessPrincipals: SecurityPolicy = {
    name: "protected-access-principals",
    description:
        "Only the security gateway's roles and the site's service roles reach protected stores: bucket and key policies deny everyone else and every path but the site's VPC endpoints, and no IAM or bucket policy grants access to anyone else.",
    severity: "critical",
    remediationSteps:
        "Seal protected buckets with DataBucket's access (the gateway's and service roles, the S3 endpoint) and protected keys with SiteKeys' restrictedUse; grant data access in IAM only to roles tagged clover.io/role data-gateway or site-service.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const allowed = roleSuffixes(graph, ALLOWED);
        const buckets = protectedBuckets(graph);
        const keys = protectedKeys(graph);
        const protectedUrns = new Set([...buckets, ...keys].map((r) => r.urn));
        const accounts = siteAccounts(graph);

        for (const bucket of buckets) {
            const policies = graph.dependentsOf(bucket, "bucket", BUCKET_POLICY);
            const docs = policies.map((p) => ({ p, doc: parseDocument(p.props.policy) }));
            const known = docs.flatMap(({ doc }) => (doc.kind === "known" ? [doc.statements] : []));
            const statements = known.flat();
            const principalDeny = statements.find(
                (s) =>
                    s.effect === "Deny" &&
                    s.principals.any &&
                    coversAny(s, S3_DATA) &&
                    conditionValues(s, ["ArnNotEquals", "ArnNotLike"], "aws:PrincipalArn") !==
                        undefined,
            );
            const listed =
                principalDeny &&
                conditionValues(principalDeny, ["ArnNotEquals", "ArnNotLike"], "aws:PrincipalArn")!;
            const pathDeny = statements.some(
                (s) =>
                    s.effect === "Deny" &&
                    s.principals.any &&
                    coversAny(s, S3_DATA) &&
                    (conditionValues(
                        s,
                        ["StringNotEquals", "StringNotEqualsIfExists"],
                        "aws:SourceVpce",
                    ) ??
                        conditionValues(
                            s,
                            ["StringNotEquals", "StringNotEqualsIfExists"],
                            "aws:SourceVpc",
                        )) !== undefined,
            );
            const problems: string[] = [];
            if (docs.some(({ doc }) => doc.kind !== "known"))
                problems.push(
                    "its bucket policy cannot be read (unknown during preview or not a policy document)",
                );
            if (!principalDeny)
                problems.push(
                    "its bucket policy does not deny object access to every principal but the gateway's and service roles",
                );
            else {
                const bad = principalProblem(listed!, allowed, accounts);
                if (bad) problems.push(`its bucket policy lets ${bad} reach the objects`);
            }
            if (!pathDeny)
                problems.push(
                    "its bucket policy does not deny object requests from outside the site's VPC endpoints (aws:SourceVpce)",
                );
            for (const s of statements.filter(
                (x) => x.effect === "Allow" && x.hasPrincipal && coversAny(x, S3_DATA),
            )) {
                const bad = s.principals.any
                    ? 'everyone ("*")'
                    : principalProblem(s.principals.aws, allowed, accounts);
                if (bad) problems.push(`its bucket policy statement ${s.sid} allows ${bad}`);
            }
            for (const problem of problems)
                findings.push({
                    urn: bucket.urn,
                    message: `${label(bucket)} holds protected data, but ${problem}. Fix: seal it with DataBucket's access: { principalArns: [gateway, service], vpcEndpointIds: [S3 endpoint] }.`,
                });
        }

        for (const key of keys) {
            const doc = parseDocument(key.props.policy);
            const statements = doc.kind === "known" ? doc.statements : [];
            const deny = statements.find(
                (s) =>
                    s.effect === "Deny" &&
                    s.principals.any &&
                    coversAny(s, KMS_DATA) &&
                    conditionValues(s, ["ArnNotEquals", "ArnNotLike"], "aws:PrincipalArn") !==
                        undefined,
            );
            const problem =
                doc.kind !== "known"
                    ? "its key policy cannot be read (unknown during preview or not a policy document)"
                    : !deny
                      ? "its key policy does not deny use on data to every principal but the gateway's and service roles"
                      : principalProblem(
                            conditionValues(
                                deny,
                                ["ArnNotEquals", "ArnNotLike"],
                                "aws:PrincipalArn",
                            )!,
                            allowed,
                            accounts,
                        );
            if (problem)
                findings.push({
                    urn: key.urn,
                    message: `${label(key)} encrypts protected data, but ${doc.kind === "known" && deny ? `its key policy lets ${problem} use it` : problem}. Fix: give SiteKeys restrictedUse for the protected class.`,
                });
        }

        // IAM: no role but the gateway's and services' may be granted data access.
        for (const r of [...graph.ofType(ROLE_POLICY), ...graph.ofType(MANAGED_POLICY)].filter(
            inEnclave,
        )) {
            const doc = parseDocument(r.props.policy);
            const onProtected = (r.propertyDependencies?.policy ?? []).some((u) =>
                protectedUrns.has(u),
            );
            // A document that cannot be read but is built from a protected store fails closed.
            const grants =
                doc.kind !== "known"
                    ? onProtected
                    : doc.statements.some(
                          (s) =>
                              s.effect === "Allow" &&
                              (coversAny(s, S3_DATA) || coversAny(s, KMS_DATA)) &&
                              reachesProtected(r, s, protectedUrns),
                      );
            if (!grants) continue;
            const roles =
                r.type === ROLE_POLICY
                    ? graph.dependenciesOf(r, "role", [ROLE_TYPE])
                    : graph
                          .dependentsOf(r, "policyArn", ATTACHMENT)
                          .flatMap((a) => graph.dependenciesOf(a, "role", [ROLE_TYPE]));
            for (const role of roles.filter((x) => !ALLOWED.includes(controlRoleOf(x) as never)))
                findings.push({
                    urn: r.urn,
                    message: `${label(r)} grants ${label(role)} access to protected stores, and that role is neither the gateway's nor a site service's (clover.io/role ${String(controlRoleOf(role) ?? "unset")}). Fix: reach protected data through the data-access gateway's roles.`,
                });
        }
        for (const a of graph.ofType(ATTACHMENT).filter(inEnclave)) {
            const arn = a.props.policyArn;
            const name =
                typeof arn === "string"
                    ? /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1]
                    : undefined;
            if (!name || !DATA_GRANTING_MANAGED_POLICIES.includes(name)) continue;
            for (const role of graph
                .dependenciesOf(a, "role", [ROLE_TYPE])
                .filter((x) => !ALLOWED.includes(controlRoleOf(x) as never)))
                findings.push({
                    urn: a.urn,
                    message: `${label(a)} attaches ${name} to ${label(role)}, which grants it every bucket's objects, protected ones included. Fix: grant narrower permissions; data goes through the gateway's roles.`,
                });
        }
        return findings;
    },
};

const READ_VERB = /^(Get|List|Describe|Lookup|BatchGet|Search|Select|View)/;

export const auditorReadOnly: SecurityPolicy = {
    name: "auditor-read-only",
    description:
        "The auditor's role is assumable only from one other account with an external ID, reads the archive and describes resources, and can change nothing and read no protected data.",
    severity: "critical",
    remediationSteps:
        "Keep the auditor's role as SiteMonitor builds it: trust one account's root with sts:ExternalId, SecurityAudit attached, read-only access to the audit archive only.",
    evaluate(graph) {
        const findings: Finding[] = [];
        const archives = new Set(archiveBuckets(graph).map((b) => b.urn));
        const archiveKeys = new Set(
            graph
                .ofType(KEY_TYPE)
                .filter((r) => controlRoleOf(r) === "audit-archive")
                .map((r) => r.urn),
        );
        for (const role of graph.ofType(ROLE_TYPE).filter((r) => controlRoleOf(r) === "auditor")) {
            const fail = (urn: string, problem: string) =>
                findings.push({
                    urn,
                    message: `The auditor's ${label(role)} ${problem}. Fix: keep the auditor read-only, as SiteMonitor builds it.`,
                });
            const trust = parseDocument(role.props.assumeRolePolicy);
            if (trust.kind !== "known") fail(role.urn, "has a trust policy that cannot be read");
            else
                for (const s of trust.statements.filter((x) => x.effect === "Allow")) {
                    const externalId = conditionValues(s, ["StringEquals"], "sts:ExternalId");
                    const accounts = new Set(s.principals.aws.map(accountOf));
                    if (
                        s.principals.any ||
                        s.principals.services.length > 0 ||
                        accounts.has(undefined) ||
                        accounts.size !== 1
                    )
                        fail(
                            role.urn,
                            `can be assumed by more than one account's principals (statement ${s.sid})`,
                        );
                    if (!externalId || externalId.length === 0)
                        fail(
                            role.urn,
                            `can be assumed without an external ID (statement ${s.sid} has no StringEquals sts:ExternalId)`,
                        );
                }
            for (const a of graph.dependentsOf(role, "role", ATTACHMENT)) {
                const arn = a.props.policyArn;
                const name =
                    typeof arn === "string"
                        ? /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/.exec(arn)?.[1]
                        : undefined;
                if (!name || !AUDITOR_MANAGED_POLICIES.includes(name))
                    fail(
                        a.urn,
                        `has the policy ${typeof arn === "string" ? arn : "(unknown)"} attached; only ${AUDITOR_MANAGED_POLICIES.join(", ")} describe without reading data`,
                    );
            }
            for (const p of graph.dependentsOf(role, "role", ROLE_POLICY)) {
                const doc = parseDocument(p.props.policy);
                if (doc.kind !== "known") {
                    fail(p.urn, `has the inline policy "${p.name}", which cannot be read`);
                    continue;
                }
                const targets = p.propertyDependencies?.policy ?? [];
                const onlyArchive =
                    targets.length > 0 &&
                    targets.every((u) => archives.has(u) || archiveKeys.has(u));
                for (const s of doc.statements.filter((x) => x.effect === "Allow")) {
                    const writes =
                        s.notActions.length > 0
                            ? ["notAction"]
                            : s.actions.filter(
                                  (a) =>
                                      typeof a !== "string" ||
                                      !READ_VERB.test(a.split(":")[1] ?? ""),
                              );
                    const decrypts = s.actions.some((a) => a === "kms:Decrypt");
                    if (writes.filter((a) => a !== "kms:Decrypt").length > 0)
                        fail(
                            p.urn,
                            `may ${writes
                                .filter((a) => a !== "kms:Decrypt")
                                .map(String)
                                .join(
                                    ", ",
                                )} (statement ${s.sid} of "${p.name}"), which is not read-only`,
                        );
                    if (
                        (coversAny(s, ["s3:GetObject"]) || decrypts) &&
                        (!onlyArchive || s.resources.includes("*"))
                    )
                        fail(
                            p.urn,
                            `may read data beyond the audit archive (statement ${s.sid} of "${p.name}")`,
                        );
                }
            }
        }
        return findings;
    },
};
