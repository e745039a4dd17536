import { AWS_TYPES } from "../lib/catalog";
import { breaksResidency } from "../lib/decide";
import type { StackGraph } from "../lib/graph";
import { label, residencyMessage } from "../lib/messages";
import type { CloverStackPolicy, Finding } from "../lib/policy";
import { awsWhere } from "../lib/where";
import type { Plain, ResourceView } from "../lib/view";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";

/** Compute that runs as a role, and the inputs that name the role (or instance profile). */
const PRINCIPALS: Readonly<Record<string, readonly string[]>> = {
    "aws:lambda/function:Function": ["role"],
    "aws:ecs/taskDefinition:TaskDefinition": ["taskRoleArn", "executionRoleArn"],
    "aws:ec2/instance:Instance": ["iamInstanceProfile"],
    "aws:glue/job:Job": ["roleArn"],
    "aws:eks/podIdentityAssociation:PodIdentityAssociation": ["roleArn"],
    "aws:sagemaker/notebookInstance:NotebookInstance": ["roleArn"],
    "aws:batch/computeEnvironment:ComputeEnvironment": ["serviceRole"],
};

/** Actions that read data, by pattern: the read verbs of the data services, and wildcards. */
const READ_ACTION =
    /^(\*|[a-z0-9-]+:\*|s3:(Get|List)\w*|dynamodb:(Get|BatchGet|Query|Scan|PartiQLSelect)\w*|kms:(Decrypt|ReEncrypt\w*|GenerateDataKey\w*)|secretsmanager:(GetSecretValue|BatchGetSecretValue)|rds-db:connect|rds-data:\w+|sqs:ReceiveMessage|kinesis:(Get|Subscribe)\w*|elasticfilesystem:Client(Mount|RootAccess)|es:ESHttp(Get|Post)|logs:(Get|FilterLogEvents|StartQuery)\w*|ecr:(BatchGet|GetDownload)\w*)$/i;

/** Whether a policy document (as text) allows some read action; unknown documents are assumed to. */
export function allowsRead(document: Plain): boolean {
    if (typeof document !== "string") return true;
    let parsed: { Statement?: unknown };
    try {
        parsed = JSON.parse(document) as { Statement?: unknown };
    } catch {
        return true;
    }
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return statements.some((s) => {
        const st = s as { Effect?: string; Action?: string | string[] };
        if (st?.Effect !== "Allow") return false;
        const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
        return actions.some((a) => typeof a === "string" && READ_ACTION.test(a));
    });
}

/** The roles to which each IAM policy resource grants a document that reads `store`. */
function rolesReading(
    store: ResourceView,
    graph: StackGraph,
): { role: ResourceView; via: ResourceView }[] {
    const found: { role: ResourceView; via: ResourceView }[] = [];
    const refersToStore = (r: ResourceView, key: string) =>
        (r.propertyDependencies?.[key] ?? []).includes(store.urn);
    for (const r of graph.resources) {
        if (
            r.type === "aws:iam/rolePolicy:RolePolicy" &&
            refersToStore(r, "policy") &&
            allowsRead(r.props.policy)
        ) {
            for (const role of graph.dependenciesOf(r, "role", [ROLE]))
                found.push({ role, via: r });
        }
        if (r.type === ROLE && refersToStore(r, "inlinePolicies")) {
            found.push({ role: r, via: r });
        }
        if (r.type === POLICY && refersToStore(r, "policy") && allowsRead(r.props.policy)) {
            for (const attachment of graph.resources) {
                if (attachment.type !== "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                    continue;
                if (!(attachment.propertyDependencies?.policyArn ?? []).includes(r.urn)) continue;
                for (const role of graph.dependenciesOf(attachment, "role", [ROLE]))
                    found.push({ role, via: r });
            }
        }
    }
    return found;
}

/** Compute resources that run as `role`, directly or through an instance profile. */
function principalsOf(role: ResourceView, graph: StackGraph): ResourceView[] {
    const profiles = graph.resources.filter(
        (p) =>
            p.type === "aws:iam/instanceProfile:InstanceProfile" &&
            (p.propertyDependencies?.role ?? []).includes(role.urn),
    );
    const identities = new Set([role.urn, ...profiles.map((p) => p.urn)]);
    return graph.resources.filter((r) =>
        (PRINCIPALS[r.type] ?? []).some((key) =>
            (r.propertyDependencies?.[key] ?? []).some((u) => identities.has(u)),
        ),
    );
}

export const remoteReaders: CloverStackPolicy = {
    scope: "stack",
    name: "remote-readers",
    description:
        "No principal in an unapproved location (a function or task in another region) is granted read access to a protected store.",
    severity: "critical",
    remediationSteps:
        "Run whatever reads protected data in an approved location (through the site's provider), or remove its read grant on the protected store.",
    evaluate: (graph, { settings }) => {
        const findings: Finding[] = [];
        for (const store of graph.resources) {
            const info = AWS_TYPES[store.type];
            if (!info || info.kind !== "store") continue;
            const c = graph.classOf(store);
            if (c.kind !== "class" || c.value !== "protected") continue;
            for (const { role, via } of rolesReading(store, graph)) {
                for (const principal of principalsOf(role, graph)) {
                    const where = awsWhere(principal);
                    if (!breaksResidency(settings, "protected", where)) continue;
                    findings.push({
                        urn: principal.urn,
                        message: residencyMessage({
                            resource: principal,
                            dataClass: "protected",
                            classSource: `it can read ${label(store)} through role "${role.name}" (${via.type.split(":")[2]} "${via.name}")`,
                            subject: "it",
                            where,
                            settings,
                            fix: `run ${principal.name} through the site's provider in an approved location, or remove the grant on ${store.name} from role ${role.name}.`,
                        }),
                    });
                }
            }
        }
        return findings;
    },
};
