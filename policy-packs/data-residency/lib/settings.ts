/**
 * The residency pack's settings: where each data class may live, the registry of approved
 * Kubernetes clusters, and time-boxed waivers. They live in `config.yaml` beside the pack, so that
 * every change to them is reviewed like code; `CLOVER_RESIDENCY_CONFIG` names another file (the
 * offline plan's `--policy-config`, and the tests). A settings file that does not validate stops
 * the pack before it analyses anything: the preview fails instead of passing unchecked.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { z } from "zod";
import {
    DEFAULT_APPROVED_LOCATIONS,
    locationInfo,
    type DataClass,
    type Location,
} from "../../../vocabulary";

export const SETTINGS_FILE_ENV = "CLOVER_RESIDENCY_CONFIG";
/** Overrides today's date (YYYY-MM-DD) for waiver expiry; for tests and for replaying a past run. */
export const TODAY_ENV = "CLOVER_RESIDENCY_TODAY";
export const DEFAULT_SETTINGS_FILE = path.join(__dirname, "..", "config.yaml");

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

export interface Settings {
    readonly file: string;
    readonly approvedLocations: Readonly<Record<DataClass, Approval>>;
    readonly clusters: readonly ClusterEntry[];
    readonly waivers: readonly Waiver[];
    /** Today, UTC, as YYYY-MM-DD. */
    readonly today: string;
}

const location = z
    .string()
    .refine((l) => /^(aws|onprem):/.test(l) && locationInfo(l) !== undefined, {
        message:
            "is not a known location (aws:<region> or onprem:<campus>, e.g. aws:eu-west-1, onprem:hamar)",
    });
const approval = z.union([z.literal("europe"), z.literal("anywhere"), z.array(location).min(1)]);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

const schema = z
    .object({
        approvedLocations: z
            .object({ protected: approval, internal: approval, public: approval })
            .partial()
            .strict()
            .default({}),
        clusters: z
            .array(
                z
                    .object({
                        name: z.string().min(1),
                        server: z.string().url().startsWith("https://", "must be an https:// URL"),
                        location,
                    })
                    .strict(),
            )
            .default([]),
        waivers: z
            .array(
                z
                    .object({
                        urn: z.string().startsWith("urn:pulumi:", "must be a resource URN"),
                        policy: z.string().min(1),
                        reason: z
                            .string()
                            .trim()
                            .min(1, "is required: say why the data is still there"),
                        ticket: z.string().trim().min(1, "is required: the migration ticket"),
                        expires: isoDate,
                    })
                    .strict(),
            )
            .default([]),
    })
    .strict();

/** Thrown for a settings file that does not validate; names the file, the key and the fix. */
export class SettingsError extends Error {
    constructor(file: string, problems: string[]) {
        super(
            `data-residency settings ${file} are invalid:\n` +
                problems.map((p) => `  - ${p}`).join("\n") +
                `\nFix the file (see policy-packs/data-residency/README.md for the schema).`,
        );
        this.name = "SettingsError";
    }
}

/** Parses and validates settings text. Pure. */
export function parseSettings(text: string, file: string, today: string): Settings {
    let raw: unknown;
    try {
        raw = YAML.parse(text) ?? {};
    } catch (err) {
        throw new SettingsError(file, [`not valid YAML: ${(err as Error).message}`]);
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
        throw new SettingsError(
            file,
            result.error.issues.map(
                (i) =>
                    `${i.path.join(".") || "(top level)"}: ${i.message}${shownValue(raw, i.path)}`,
            ),
        );
    }
    const problems: string[] = [];
    result.data.waivers.forEach((w, i) => {
        if (!isCalendarDate(w.expires)) {
            problems.push(`waivers.${i}.expires: "${w.expires}" is not a calendar date`);
        }
    });
    const servers = new Set<string>();
    result.data.clusters.forEach((c, i) => {
        const key = normaliseServer(c.server);
        if (servers.has(key))
            problems.push(`clusters.${i}.server: ${c.server} is registered twice`);
        servers.add(key);
    });
    if (problems.length > 0) throw new SettingsError(file, problems);
    return {
        file,
        approvedLocations: {
            ...DEFAULT_APPROVED_LOCATIONS,
            ...result.data.approvedLocations,
        } as Record<DataClass, Approval>,
        clusters: result.data.clusters as ClusterEntry[],
        waivers: result.data.waivers,
        today,
    };
}

function isCalendarDate(text: string): boolean {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function shownValue(raw: unknown, at: (string | number)[]): string {
    let value: unknown = raw;
    for (const key of at) value = (value as Record<string | number, unknown> | undefined)?.[key];
    return value === undefined ? "" : ` (got ${JSON.stringify(value)})`;
}

let cached: Settings | undefined;

/** The pack's settings, read once per process from the file the environment names. */
export function loadSettings(): Settings {
    if (cached) return cached;
    const file = process.env[SETTINGS_FILE_ENV]
        ? path.resolve(process.env[SETTINGS_FILE_ENV])
        : DEFAULT_SETTINGS_FILE;
    if (!fs.existsSync(file)) throw new SettingsError(file, ["file not found"]);
    const today = process.env[TODAY_ENV] ?? new Date().toISOString().slice(0, 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
        throw new SettingsError(file, [
            `${TODAY_ENV}="${today}" must be a date written YYYY-MM-DD`,
        ]);
    }
    cached = parseSettings(fs.readFileSync(file, "utf8"), file, today);
    return cached;
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
