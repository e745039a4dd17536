import { DATA_CLASS_TAG } from "@clover/vocabulary";
import { describePath, label, ownClass, stricterThan } from "@clover/residency-model";
import type { CloverStackPolicy, Finding } from "../lib/policy";

/**
 * A copy holds the class of what it copies. A resource tagged with a class lower than the data
 * that flows into it (a replica, export, delivery target or snapshot copy tagged `public` or
 * `internal` that receives protected data) is a declassification: its tag would let the data go
 * where its real class may not. Only a time-boxed waiver of this policy (an anonymising pipeline,
 * say) lets it stand.
 */
export const declassification: CloverStackPolicy = {
    scope: "stack",
    name: "declassification",
    description: `No resource is tagged with a lower ${DATA_CLASS_TAG} than the data that flows into it.`,
    severity: "critical",
    remediationSteps:
        "Tag the copy with the class of its source and keep it where that class may be, or stop the flow; a pipeline that really anonymises the data needs a waiver of this policy with a reason, a ticket and an expiry.",
    evaluate: (graph) => {
        const findings: Finding[] = [];
        for (const r of graph.resources) {
            const received = graph.classFlow.received(r);
            if (!received) continue;
            const own = ownClass(r);
            if (own.kind !== "class" || !stricterThan(received.dataClass, own.value)) continue;
            findings.push({
                urn: r.urn,
                message:
                    `${label(r)} is ${own.value} (${own.source}) but ${received.dataClass} data flows into it: ${describePath(received.path)}. ` +
                    `A copy holds the class of the data it copies, whatever its own tag says. Fix: set ${DATA_CLASS_TAG} to ${received.dataClass} and keep it where ${received.dataClass} data may be, or stop the flow; ` +
                    `if a pipeline really declassifies the data (anonymises it), add a waiver of "declassification" for this resource with a reason, a ticket and an expiry.`,
            });
        }
        return findings;
    },
};
