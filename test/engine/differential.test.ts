/**
 * The offline plan against the real engine: the same programs (the project's stacks and a sample
 * of the evasion and compliant corpus) through `npm run plan`'s code and through
 * `pulumi preview --policy-pack` with the CLI built from its Go modules, with the same packs and
 * the same policy config. Both must reach the same verdict and report the same violations: same
 * pack, policy, resource, enforcement level and message.
 *
 * Found by this test, and fixed: the offline plan's URNs (the SDK's mocks qualify a type by the
 * parent's last type and keep the root stack's; the engine does neither), duplicate URNs that the
 * mocks accepted and the engine refuses, and a protected Namespace whose provider's kubeconfig is
 * unknown, which the engine hands the stack policies with no properties at all.
 */
import * as fs from "fs";
import * as path from "path";
import { mapLimit, runPlan, type PlanTarget } from "../../plan/plan";
import { committedPackConfig, pulumiPolicyArgs } from "../../plan/policy-config";
import { listStacks, projectTarget } from "../../plan/stacks";
import { corpusTargets } from "../support/corpus";
import {
    EngineWorkspace,
    projectFile,
    TEST_HAMAR_KUBECONFIG,
    type PreviewResult,
} from "../support/engine";
import { PROJECT_DIR } from "../support/harness";

jest.setTimeout(15 * 60_000);

/** Both packs on the project's stacks; the residency pack on the corpus, as its own tests run it. */
const PACKS = ["policy-packs/data-residency", "policy-packs/enclave-security"];
const CORPUS_PACKS = ["policy-packs/data-residency"];

/** Evasions by different routes (provider, inline replication, the deprecated token, Kubernetes
 * on a foreign cluster, a global front, a transfer task, a region override, a global table, a
 * laundered literal, a relabelled replica, a provider endpoint, a CloudFormation stack). */
const EVASIONS = [
    "provider-region",
    "inline-replication",
    "bucket-v2",
    "k8s-eks-elsewhere",
    "cloudfront-front",
    "datasync",
    "region-override",
    "dynamodb-global-table",
    "replication-laundered",
    "table-replica-relabelled",
    "endpoint-other-region",
    "cloudformation-stack",
];

/**
 * Compliant programs the offline engine cannot run: they use a package (aws-native) for which
 * engine/build.sh installs no provider plugin, so the CLI would stop at the missing plugin before
 * any policy ran. The corpus test plans them.
 */
const ENGINE_LACKS_PLUGIN = ["other-packages-classified"];

interface Finding {
    readonly pack: string;
    readonly policy: string;
    readonly urn: string;
    readonly level: string;
    readonly message: string;
}

interface Verdict {
    readonly stack: string;
    readonly blocked: boolean;
    readonly findings: readonly Finding[];
}

function sorted(findings: Finding[]): Finding[] {
    return findings.sort((a, b) =>
        `${a.pack}/${a.policy}/${a.urn}/${a.message}`.localeCompare(
            `${b.pack}/${b.policy}/${b.urn}/${b.message}`,
        ),
    );
}

/** What the engine reported: a policy event carries the policy's description, then the message. */
function engineVerdict(stack: string, result: PreviewResult): Verdict {
    const findings = result.events
        .map((e) => e.policyEvent)
        .filter((p): p is NonNullable<typeof p> => p !== undefined)
        .map((p) => ({
            pack: p.policyPackName,
            policy: p.policyName,
            urn: p.resourceUrn ?? "",
            level: p.enforcementLevel,
            message: p.message,
        }));
    return { stack, blocked: result.code !== 0, findings: sorted(findings) };
}

describe("the offline plan and the real engine agree", () => {
    const targets: PlanTarget[] = [
        ...listStacks(PROJECT_DIR).map((s) => projectTarget(PROJECT_DIR, s)),
        ...corpusTargets("evasions").filter((t) => EVASIONS.includes(t.stack)),
        ...corpusTargets("compliant").filter((t) => !ENGINE_LACKS_PLUGIN.includes(t.stack)),
    ];
    const stacks = new Set(listStacks(PROJECT_DIR));
    let offline: Verdict[];
    let engine: Verdict[];

    beforeAll(async () => {
        const isStack = (t: PlanTarget) => stacks.has(t.stack);
        const plans = await Promise.all([
            runPlan({
                targets: targets.filter(isStack),
                packs: PACKS.map((p) => path.join(PROJECT_DIR, p)),
                mode: "preview",
                packConfig: committedPackConfig(PROJECT_DIR),
            }),
            runPlan({
                targets: targets.filter((t) => !isStack(t)),
                packs: CORPUS_PACKS.map((p) => path.join(PROJECT_DIR, p)),
                mode: "preview",
            }),
        ]);
        const report = { stacks: plans.flatMap((p) => p.stacks) };
        offline = report.stacks.map((s) => ({
            stack: s.stack,
            blocked: s.violations.some((v) => v.enforcementLevel === "mandatory"),
            findings: sorted(
                s.violations.map((v) => ({
                    pack: v.pack,
                    policy: v.policy,
                    urn: v.urn,
                    level: v.enforcementLevel,
                    message: `${v.description}\n${v.message}\n`,
                })),
            ),
        }));
        // Two previews at a time: each is a CLI, a language host, a program and two packs.
        engine = await mapLimit(targets, 2, async (t) => {
            const project = stacks.has(t.stack)
                ? undefined
                : projectFile(path.relative(PROJECT_DIR, t.program));
            const stackText = fs.readFileSync(path.join(PROJECT_DIR, t.configFile), "utf8");
            const ws = EngineWorkspace.create({
                projectFile: project,
                stacks: { [t.stack]: stackText },
            });
            try {
                await ws.initStack(t.stack);
                if (t.stack === "hamar")
                    await ws.setSecret("hamar", "clover:kubeconfig", TEST_HAMAR_KUBECONFIG);
                const args = stacks.has(t.stack)
                    ? pulumiPolicyArgs(PROJECT_DIR, t.stack)
                    : CORPUS_PACKS.flatMap((p) => ["--policy-pack", p]);
                return engineVerdict(t.stack, await ws.previewEvents(t.stack, args));
            } finally {
                ws.dispose();
            }
        });
    });

    it("covers the stacks, blocked evasions and passing compliant programs", () => {
        expect(offline.map((v) => v.stack)).toEqual(targets.map((t) => t.stack));
        const blocked = offline.filter((v) => v.blocked).map((v) => v.stack);
        expect(blocked.sort()).toEqual([...EVASIONS].sort());
    });

    it("reaches the same verdict on every program", () => {
        expect(engine.map((v) => ({ stack: v.stack, blocked: v.blocked }))).toEqual(
            offline.map((v) => ({ stack: v.stack, blocked: v.blocked })),
        );
    });

    it("reports the same violations, word for word", () => {
        const differing = targets
            .map((t, i) => ({ stack: t.stack, engine: engine[i], offline: offline[i] }))
            .filter((d) => JSON.stringify(d.engine) !== JSON.stringify(d.offline));
        expect(differing).toEqual([]);
    });
});
