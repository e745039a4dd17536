import * as crypto from "crypto";
import type * as sarif from "sarif";
import { dateNotice, outsideEuropeNotices, type PlanReport } from "./model";

const LEVELS: Record<string, sarif.Result.level> = {
    mandatory: "error",
    remediate: "error",
    advisory: "warning",
    disabled: "none",
};

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy, one result per violation, located at
 * the stack's config file (the program has no line for a resource) with the URN as the logical
 * location and a stable fingerprint so that alerts track across runs.
 */
export function renderSarif(report: PlanReport): string {
    const rules: sarif.ReportingDescriptor[] = report.packs.flatMap((pack) =>
        pack.policies.map((p) => ({
            id: `${pack.name}/${p.name}`,
            name: p.name,
            shortDescription: { text: p.description || p.name },
            fullDescription: { text: p.description || p.name },
            help: {
                text: p.remediationSteps || p.description,
                markdown: p.remediationSteps || p.description,
            },
            defaultConfiguration: { level: LEVELS[p.enforcementLevel] ?? "warning" },
            properties: {
                tags: ["security", pack.name],
                "security-severity": securitySeverity(p.severity),
            },
        })),
    );
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const results: sarif.Result[] = report.stacks.flatMap((s) =>
        s.violations.map((v) => ({
            ruleId: `${v.pack}/${v.policy}`,
            ruleIndex: index.get(`${v.pack}/${v.policy}`),
            level: LEVELS[v.enforcementLevel] ?? "warning",
            message: { text: v.message },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: s.configFile },
                        region: { startLine: 1 },
                    },
                    logicalLocations: [{ fullyQualifiedName: v.urn, kind: "resource" }],
                },
            ],
            partialFingerprints: {
                "cloverViolation/v1": crypto
                    .createHash("sha256")
                    .update(`${v.pack}/${v.policy}\u0000${v.urn}`)
                    .digest("hex"),
            },
        })),
    );
    const log: sarif.Log = {
        version: "2.1.0",
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [
            {
                tool: {
                    driver: {
                        name: "clover-plan",
                        informationUri: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/",
                        version: "0.1.0",
                        rules,
                    },
                },
                results,
                columnKind: "utf16CodeUnits",
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: [
                            ...dateNotice(report),
                            ...outsideEuropeNotices(report),
                        ].map((text) => ({ level: "note" as const, message: { text } })),
                    },
                ],
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}

function securitySeverity(severity: string): string {
    return { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" }[severity] ?? "5.0";
}
