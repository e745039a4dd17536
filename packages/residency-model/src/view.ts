/**
 * Unknown-safe views of resources. The policy SDK hands policies a proxy that throws
 * `UnknownValueError` when a policy touches a value that is unknown during preview, and the SDK
 * turns that into an advisory "can't run policy during preview" note: a protected bucket with a
 * computed region would pass. Every policy here reads resources through a snapshot instead, in
 * which unknown values are the {@link UNKNOWN} marker, so each policy decides what unknown means
 * (for protected data: a violation).
 */

/**
 * The policy SDK's UnknownValueError, loaded on the first error a property read throws: only the
 * SDK's proxies throw, so the offline plan's report (which snapshots plain records) never loads
 * the SDK, whose import alone costs it most of a second.
 */
type ErrorClass = new (...args: never[]) => Error;
let unknownValueError: ErrorClass | undefined;
function isUnknownValueError(err: unknown): boolean {
    if (!unknownValueError) {
        // Loaded lazily on purpose (see above).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const sdk: unknown = require("@pulumi/policy");
        unknownValueError = (sdk as { UnknownValueError: ErrorClass }).UnknownValueError;
    }
    return err instanceof unknownValueError;
}

/** Marks a value that is unknown during preview. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export type Plain =
    string | number | boolean | null | undefined | Unknown | Plain[] | { [key: string]: Plain };
export type PlainObject = { [key: string]: Plain };

/** A resource as the policies see it. */
export interface ResourceView {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: PlainObject;
    readonly provider?: ProviderView;
    /** Only in stack policies: the resources each top-level input depends on. */
    readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
    readonly dependencies?: readonly string[];
    readonly parent?: string;
    /** Only in stack policies: whether the resource has the `protect` option. */
    readonly protect?: boolean;
}

export interface ProviderView {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly props: PlainObject;
}

/**
 * The policy SDK's proxies hand out their target under this key. Reading the target directly
 * avoids a proxy trap (and a path array) per property, which dominates the cost of large stacks.
 * When the key is not supported, {@link snapshot} takes the slower path through the proxy.
 */
const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The SDK marks unknown values with UUID-shaped sentinel strings. Only strings of that shape can
 * be unknown; each of them is read through the proxy, which says (by throwing
 * `UnknownValueError`) whether it is one. `test/policies/view.test.ts` pins this.
 */
const SENTINEL_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Copies a (possibly proxied) property bag, turning unknown values into {@link UNKNOWN}. */
export function snapshot(value: unknown): Plain {
    const target =
        value !== null && typeof value === "object"
            ? (value as Record<string, unknown>)[PROXY_TARGET]
            : undefined;
    if (target !== null && typeof target === "object") return fastCopy(target, () => value);
    return slowCopy(value);
}

/**
 * Walks the proxy's target. Strings shaped like a sentinel are read through their proxy (got
 * lazily from the parent's), which is the SDK's own answer to whether they are unknown.
 */
function fastCopy(raw: unknown, proxy: () => unknown): Plain {
    if (raw === null || raw === undefined) return raw;
    if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") return raw;
    if (Array.isArray(raw)) return raw.map((v, i) => fastChild(v, proxy, i));
    if (typeof raw === "object") {
        const out: PlainObject = {};
        for (const key of Object.keys(raw))
            out[key] = fastChild((raw as Record<string, unknown>)[key], proxy, key);
        return out;
    }
    return undefined;
}

function fastChild(value: unknown, parent: () => unknown, key: string | number): Plain {
    if (typeof value === "string" && SENTINEL_SHAPE.test(value)) {
        return read(parent() as Record<string | number, unknown>, key);
    }
    return fastCopy(value, () => (parent() as Record<string | number, unknown>)[key]);
}

function slowCopy(value: unknown): Plain {
    if (value === null || value === undefined || value === UNKNOWN) return value;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
        return value;
    if (Array.isArray(value)) {
        const out: Plain[] = [];
        for (let i = 0; i < value.length; i++) out.push(read(value, i));
        return out;
    }
    if (typeof value === "object") {
        const out: PlainObject = {};
        for (const key of Object.keys(value))
            out[key] = read(value as Record<string, unknown>, key);
        return out;
    }
    return undefined;
}

function read(container: unknown[] | Record<string, unknown>, key: string | number): Plain {
    try {
        return snapshot((container as Record<string | number, unknown>)[key]);
    } catch (err) {
        if (isUnknownValueError(err)) return UNKNOWN;
        throw err;
    }
}

export function snapshotObject(value: unknown): PlainObject {
    const plain = snapshot(value);
    return plain !== null && typeof plain === "object" && !Array.isArray(plain) ? plain : {};
}

export function isUnknown(value: Plain): value is Unknown {
    return value === UNKNOWN;
}

/** A value found at a concrete path of a property bag. */
export interface Found {
    /** The concrete path, e.g. `replicationConfiguration.rules[0].destination.bucket`. */
    readonly path: string;
    readonly value: Plain;
}

/**
 * Selects values by a path with `[*]` for every element of a list:
 * `rules[*].destination.bucket`. A list or object that is itself unknown yields one
 * {@link UNKNOWN} value at the path reached so far, since anything could be inside it.
 */
export function select(root: Plain, path: string): Found[] {
    const steps = path.match(/[^.[\]]+|\[\*\]/g) ?? [];
    let current: Found[] = [{ path: "", value: root }];
    for (const step of steps) {
        const next: Found[] = [];
        for (const { path: at, value } of current) {
            if (isUnknown(value)) {
                next.push({ path: at, value });
            } else if (step === "[*]") {
                if (Array.isArray(value))
                    value.forEach((v, i) => next.push({ path: `${at}[${i}]`, value: v }));
            } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
                const child = value[step];
                if (child !== undefined && child !== null)
                    next.push({ path: at ? `${at}.${step}` : step, value: child });
            } else if (Array.isArray(value)) {
                // A single-element block written as a list (Terraform-style nesting): descend into each.
                value.forEach((v, i) => {
                    if (
                        v !== null &&
                        typeof v === "object" &&
                        !Array.isArray(v) &&
                        !isUnknown(v) &&
                        v[step] !== undefined
                    ) {
                        next.push({ path: `${at}[${i}].${step}`, value: v[step] });
                    }
                });
            }
        }
        current = next;
    }
    return current;
}

/** The top-level input a concrete path starts with (the key of property dependencies). */
export function topLevelKey(path: string): string {
    return path.split(/[.[]/)[0];
}

/** Renders a value for a message. */
export function show(value: Plain): string {
    if (isUnknown(value)) return "(unknown during preview)";
    return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
