import type { DataClass } from "@clover/vocabulary";
import { AWS_TYPES, type AwsTypeInfo } from "./catalog";
import { ownClass, type ClassResult } from "./classify";
import { isApproved, type Settings } from "./settings";
import type { ResourceView } from "./view";
import type { Where } from "./where";

/**
 * Whether data of `dataClass` at `where` breaks residency. A global service or an unknown location
 * breaks it for protected and internal data (fail closed: internal data may only be in Europe,
 * and the pack cannot see that a place it cannot locate is); public data may be anywhere.
 */
export function breaksResidency(settings: Settings, dataClass: DataClass, where: Where): boolean {
    switch (where.kind) {
        case "at":
            return !isApproved(settings, dataClass, where.location);
        case "global":
        case "unknown":
            return dataClass !== "public";
    }
}

export interface EffectiveClass {
    readonly dataClass: DataClass;
    /** Where the class came from, for messages. */
    readonly source: string;
}

/**
 * The class to enforce for a data-holding resource. A resource that states no valid class is
 * treated as protected: the pack cannot tell it is not.
 */
export function enforcedClass(result: ClassResult): EffectiveClass {
    switch (result.kind) {
        case "class":
            return { dataClass: result.value, source: result.source };
        case "missing":
            return {
                dataClass: "protected",
                source: "no clover.io/data-class, so treated as protected",
            };
        case "unknown":
            return {
                dataClass: "protected",
                source: `its ${result.source} is unknown during preview, so treated as protected`,
            };
        case "invalid":
            return {
                dataClass: "protected",
                source: `its ${result.source} "${result.value}" is not a data class, so treated as protected`,
            };
    }
}

/**
 * The class of an AWS catalog resource that it states about itself, or `"inherits"` for untagged
 * resources that take their class from another resource (only the stack graph can tell).
 */
export function selfClass(
    r: ResourceView,
    info: AwsTypeInfo = AWS_TYPES[r.type],
): EffectiveClass | "inherits" {
    if (!info.taggable)
        return info.classFrom && info.classFrom.length > 0
            ? "inherits"
            : enforcedClass({ kind: "missing" });
    const own = ownClass(r);
    if (own.kind === "missing" && info.classFrom && info.classFrom.length > 0) return "inherits";
    return enforcedClass(own);
}
