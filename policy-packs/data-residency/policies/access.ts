import {
    append,
    AWS_TYPES,
    awsWhere,
    breaksResidency,
    label,
    type Plain,
    residencyMessage,
    type ResourceView,
    type StackGraph,
} from "@clover/residency-model";
import type { CloverStackPolicy, Finding } from "../lib/policy";

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

interface Grant {
    readonly role: ResourceView;
    /** The IAM resource that carries the document. */
    readonly via: ResourceView;
}

/**
 * For every resource an IAM document depends on, the roles that document is granted to, when it
 * allows reading. Built once per stack (linear in the number of resources).
 */
function readGrants(graph: StackGraph): Map<string, Grant[]> {
    const grants = new Map<string, Grant[]>();
    const add = (targets: readonly string[], grant: Grant) => {
        for (const urn of targets) append(grants, urn, grant);
    };
    for (const r of graph.resources) {
        if (r.type === "aws:iam/rolePolicy:RolePolicy" && allowsRead(r.props.policy)) {
            for (const role of graph.dependenciesOf(r, "role", [ROLE]))
                add(r.propertyDependencies?.policy ?? [], { role, via: r });
        } else if (r.type === ROLE) {
            add(r.propertyDependencies?.inlinePolicies ?? [], { role: r, via: r });
        } else if (r.type === POLICY && allowsRead(r.props.policy)) {
            for (const attachment of graph.dependentsOf(
                r,
                "policyArn",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            )) {
                for (const role of graph.dependenciesOf(attachment, "role", [ROLE]))
                    add(r.propertyDependencies?.policy ?? [], { role, via: r });
            }
        }
    }
    return grants;
}

/** For every role (and instance profile), the compute resources that run as it. */
function principalsByIdentity(graph: StackGraph): Map<string, ResourceView[]> {
    const profiles = new Map<string, string>();
    for (const p of graph.resources) {
        if (p.type !== "aws:iam/instanceProfile:InstanceProfile") continue;
        for (const role of p.propertyDependencies?.role ?? []) profiles.set(p.urn, role);
    }
    const byRole = new Map<string, ResourceView[]>();
    for (const r of graph.resources) {
        for (const key of PRINCIPALS[r.type] ?? []) {
            for (const identity of r.propertyDependencies?.[key] ?? []) {
                const role = profiles.get(identity) ?? identity;
                append(byRole, role, r);
            }
        }
    }
    return byRole;
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
        const grants = readGrants(graph);
        const principals = principalsByIdentity(graph);
        for (const store of graph.resources) {
            const info = AWS_TYPES[store.type];
            if (!info || info.kind !== "store") continue;
            const storeGrants = grants.get(store.urn);
            if (!storeGrants) continue;
            const c = graph.classOf(store);
            if (c.kind !== "class" || c.value !== "protected") continue;
            for (const { role, via } of storeGrants) {
                for (const principal of principals.get(role.urn) ?? []) {
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
