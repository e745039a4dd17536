import type { OutsideEuropeAcknowledgement } from "@clover/residency-model";
import type { Diagnostic, PackInfo } from "../analyzer/client";
import type { OutputMode } from "../program/model";

/** One resource of a stack, described for people. */
export interface ResourceRow {
    readonly stack: string;
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** `aws:eu-west-1`, `onprem:hamar`, `global`, `unknown`, or `-` for resources that hold no data. */
    readonly location: string;
    /** The data class, `unclassified` for data stores without one, or `-`. */
    readonly dataClass: string;
    readonly site: string;
}

/** Data that moves from one location to another (replication, copies, delivery, serving). */
export interface FlowRow {
    readonly stack: string;
    /** The resource that moves the data. */
    readonly urn: string;
    readonly from: string;
    readonly to: string;
    readonly what: string;
    readonly dataClass: string;
    /** Whether a pack blocked the resource for this flow. */
    readonly violating: boolean;
}

export interface Violation extends Diagnostic {
    readonly stack: string;
}

export interface StackResult {
    readonly stack: string;
    readonly project: string;
    readonly mode: OutputMode;
    /** The program and config the stack was planned from, relative to the working directory. */
    readonly program: string;
    readonly configFile: string;
    /** The `--policy-pack-config` files the packs got for this stack, relative paths. */
    readonly policyConfigFiles: readonly string[];
    /** The policy config's acknowledgement that protected data may be approved outside Europe. */
    readonly protectedOutsideEurope?: OutsideEuropeAcknowledgement;
    readonly resources: readonly ResourceRow[];
    readonly flows: readonly FlowRow[];
    readonly violations: readonly Violation[];
}

export interface PlanReport {
    readonly verdict: "pass" | "fail";
    /** The day waivers were judged against (YYYY-MM-DD, UTC). */
    readonly today: string;
    /** The real day of the run: a report with another `today` says so at the top. */
    readonly realToday: string;
    readonly packs: readonly (PackInfo & { readonly directory: string })[];
    readonly stacks: readonly StackResult[];
}

export function verdictOf(stacks: readonly StackResult[]): "pass" | "fail" {
    return stacks.some((s) => s.violations.some((v) => v.enforcementLevel === "mandatory"))
        ? "fail"
        : "pass";
}

/**
 * The report's first lines where a run was not judged as of today: a replay or a test with the
 * packs' clock set to another day. Empty for an ordinary run.
 */
export function dateNotice(report: PlanReport): string[] {
    return report.today === report.realToday
        ? []
        : [
              `NOTE: evaluated as of ${report.today}, not today (${report.realToday}): waiver expiry was judged against ${report.today}.`,
          ];
}

/** The stacks whose policy config approves protected data outside Europe, for the report. */
export function outsideEuropeNotices(report: PlanReport): string[] {
    return report.stacks.flatMap((s) =>
        s.protectedOutsideEurope
            ? [
                  `Stack ${s.stack}: protected data approved outside Europe in ${s.protectedOutsideEurope.locations.join(", ")} (ticket ${s.protectedOutsideEurope.ticket}: ${s.protectedOutsideEurope.reason}).`,
              ]
            : [],
    );
}
