import {
    AWS_TYPES,
    awsWhere,
    enforcedClass,
    isGlobalType,
    ownClass,
    residencyFinding,
    selfClass,
} from "@clover/residency-model";
import type { CloverResourcePolicy } from "../lib/policy";

export const awsDataLocation: CloverResourcePolicy = {
    scope: "resource",
    name: "aws-data-location",
    description:
        "Every AWS resource that holds, moves or processes data is in a location approved for its data class.",
    severity: "critical",
    remediationSteps:
        "Deploy the resource through the site's provider (region eu-west-1), remove any region override, and never place protected data on a global service.",
    evaluate: (r, { settings }) => {
        const info = AWS_TYPES[r.type];
        let cls;
        if (info?.kind === "compute" && ownClass(r).kind === "missing") {
            return []; // compute is held to a location only when it says what data it processes
        } else if (info) {
            const self = selfClass(r, info);
            if (self === "inherits") return []; // aws-data-flows-resolved decides it with the stack graph
            cls = self;
        } else if (isGlobalType(r.type)) {
            const own = ownClass(r);
            if (own.kind === "missing") return [];
            cls = enforcedClass(own);
        } else {
            return [];
        }
        const where = awsWhere(r);
        return residencyFinding({
            resource: r,
            cls,
            subject: "it",
            where,
            settings,
            fix:
                where.kind === "global"
                    ? "keep protected data off global services; serve it from the site through the security gateway."
                    : where.kind === "unknown"
                      ? "give the resource a provider with a literal region in an approved location (the site provider)."
                      : "create it through the site's provider and remove any region override.",
        });
    },
};
