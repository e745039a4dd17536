import { GLOBAL_FRONTS, label } from "@clover/residency-model";
import type { CloverStackPolicy, Finding } from "../lib/policy";

export const globalServiceExposure: CloverStackPolicy = {
    scope: "stack",
    name: "global-service-exposure",
    description:
        "No global service (CloudFront, Global Accelerator, Route 53 aliases) serves a protected store.",
    severity: "critical",
    remediationSteps:
        "Remove the protected store from the distribution's origins (or the accelerator's endpoints); serve protected data only from the site, through the security gateway.",
    evaluate: (graph) => {
        const findings: Finding[] = [];
        for (const front of graph.resources) {
            const keys = GLOBAL_FRONTS[front.type];
            if (!keys) continue;
            for (const key of keys) {
                for (const origin of graph.dependenciesOf(front, key)) {
                    const c = graph.classOf(origin);
                    if (c.kind !== "class" || c.value !== "protected") continue;
                    findings.push({
                        urn: front.urn,
                        message: `${label(front)} is a global service with no location, and its ${key} serve ${label(origin)}, which holds protected data (${c.source}). Protected data may not be served through a global service: edge caches and points of presence are outside the approved locations. Fix: remove ${origin.name} from ${front.name}'s ${key}; serve protected data from the site through the security gateway.`,
                    });
                }
            }
        }
        return findings;
    },
};
