/** The data class of a resource: its own tag or label, its provider's default tags, or inherited. */
import * as YAML from "yaml";
import { DATA_CLASS_TAG, isDataClass, type DataClass } from "@clover/vocabulary";
import { awsTypeKind } from "./kinds";
import { isUnknown, type Plain, type PlainObject, type ResourceView } from "./view";

export type ClassResult =
    | { readonly kind: "class"; readonly value: DataClass; readonly source: string }
    | { readonly kind: "missing" }
    | { readonly kind: "unknown"; readonly source: string }
    | { readonly kind: "invalid"; readonly value: string; readonly source: string };

export function isKubernetesType(type: string): boolean {
    return type.startsWith("kubernetes:");
}

/** The class a resource states itself, without looking at other resources. */
export function ownClass(r: Pick<ResourceView, "type" | "props" | "provider">): ClassResult {
    if (isKubernetesType(r.type)) {
        const metadata = r.props.metadata;
        if (isUnknown(metadata)) return { kind: "unknown", source: "metadata" };
        const labels =
            metadata !== null && typeof metadata === "object" && !Array.isArray(metadata)
                ? metadata.labels
                : undefined;
        return fromBag(labels, "label");
    }
    const own = fromBag(r.props.tags, "tag");
    if (own.kind !== "missing") return own;
    // A provider's default tags land on every taggable resource, policies and roles included:
    // configuration-only types are never classified by them.
    const kind = awsTypeKind(r.type);
    if (kind === "inert" || kind === "global") return own;
    const defaults = providerDefaultTags(r.provider?.props);
    return defaults === undefined ? own : fromBag(defaults, "provider default tag");
}

function fromBag(bag: Plain, what: string): ClassResult {
    if (isUnknown(bag)) return { kind: "unknown", source: `${what}s` };
    // aws-native and CloudFormation take tags as a list of keys and values.
    if (Array.isArray(bag)) return fromBag(tagListToBag(bag), what);
    if (bag === null || bag === undefined || typeof bag !== "object" || Array.isArray(bag))
        return { kind: "missing" };
    const value = bag[DATA_CLASS_TAG];
    if (value === undefined || value === null) return { kind: "missing" };
    if (isUnknown(value)) return { kind: "unknown", source: `${what} ${DATA_CLASS_TAG}` };
    if (isDataClass(value)) return { kind: "class", value, source: `${what} ${DATA_CLASS_TAG}` };
    return {
        kind: "invalid",
        value: typeof value === "string" ? value : JSON.stringify(value),
        source: `${what} ${DATA_CLASS_TAG}`,
    };
}

function tagListToBag(list: Plain[]): Plain {
    const bag: Record<string, Plain> = {};
    for (const item of list) {
        if (isUnknown(item)) return item;
        if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
        const key = item.key ?? item.Key;
        if (isUnknown(key)) return key;
        if (typeof key === "string") bag[key] = item.value ?? item.Value;
    }
    return bag;
}

/** A provider's default tags. Provider inputs arrive JSON-encoded: `'{"tags":{...}}'`. */
export function providerDefaultTags(props: PlainObject | undefined): Plain {
    const raw = props?.defaultTags;
    if (isUnknown(raw)) return raw;
    let parsed: unknown = raw;
    if (typeof raw === "string") {
        try {
            parsed = YAML.parse(raw);
        } catch {
            return undefined;
        }
    }
    if (parsed === null || typeof parsed !== "object") return undefined;
    return (parsed as { tags?: Plain }).tags;
}

/** Orders classes from most to least restricted, to pick the strictest of several sources. */
export function strictest(classes: DataClass[]): DataClass | undefined {
    for (const c of ["protected", "internal", "public"] as const) if (classes.includes(c)) return c;
    return undefined;
}
