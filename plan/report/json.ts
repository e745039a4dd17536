import type { PlanReport } from "./model";

/** Machine-readable report: `resources` and `violations` across all stacks, each with its stack. */
export function renderJson(report: PlanReport): string {
    return (
        JSON.stringify(
            {
                verdict: report.verdict,
                today: report.today,
                realToday: report.realToday,
                packs: report.packs.map((p) => ({
                    name: p.name,
                    version: p.version,
                    directory: p.directory,
                })),
                stacks: report.stacks.map((s) => ({
                    stack: s.stack,
                    project: s.project,
                    mode: s.mode,
                    program: s.program,
                    configFile: s.configFile,
                    policyConfigFiles: s.policyConfigFiles,
                    ...(s.protectedOutsideEurope
                        ? { protectedOutsideEurope: s.protectedOutsideEurope }
                        : {}),
                })),
                resources: report.stacks.flatMap((s) =>
                    s.resources.map((r) => ({
                        stack: r.stack,
                        urn: r.urn,
                        type: r.type,
                        name: r.name,
                        location: r.location,
                        dataClass: r.dataClass,
                        site: r.site,
                    })),
                ),
                violations: report.stacks.flatMap((s) =>
                    s.violations.map((v) => ({
                        stack: v.stack,
                        pack: v.pack,
                        policy: v.policy,
                        enforcementLevel: v.enforcementLevel,
                        severity: v.severity,
                        urn: v.urn,
                        message: v.message,
                    })),
                ),
            },
            null,
            2,
        ) + "\n"
    );
}
