/**
 * IAM policy documents as the pack reads them: given as a structured input (where a value unknown
 * during preview leaves only its own place unknown) or as JSON text. A document that is unknown as
 * a whole cannot be checked, and the policies treat that as a violation for protected data.
 */
import { isUnknown, type Plain, type PlainObject } from "@clover/residency-model";

/** One statement, normalised: lists everywhere, `UNKNOWN` kept where the value is unknown. */
export interface PolicyStatement {
    readonly sid: string;
    readonly effect: "Allow" | "Deny";
    /** `*` for everyone; AWS principals (ARNs or account IDs); service principals. */
    readonly principals: {
        readonly any: boolean;
        readonly aws: Plain[];
        readonly services: Plain[];
    };
    /** Whether the statement has a `Principal` at all (identity policies have none). */
    readonly hasPrincipal: boolean;
    readonly actions: Plain[];
    readonly notActions: Plain[];
    readonly resources: Plain[];
    /** Operator to key to values. */
    readonly conditions: Readonly<Record<string, Readonly<Record<string, Plain[]>>>>;
}

export type ParsedDocument =
    | { readonly kind: "known"; readonly statements: PolicyStatement[] }
    | { readonly kind: "unknown" }
    | { readonly kind: "invalid"; readonly why: string };

export function parseDocument(value: Plain): ParsedDocument {
    if (isUnknown(value)) return { kind: "unknown" };
    let doc: Plain = value;
    if (typeof value === "string") {
        try {
            doc = JSON.parse(value) as Plain;
        } catch {
            return { kind: "invalid", why: "it is not JSON" };
        }
    }
    if (doc === null || typeof doc !== "object" || Array.isArray(doc) || isUnknown(doc))
        return { kind: "invalid", why: "it is not a policy document" };
    const raw = doc.Statement;
    if (isUnknown(raw)) return { kind: "unknown" };
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const statements: PolicyStatement[] = [];
    for (const s of list) {
        if (isUnknown(s)) return { kind: "unknown" };
        if (s === null || typeof s !== "object" || Array.isArray(s))
            return { kind: "invalid", why: "a statement is not an object" };
        statements.push(normalise(s, statements.length));
    }
    return { kind: "known", statements };
}

function listOf(value: Plain): Plain[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

function normalise(s: PlainObject, index: number): PolicyStatement {
    const principal = s.Principal;
    const aws: Plain[] = [];
    const services: Plain[] = [];
    let any = principal === "*";
    if (isUnknown(principal)) aws.push(principal);
    else if (principal && typeof principal === "object" && !Array.isArray(principal)) {
        for (const p of listOf(principal.AWS)) {
            if (p === "*") any = true;
            else aws.push(p);
        }
        services.push(...listOf(principal.Service));
        for (const p of listOf(principal.Federated)) aws.push(p);
    }
    const conditions: Record<string, Record<string, Plain[]>> = {};
    const condition = s.Condition;
    if (condition && typeof condition === "object" && !Array.isArray(condition)) {
        for (const [operator, block] of Object.entries(condition)) {
            if (block && typeof block === "object" && !Array.isArray(block) && !isUnknown(block)) {
                conditions[operator] = Object.fromEntries(
                    Object.entries(block).map(([k, v]) => [k, listOf(v)]),
                );
            }
        }
    }
    return {
        sid: typeof s.Sid === "string" ? s.Sid : `#${index + 1}`,
        effect: s.Effect === "Deny" ? "Deny" : "Allow",
        principals: { any, aws, services },
        hasPrincipal: principal !== undefined,
        actions: listOf(s.Action),
        notActions: listOf(s.NotAction),
        resources: listOf(s.Resource),
        conditions,
    };
}

/** Whether an IAM action pattern (`s3:Get*`, `*`) covers an action (`s3:GetObject`). */
export function actionMatches(pattern: Plain, action: string): boolean {
    if (typeof pattern !== "string") return isUnknown(pattern);
    const regex = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    return regex.test(action);
}

/** Whether a statement's actions cover any of `actions` (a `NotAction` statement covers the rest). */
export function coversAny(statement: PolicyStatement, actions: readonly string[]): boolean {
    if (statement.notActions.length > 0)
        return actions.some((a) => !statement.notActions.some((p) => actionMatches(p, a)));
    return actions.some((a) => statement.actions.some((p) => actionMatches(p, a)));
}

/** The values of a condition key under any of the operators given. */
export function conditionValues(
    statement: PolicyStatement,
    operators: readonly string[],
    key: string,
): Plain[] | undefined {
    for (const operator of operators) {
        const block = statement.conditions[operator];
        const entry =
            block && Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
        if (entry) return entry[1];
    }
    return undefined;
}

/** The account of an AWS principal (an ARN or a bare account ID), if it names one. */
export function accountOf(principal: Plain): string | undefined {
    if (typeof principal !== "string") return undefined;
    if (/^\d{12}$/.test(principal)) return principal;
    return /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):/.exec(principal)?.[2];
}
