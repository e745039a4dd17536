/**
 * The plan applies `--policy-pack-config` as the CLI and engine do (parse, schema defaults, the
 * pack's initial config, the file, JSON Schema validation) and refuses what a mandatory pack must
 * not accept from a config file.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PackInfo } from "../../plan/analyzer/client";
import {
    checkPackConfig,
    checkWaiverCopies,
    pairPackConfigs,
    pulumiPolicyArgs,
    parsePackConfig,
    PolicyConfigError,
    reconcile,
} from "../../plan/policy-config";
import { runPlan } from "../../plan/plan";
import { renderMarkdown } from "../../plan/report/markdown";
import { renderTable } from "../../plan/report/table";
import { corpusTargets } from "../support/corpus";
import { PROJECT_DIR } from "../support/harness";

const INFO: PackInfo = {
    name: "data-residency",
    version: "0.2.0",
    initialConfig: {},
    policies: [
        {
            name: "aws-data-location",
            description: "d",
            enforcementLevel: "mandatory",
            severity: "critical",
            remediationSteps: "r",
            configSchema: {
                properties: {
                    waivers: { type: "array", default: [] },
                    waiverHorizonDays: { type: "integer", maximum: 1830, default: 365 },
                },
                required: [],
            },
        },
        {
            name: "waived-violations",
            description: "d",
            enforcementLevel: "advisory",
            severity: "medium",
            remediationSteps: "r",
            configSchema: { properties: { waivers: { type: "array", default: [] } }, required: [] },
        },
    ],
};

const error = (fn: () => unknown): string => {
    try {
        fn();
    } catch (err) {
        expect(err).toBeInstanceOf(PolicyConfigError);
        return (err as Error).message;
    }
    throw new Error("accepted");
};

describe("a --policy-pack-config file", () => {
    it("is read as the CLI reads it: a level, or properties with an optional level", () => {
        expect(parsePackConfig("", "f.json")).toEqual({});
        expect(
            parsePackConfig(
                '{"all": "mandatory", "aws-data-location": {"enforcementLevel": "mandatory", "waiverHorizonDays": 30}}',
                "f.json",
            ),
        ).toEqual({
            all: { enforcementLevel: "mandatory", properties: {} },
            "aws-data-location": {
                enforcementLevel: "mandatory",
                properties: { waiverHorizonDays: 30 },
            },
        });
        expect(error(() => parsePackConfig('{"a": "blocking"}', "f.json"))).toBe(
            'policy pack config f.json: parsing enforcement level for "a": "blocking" is not a valid enforcement level (one of advisory, mandatory, remediate, disabled)',
        );
        expect(error(() => parsePackConfig('{"a": 3}', "f.json"))).toBe(
            'policy pack config f.json: parsing "a": 3 is not a valid value; must be a string or object',
        );
        expect(error(() => parsePackConfig("[1]", "f.json"))).toBe(
            "policy pack config f.json: must be a JSON object keyed by policy name",
        );
    });

    it("may not name a policy the pack does not have", () => {
        expect(
            error(() =>
                checkPackConfig(
                    INFO,
                    parsePackConfig('{"aws-data-locaton": {"waivers": []}}', "f"),
                    "f",
                ),
            ),
        ).toBe(
            'policy pack config f for data-residency:\n  - "aws-data-locaton" is not a policy of data-residency (its policies: aws-data-location, waived-violations)',
        );
    });

    it("may not weaken a mandatory policy, by name or through all", () => {
        for (const text of ['{"aws-data-location": "disabled"}', '{"all": "advisory"}']) {
            expect(error(() => checkPackConfig(INFO, parsePackConfig(text, "f"), "f"))).toContain(
                "but data-residency declares it mandatory; a policy config may not weaken a mandatory policy (remove the enforcementLevel)",
            );
        }
        expect(() =>
            checkPackConfig(INFO, parsePackConfig('{"waived-violations": "mandatory"}', "f"), "f"),
        ).not.toThrow();
    });

    it("must list a waiver both under its policy and under the policy that reports waivers", () => {
        const w = {
            urn: "urn:pulumi:s::p::t::n",
            policy: "aws-data-location",
            reason: "r",
            ticket: "t",
            expires: "2027-01-01",
        };
        expect(() =>
            checkWaiverCopies(
                INFO,
                {
                    "aws-data-location": { properties: { waivers: [w] } },
                    "waived-violations": { properties: { waivers: [w] } },
                },
                "f",
            ),
        ).not.toThrow();
        expect(
            error(() =>
                checkWaiverCopies(
                    INFO,
                    { "aws-data-location": { properties: { waivers: [w] } } },
                    "f",
                ),
            ),
        ).toBe(
            'policy pack config f:\n  - the waiver of aws-data-location on urn:pulumi:s::p::t::n is missing under "waived-violations": add the same entry there, or what it hides is never reported',
        );
        expect(
            error(() =>
                checkWaiverCopies(
                    INFO,
                    { "waived-violations": { properties: { waivers: [w] } } },
                    "f",
                ),
            ),
        ).toBe(
            'policy pack config f:\n  - the waiver of aws-data-location on urn:pulumi:s::p::t::n under "waived-violations" is missing under "aws-data-location": add the same entry there, or the violation still blocks',
        );
    });
});

describe("reconciling as the engine does", () => {
    it("starts from levels and schema defaults, then the pack's initial config, then the file", () => {
        const info: PackInfo = {
            ...INFO,
            initialConfig: {
                "waived-violations": { enforcementLevel: "mandatory", properties: {} },
            },
        };
        expect(
            reconcile(
                info,
                parsePackConfig('{"aws-data-location": {"waiverHorizonDays": 30}}', "f"),
                "f",
            ),
        ).toEqual({
            "aws-data-location": {
                enforcementLevel: "mandatory",
                properties: { waivers: [], waiverHorizonDays: 30 },
            },
            "waived-violations": { enforcementLevel: "mandatory", properties: { waivers: [] } },
        });
        expect(
            reconcile(info, parsePackConfig('{"all": "advisory"}', "f"), "f")["waived-violations"]
                .enforcementLevel,
        ).toBe("advisory");
    });

    it("validates each policy's properties against its schema", () => {
        expect(
            error(() =>
                reconcile(
                    INFO,
                    parsePackConfig('{"aws-data-location": {"waiverHorizonDays": 9999}}', "f.json"),
                    "f.json",
                ),
            ),
        ).toBe(
            'policy pack data-residency: the policy config from f.json does not match the policies\' config schemas:\n  - Policy "aws-data-location": /waiverHorizonDays must be <= 1830',
        );
    });

    it("pairs --policy-pack-config with --policy-pack as the CLI does", () => {
        expect(() => pairPackConfigs(["a", "b"], [])).not.toThrow();
        expect(error(() => pairPackConfigs(["a", "b"], ["x.json"]))).toBe(
            'the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags',
        );
        expect(error(() => pairPackConfigs([], ["x.json"]))).toBe(
            '"--policy-pack-config" must be specified with "--policy-pack"',
        );
    });
});

describe("a pack's own initial configuration", () => {
    it("applies over the policy's declared level, as the engine applies it", async () => {
        const pack = path.join(PROJECT_DIR, "test", "fixtures", "initial-config-pack");
        const target = corpusTargets("evasions").find((t) => t.stack === "provider-region")!;
        const report = await runPlan({ targets: [target], packs: [pack], mode: "preview" });
        expect(report.packs[0].policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
            ["no-buckets", "advisory"],
        ]);
        expect(
            report.stacks[0].violations.map((v) => [v.policy, v.enforcementLevel, v.message]),
        ).toEqual([["no-buckets", "mandatory", "bucket pii found"]]);
        expect(report.verdict).toBe("fail");

        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-initial-"));
        const file = path.join(dir, "config.json");
        fs.writeFileSync(file, JSON.stringify({ "no-buckets": { label: "store" } }));
        const configured = await runPlan({
            targets: [target],
            packs: [pack],
            mode: "preview",
            packConfig: () => file,
        });
        expect(configured.stacks[0].violations.map((v) => [v.enforcementLevel, v.message])).toEqual(
            [["mandatory", "store pii found"]],
        );
        fs.rmSync(dir, { recursive: true });
    }, 120_000);
});

describe("approving protected data outside Europe", () => {
    const target = () => corpusTargets("evasions").find((t) => t.stack === "provider-region")!;
    const PACK = path.join(PROJECT_DIR, "policy-packs", "data-residency");
    const write = (config: unknown) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-outside-"));
        const file = path.join(dir, "data-residency.json");
        fs.writeFileSync(file, JSON.stringify(config));
        return file;
    };
    const approval = { approvedLocations: { protected: ["aws:eu-west-1", "aws:us-east-1"] } };

    it("holds with the acknowledgement, and every report says so", async () => {
        const ack = { locations: ["aws:us-east-1"], reason: "US legal hold", ticket: "DPO-7" };
        const file = write({ "aws-data-location": { ...approval, protectedOutsideEurope: ack } });
        const report = await runPlan({
            targets: [target()],
            packs: [PACK],
            mode: "preview",
            packConfig: () => file,
        });
        expect(report.stacks[0].violations.filter((v) => v.policy === "aws-data-location")).toEqual(
            [],
        );
        expect(report.stacks[0].protectedOutsideEurope).toEqual(ack);
        expect(renderTable(report).split("\n")[0]).toBe(
            "Stack provider-region: protected data approved outside Europe in aws:us-east-1 (ticket DPO-7: US legal hold).",
        );
        expect(renderMarkdown(report)).toContain(
            "> **Stack provider-region: protected data approved outside Europe in aws:us-east-1 (ticket DPO-7: US legal hold).**",
        );
        fs.rmSync(path.dirname(file), { recursive: true });
    }, 120_000);

    it("fails the analysis without it, naming the fix", async () => {
        const file = write({ "aws-data-location": approval });
        await expect(
            runPlan({
                targets: [target()],
                packs: [PACK],
                mode: "preview",
                packConfig: () => file,
            }),
        ).rejects.toThrow(
            'approvedLocations.protected: approves aws:us-east-1 outside Europe for European users\' personal data; that needs protectedOutsideEurope: { locations: ["aws:us-east-1"], reason, ticket }, or approve only European locations',
        );
        fs.rmSync(path.dirname(file), { recursive: true });
    }, 120_000);
});

describe("the Pulumi CLI's flags", () => {
    it("are what the README tells operators to run, each pack with its stack's config", () => {
        const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
        // The engine tests (test/engine/preview.test.ts) run exactly these flags.
        const start = readme.indexOf("pulumi preview -s dublin");
        expect(start).toBeGreaterThan(0);
        const command = readme.slice(start, readme.indexOf("\n", start)).trim().split(/\s+/);
        expect(command).toEqual([
            "pulumi",
            "preview",
            "-s",
            "dublin",
            ...pulumiPolicyArgs(PROJECT_DIR, "dublin"),
        ]);
        for (const [flag, value] of command
            .slice(4)
            .flatMap((v, i, all) => (i % 2 ? [] : [[v, all[i + 1]]])))
            expect({ flag, exists: fs.existsSync(path.join(PROJECT_DIR, value)) }).toEqual({
                flag,
                exists: true,
            });
    });
});
