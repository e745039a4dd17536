/**
 * The residency settings: where each data class may live, the registry of approved Kubernetes
 * clusters, and time-boxed waivers. They are policy config (`--policy-pack-config FILE.json`, a
 * policy group's config in Pulumi Cloud): {@link SETTINGS_CONFIG_SCHEMA} is the `configSchema` of
 * every residency policy, its defaults are the enclave's, and {@link parseSettings} validates what
 * the engine hands a policy. Nothing here reads a file or the environment.
 *
 * One zod schema is the single statement of the shape: the engine validates the JSON Schema
 * generated from it before the pack runs, and {@link parseSettings} checks the same shape again
 * plus what JSON Schema cannot say (calendar dates, the waiver horizon, duplicates, the
 * acknowledgement that protected data may leave Europe).
 */
import { z } from "zod/v4";
import {
    DEFAULT_APPROVED_LOCATIONS,
    locationInfo,
    type DataClass,
    type Location,
} from "@clover/vocabulary";

export type Approval = readonly Location[] | "europe" | "anywhere";

export interface ClusterEntry {
    readonly name: string;
    /** The API server URL, as in a kubeconfig's `clusters[].cluster.server`. */
    readonly server: string;
    readonly location: Location;
}

export interface Waiver {
    /** The URN of the waived resource. */
    readonly urn: string;
    /** The policy whose violation is waived. */
    readonly policy: string;
    readonly reason: string;
    readonly ticket: string;
    /** Last day (inclusive, UTC) on which the waiver holds. */
    readonly expires: string;
}

/** The explicit, reviewed decision to approve protected data outside Europe. */
export interface OutsideEuropeAcknowledgement {
    /** Exactly the non-European locations (or `anywhere`) approved for protected data. */
    readonly locations: readonly string[];
    readonly reason: string;
    readonly ticket: string;
}

export interface Settings {
    readonly approvedLocations: Readonly<Record<DataClass, Approval>>;
    readonly protectedOutsideEurope?: OutsideEuropeAcknowledgement;
    readonly clusters: readonly ClusterEntry[];
    readonly waivers: readonly Waiver[];
    /** How far ahead a waiver may expire, in days from today. */
    readonly waiverHorizonDays: number;
    /** Today, UTC, as YYYY-MM-DD: the day waivers are judged against. */
    readonly today: string;
}

/** The enclave's registered on-premises cluster: the Hamar campus. */
export const DEFAULT_CLUSTERS: readonly ClusterEntry[] = [
    {
        name: "hamar",
        server: "https://api.k8s.hamar.clover.internal:6443",
        location: "onprem:hamar",
    },
];

/** A waiver may run at most this long unless the config says otherwise. */
export const DEFAULT_WAIVER_HORIZON_DAYS = 365;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const location = z
    .string()
    .regex(/^(aws|onprem):[a-z0-9-]+$/, "must be aws:<region> or onprem:<campus>")
    .refine((l) => locationInfo(l) !== undefined, {
        message: "is not a known location (e.g. aws:eu-west-1, onprem:hamar)",
    });
const approval = z.union([z.enum(["europe", "anywhere"]), z.array(location).min(1)]);
const required = (what: string) => z.string().trim().min(1, `is required: ${what}`);

const cluster = z
    .object({
        name: z.string().min(1),
        server: z.string().regex(/^https:\/\/[^\s/]+/, "must be an https:// URL"),
        location,
    })
    .strict();

const waiver = z
    .object({
        urn: z.string().startsWith("urn:pulumi:", "must be a resource URN"),
        policy: z.string().min(1),
        reason: required("say why the data is still there"),
        ticket: required("the migration ticket"),
        expires: z.string().regex(DATE, "must be a date written YYYY-MM-DD"),
    })
    .strict();

const schema = z
    .object({
        approvedLocations: z
            .object({ protected: approval, internal: approval, public: approval })
            .partial()
            .strict()
            .default({ ...DEFAULT_APPROVED_LOCATIONS } as never),
        protectedOutsideEurope: z
            .object({
                locations: z.array(z.string().min(1)).min(1),
                reason: required("say why protected data may leave Europe"),
                ticket: required("the ticket of the decision"),
            })
            .strict()
            .optional(),
        clusters: z.array(cluster).default(DEFAULT_CLUSTERS as never),
        waivers: z.array(waiver).default([]),
        waiverHorizonDays: z
            .number()
            .int()
            .min(1)
            .max(5 * 366)
            .default(DEFAULT_WAIVER_HORIZON_DAYS),
    })
    .strict();

/**
 * The residency policies' `configSchema`, in the form @pulumi/policy takes (`properties` of JSON
 * Schema draft 7, with the enclave's defaults). The engine fills the defaults in and validates a
 * `--policy-pack-config` file against it before any resource is analysed.
 */
export const SETTINGS_CONFIG_SCHEMA: {
    readonly properties: Record<string, Record<string, unknown>>;
} = (() => {
    const json = z.toJSONSchema(schema, { target: "draft-7", io: "input" }) as {
        properties: Record<string, Record<string, unknown>>;
    };
    return { properties: json.properties };
})();

/** Thrown for settings that do not validate; names the policy, the key, the value and the fix. */
export class SettingsError extends Error {
    constructor(
        readonly source: string,
        readonly problems: readonly string[],
    ) {
        super(
            `data-residency settings of ${source} are invalid:\n` +
                problems.map((p) => `  - ${p}`).join("\n") +
                `\nFix the policy config (--policy-pack-config; schema in policy-packs/data-residency/README.md).`,
        );
        this.name = "SettingsError";
    }
}

export interface ParseContext {
    /** What the settings belong to, for messages (`policy aws-data-location`). */
    readonly source: string;
    /** Today, UTC, YYYY-MM-DD. */
    readonly today: string;
    /**
     * The policies a waiver may name. Absent only where settings are read for locations alone
     * (the plan's report), never in a policy.
     */
    readonly policies?: readonly string[];
}

/** Validates one policy's config (the engine's `getConfig()`) into settings. Pure. */
export function parseSettings(config: unknown, ctx: ParseContext): Settings {
    if (!isCalendarDate(ctx.today))
        throw new SettingsError(ctx.source, [
            `today: "${ctx.today}" is not a calendar date written YYYY-MM-DD`,
        ]);
    const result = schema.safeParse(config ?? {});
    if (!result.success) {
        throw new SettingsError(
            ctx.source,
            result.error.issues
                .flatMap(specific)
                .map(
                    (i) =>
                        `${i.path.join(".") || "(top level)"}: ${i.message}${i.path.length > 0 ? shownValue(config, i.path) : ""}`,
                ),
        );
    }
    const data = result.data;
    const approvedLocations = {
        ...DEFAULT_APPROVED_LOCATIONS,
        ...data.approvedLocations,
    } as Record<DataClass, Approval>;
    const problems = [
        ...waiverProblems(data.waivers, data.waiverHorizonDays, ctx),
        ...clusterProblems(data.clusters as ClusterEntry[]),
        ...acknowledgementProblems(approvedLocations.protected, data.protectedOutsideEurope),
    ];
    if (problems.length > 0) throw new SettingsError(ctx.source, problems);
    return {
        approvedLocations,
        protectedOutsideEurope: data.protectedOutsideEurope,
        clusters: data.clusters as ClusterEntry[],
        waivers: data.waivers,
        waiverHorizonDays: data.waiverHorizonDays,
        today: ctx.today,
    };
}

function waiverProblems(
    waivers: readonly Waiver[],
    horizonDays: number,
    ctx: ParseContext,
): string[] {
    const problems: string[] = [];
    const latest = addDays(ctx.today, horizonDays);
    const seen = new Map<string, number>();
    waivers.forEach((w, i) => {
        if (ctx.policies && !ctx.policies.includes(w.policy))
            problems.push(
                `waivers.${i}.policy: "${w.policy}" is not a policy of the pack that can be waived (one of ${ctx.policies.join(", ")}): put the waiver under the policy it waives`,
            );
        if (!isCalendarDate(w.expires))
            problems.push(`waivers.${i}.expires: "${w.expires}" is not a calendar date`);
        else if (w.expires > latest)
            problems.push(
                `waivers.${i}.expires: "${w.expires}" is more than ${horizonDays} days ahead (latest allowed: ${latest}); a waiver is time-boxed: set an earlier expiry and renew it when it runs out`,
            );
        const key = `${w.urn}|${w.policy}`;
        const first = seen.get(key);
        if (first !== undefined)
            problems.push(
                `waivers.${i}: waives ${w.policy} on ${w.urn} again (first at waivers.${first}); keep one`,
            );
        else seen.set(key, i);
    });
    return problems;
}

function clusterProblems(clusters: readonly ClusterEntry[]): string[] {
    const problems: string[] = [];
    const names = new Map<string, number>();
    const servers = new Map<string, number>();
    clusters.forEach((c, i) => {
        const byName = names.get(c.name);
        if (byName !== undefined)
            problems.push(
                `clusters.${i}.name: "${c.name}" is registered twice (first at clusters.${byName}); cluster names are unique`,
            );
        else names.set(c.name, i);
        const key = normaliseServer(c.server);
        const byServer = servers.get(key);
        if (byServer !== undefined)
            problems.push(
                `clusters.${i}.server: ${c.server} is registered twice (first at clusters.${byServer})`,
            );
        else servers.set(key, i);
    });
    return problems;
}

/**
 * Protected data approved outside Europe (a non-European location, or `anywhere`) needs an
 * acknowledgement that lists exactly those locations, with a reason and a ticket.
 */
function acknowledgementProblems(
    approval: Approval,
    ack: OutsideEuropeAcknowledgement | undefined,
): string[] {
    const outside =
        approval === "anywhere"
            ? ["anywhere"]
            : approval === "europe"
              ? []
              : approval.filter((l) => locationInfo(l)?.european !== true);
    const acknowledged = [...(ack?.locations ?? [])].sort();
    if (outside.length === 0) {
        return ack
            ? [
                  `protectedOutsideEurope: acknowledges ${acknowledged.join(", ")}, but approvedLocations.protected approves nothing outside Europe; remove the acknowledgement`,
              ]
            : [];
    }
    if (JSON.stringify([...outside].sort()) === JSON.stringify(acknowledged)) return [];
    return [
        `approvedLocations.protected: approves ${outside.join(", ")} outside Europe for European users' personal data; ` +
            (ack
                ? `protectedOutsideEurope.locations lists ${acknowledged.join(", ")}: list exactly the approved non-European locations`
                : `that needs protectedOutsideEurope: { locations: ${JSON.stringify(outside)}, reason, ticket }, or approve only European locations`),
    ];
}

interface Issue {
    readonly path: readonly PropertyKey[];
    readonly message: string;
    readonly code?: string;
    readonly errors?: readonly (readonly Issue[])[];
}

/**
 * A union's "invalid input" says nothing; the branch that got furthest (an array of locations
 * with one bad entry, say) says what is wrong, so that branch's issues are reported.
 */
function specific(issue: Issue): readonly Issue[] {
    if (issue.code !== "invalid_union" || !issue.errors?.length) return [issue];
    const depth = (issues: readonly Issue[]) => Math.max(0, ...issues.map((i) => i.path.length));
    const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
    if (depth(best) === 0) return [issue];
    return best.flatMap((i) => specific({ ...i, path: [...issue.path, ...i.path] }));
}

/**
 * Whether `text` is a real day written YYYY-MM-DD: it must survive the round trip through a UTC
 * date unchanged, which rejects other spellings as well as days that do not exist.
 */
export function isCalendarDate(text: string): boolean {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function addDays(day: string, days: number): string {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
}

/** Today in UTC, as YYYY-MM-DD. */
export function utcToday(now: Date = new Date()): string {
    return now.toISOString().slice(0, 10);
}

function shownValue(raw: unknown, at: readonly PropertyKey[]): string {
    let value: unknown = raw;
    for (const key of at)
        value = (value as Record<PropertyKey, unknown> | undefined)?.[key as never];
    return value === undefined ? "" : ` (got ${JSON.stringify(value)})`;
}

/** Whether `dataClass` may live at `where`. */
export function isApproved(settings: Settings, dataClass: DataClass, where: Location): boolean {
    const approval = settings.approvedLocations[dataClass];
    if (approval === "anywhere") return true;
    if (approval === "europe") return locationInfo(where)?.european === true;
    return approval.includes(where);
}

/** The approved locations of a class, for messages. */
export function describeApproval(settings: Settings, dataClass: DataClass): string {
    const approval = settings.approvedLocations[dataClass];
    if (approval === "anywhere") return "any location";
    if (approval === "europe") return "any European location (EEA, UK, Switzerland)";
    return approval.join(", ");
}

/** API server URLs compare without a trailing slash and case-insensitively in the host. */
export function normaliseServer(server: string): string {
    try {
        const url = new URL(server);
        return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, "")}`;
    } catch {
        return server.replace(/\/+$/, "");
    }
}
