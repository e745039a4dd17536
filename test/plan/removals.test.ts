/**
 * Each gateway or monitor control removed from a project stack, run through the real
 * enclave-security pack over the analyzer protocol exactly as `npm run plan` does: the pack reports
 * a mandatory violation (so the plan exits 1), and the stack as built reports none.
 */
import * as path from "path";
import { PolicyPackProcess } from "../../plan/analyzer/client";
import { analyseStack, type PlanTarget } from "../../plan/plan";
import type { ProgramRecord, RecordedResource } from "../../plan/program/model";
import { projectTarget } from "../../plan/stacks";
import { PROJECT_DIR } from "../support/harness";
import { stackRecord } from "../support/stack-records";

const PACK = path.join(PROJECT_DIR, "policy-packs", "enclave-security");

const targetOf = (stack: string): PlanTarget => projectTarget(PROJECT_DIR, stack);

const REMOVALS: readonly {
    control: string;
    stack: "dublin" | "hamar";
    removes: (r: RecordedResource) => boolean;
    policies: string[];
}[] = [
    {
        control: "the Network Firewall",
        stack: "dublin",
        removes: (r) => r.type === "aws:networkfirewall/firewall:Firewall",
        policies: ["egress-inspection"],
    },
    {
        control: "the data subnets' routes to the firewall",
        stack: "dublin",
        removes: (r) => r.type === "aws:ec2/route:Route" && r.name.includes("-firewall-data-"),
        policies: ["egress-inspection"],
    },
    {
        control: "the data-access gateway's role",
        stack: "dublin",
        removes: (r) => r.type === "aws:iam/role:Role" && r.name === "dublin-access-gateway",
        policies: ["protected-access-principals"],
    },
    {
        control: "the protected bucket's policy",
        stack: "dublin",
        removes: (r) => r.name === "dublin-protected-policy",
        policies: ["protected-access-principals", "protected-store-tls-only"],
    },
    {
        control: "the protected bucket's public access block",
        stack: "dublin",
        removes: (r) => r.name === "dublin-protected-public-access",
        policies: ["protected-store-public-access"],
    },
    {
        control: "the flow log to the archive",
        stack: "dublin",
        removes: (r) => r.name === "dublin-network-flow-logs-archive",
        policies: ["enclave-flow-logs"],
    },
    {
        control: "the CloudTrail trail",
        stack: "dublin",
        removes: (r) => r.type === "aws:cloudtrail/trail:Trail",
        policies: ["monitor-archive"],
    },
    {
        control: "the archive's object lock",
        stack: "dublin",
        removes: (r) =>
            r.type === "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        policies: ["monitor-archive"],
    },
    {
        control: "the audit archive",
        stack: "dublin",
        removes: (r) => r.name.startsWith("dublin-audit-archive"),
        policies: ["enclave-flow-logs", "monitor-archive"],
    },
    {
        control: "the auditor's role",
        stack: "dublin",
        removes: (r) => r.type === "aws:iam/role:Role" && r.name === "dublin-monitor-auditor",
        policies: ["monitor-archive"],
    },
    {
        control: "the auditor's cluster role",
        stack: "dublin",
        removes: (r) => r.name === "dublin-auditor-role",
        policies: ["cluster-monitor"],
    },
    {
        control: "Hamar's log shipper",
        stack: "hamar",
        removes: (r) =>
            r.type === "kubernetes:apps/v1:DaemonSet" && r.name === "hamar-logs-daemonset",
        policies: ["cluster-monitor"],
    },
];

describe("removing a gateway or monitor control fails the plan", () => {
    let pack: PolicyPackProcess;
    const records: Record<string, ProgramRecord> = {};
    beforeAll(async () => {
        pack = await PolicyPackProcess.start(PACK);
        records.dublin = await stackRecord("dublin");
        records.hamar = await stackRecord("hamar");
    }, 180_000);
    afterAll(async () => pack?.stop());

    it("describes itself: twelve policies and the input recorder, all mandatory", async () => {
        const info = await pack.info();
        expect(info.name).toBe("enclave-security");
        expect(info.policies).toHaveLength(13);
        expect(info.policies[12].name).toBe("resource-inputs-observed");
        expect(info.policies.every((p) => p.enforcementLevel === "mandatory")).toBe(true);
    });

    it.each(["dublin", "hamar"])("%s as built: no violation", async (stack) => {
        expect(await analyseStack(pack, records[stack], targetOf(stack))).toEqual([]);
    });

    it.each(REMOVALS.map((r) => [r.control, r] as const))(
        "without %s: mandatory violations of the expected policies",
        async (_control, removal) => {
            const record = records[removal.stack];
            const mutated = {
                ...record,
                resources: record.resources.filter((r) => !removal.removes(r)),
            };
            expect(mutated.resources.length).toBeLessThan(record.resources.length);
            const diagnostics = await analyseStack(pack, mutated, targetOf(removal.stack));
            expect([...new Set(diagnostics.map((d) => d.policy))].sort()).toEqual(
                [...removal.policies].sort(),
            );
            expect(diagnostics.every((d) => d.enforcementLevel === "mandatory")).toBe(true);
        },
    );
});
