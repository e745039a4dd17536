import type { DataClass } from "@clover/vocabulary";
import { breaksResidency, type EffectiveClass } from "./decide";
import type { Finding } from "./finding";
import { describeApproval, type Settings } from "./settings";
import type { ResourceView } from "./view";
import { describeWhere, type Where } from "./where";

/** `aws:s3/bucket:Bucket "name"`: how messages name a resource. */
export function label(r: Pick<ResourceView, "type" | "name">): string {
    return `${r.type} "${r.name}"`;
}

/**
 * A residency violation: which resource, what was found, what is allowed, how to fix it.
 */
export function residencyMessage(args: {
    readonly resource: Pick<ResourceView, "type" | "name">;
    readonly dataClass: DataClass;
    readonly classSource: string;
    readonly subject: string;
    readonly where: Where;
    readonly settings: Settings;
    readonly fix: string;
}): string {
    return (
        `${label(args.resource)} holds ${args.dataClass} data (${args.classSource}); ${args.subject} is in ${describeWhere(args.where)}. ` +
        `${capitalise(args.dataClass)} data may only be in ${describeApproval(args.settings, args.dataClass)}. Fix: ${args.fix}`
    );
}

/**
 * The finding for data of class `cls` held by `resource` when `subject` (the resource itself,
 * a destination, a key, a cluster) is at `where`: none when that location is approved.
 */
export function residencyFinding(args: {
    readonly resource: ResourceView;
    readonly cls: EffectiveClass;
    readonly subject: string;
    readonly where: Where;
    readonly settings: Settings;
    readonly fix: string;
}): Finding[] {
    if (!breaksResidency(args.settings, args.cls.dataClass, args.where)) return [];
    return [
        {
            urn: args.resource.urn,
            message: residencyMessage({
                resource: args.resource,
                dataClass: args.cls.dataClass,
                classSource: args.cls.source,
                subject: args.subject,
                where: args.where,
                settings: args.settings,
                fix: args.fix,
            }),
        },
    ];
}

function capitalise(s: string): string {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
