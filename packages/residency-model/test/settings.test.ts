/**
 * The residency settings as policy config: the defaults are the enclave's, and every rule the
 * issue names is an error that says the key, the value, what is allowed and how to fix it.
 */
import { DEFAULT_APPROVED_LOCATIONS } from "@clover/vocabulary";
import {
    DEFAULT_CLUSTERS,
    isApproved,
    parseSettings,
    SETTINGS_CONFIG_SCHEMA,
    SettingsError,
} from "@clover/residency-model";

const TODAY = "2026-11-22";
const POLICIES = ["aws-data-location", "aws-data-flows"];
const ctx = { source: "policy aws-data-location", today: TODAY, policies: POLICIES };
const URN = "urn:pulumi:legacy::clover::aws:s3/bucket:Bucket::users";
const waiver = (over: Record<string, unknown> = {}) => ({
    urn: URN,
    policy: "aws-data-location",
    reason: "being migrated",
    ticket: "MIG-1",
    expires: "2027-03-31",
    ...over,
});

function problems(config: unknown, today = TODAY): readonly string[] {
    try {
        parseSettings(config, { ...ctx, today });
    } catch (err) {
        expect(err).toBeInstanceOf(SettingsError);
        return (err as SettingsError).problems;
    }
    throw new Error("settings were accepted");
}

describe("residency settings", () => {
    it("are the enclave's when the config is empty", () => {
        const settings = parseSettings({}, ctx);
        expect(settings).toEqual({
            approvedLocations: DEFAULT_APPROVED_LOCATIONS,
            protectedOutsideEurope: undefined,
            clusters: DEFAULT_CLUSTERS,
            waivers: [],
            waiverHorizonDays: 365,
            today: TODAY,
        });
        expect(isApproved(settings, "protected", "onprem:hamar")).toBe(true);
        expect(isApproved(settings, "protected", "aws:eu-central-1")).toBe(false);
        expect(isApproved(settings, "internal", "aws:eu-central-2")).toBe(true);
        expect(isApproved(settings, "internal", "aws:us-east-1")).toBe(false);
    });

    it("publish the same defaults in the JSON Schema the engine fills them from", () => {
        const props = SETTINGS_CONFIG_SCHEMA.properties;
        expect(Object.keys(props).sort()).toEqual([
            "approvedLocations",
            "clusters",
            "protectedOutsideEurope",
            "waiverHorizonDays",
            "waivers",
        ]);
        expect(props.approvedLocations.default).toEqual(DEFAULT_APPROVED_LOCATIONS);
        expect(props.clusters.default).toEqual(DEFAULT_CLUSTERS);
        expect(props.waivers.default).toEqual([]);
        expect(props.waiverHorizonDays.default).toBe(365);
        // The engine's gojsonschema reads draft 7; a nested $schema would be noise to it.
        expect(JSON.stringify(props)).not.toContain("$schema");
        const defaults = Object.fromEntries(
            Object.entries(props).flatMap(([k, v]) => ("default" in v ? [[k, v.default]] : [])),
        );
        expect(parseSettings(defaults, ctx)).toEqual(parseSettings({}, ctx));
    });

    it("reject an unknown location, naming the key and the value", () => {
        expect(
            problems({ approvedLocations: { protected: ["aws:eu-west-1", "aws:mars-1"] } }),
        ).toEqual([
            'approvedLocations.protected.1: is not a known location (e.g. aws:eu-west-1, onprem:hamar) (got "aws:mars-1")',
        ]);
    });

    it("reject an unknown key", () => {
        expect(problems({ approvedLocation: {} })).toEqual([
            '(top level): Unrecognized key: "approvedLocation"',
        ]);
    });

    describe("protected data outside Europe", () => {
        it("needs an acknowledgement listing exactly the non-European locations", () => {
            expect(
                problems({ approvedLocations: { protected: ["aws:eu-west-1", "aws:us-east-1"] } }),
            ).toEqual([
                'approvedLocations.protected: approves aws:us-east-1 outside Europe for European users\' personal data; that needs protectedOutsideEurope: { locations: ["aws:us-east-1"], reason, ticket }, or approve only European locations',
            ]);
            expect(
                problems({
                    approvedLocations: { protected: ["aws:us-east-1", "aws:ap-southeast-1"] },
                    protectedOutsideEurope: {
                        locations: ["aws:us-east-1"],
                        reason: "r",
                        ticket: "t",
                    },
                }),
            ).toEqual([
                "approvedLocations.protected: approves aws:us-east-1, aws:ap-southeast-1 outside Europe for European users' personal data; protectedOutsideEurope.locations lists aws:us-east-1: list exactly the approved non-European locations",
            ]);
            expect(problems({ approvedLocations: { protected: "anywhere" } })[0]).toContain(
                'that needs protectedOutsideEurope: { locations: ["anywhere"], reason, ticket }',
            );
        });

        it("is accepted with it, and the settings carry it", () => {
            const ack = { locations: ["aws:us-east-1"], reason: "legal hold", ticket: "DPO-7" };
            const settings = parseSettings(
                {
                    approvedLocations: { protected: ["aws:eu-west-1", "aws:us-east-1"] },
                    protectedOutsideEurope: ack,
                },
                ctx,
            );
            expect(settings.protectedOutsideEurope).toEqual(ack);
            expect(isApproved(settings, "protected", "aws:us-east-1")).toBe(true);
        });

        it("needs a reason and a ticket, and no acknowledgement where nothing leaves Europe", () => {
            expect(
                problems({
                    approvedLocations: { protected: ["aws:us-east-1"] },
                    protectedOutsideEurope: {
                        locations: ["aws:us-east-1"],
                        reason: " ",
                        ticket: "",
                    },
                }),
            ).toEqual([
                'protectedOutsideEurope.reason: is required: say why protected data may leave Europe (got " ")',
                'protectedOutsideEurope.ticket: is required: the ticket of the decision (got "")',
            ]);
            expect(
                problems({
                    protectedOutsideEurope: {
                        locations: ["aws:us-east-1"],
                        reason: "r",
                        ticket: "t",
                    },
                }),
            ).toEqual([
                "protectedOutsideEurope: acknowledges aws:us-east-1, but approvedLocations.protected approves nothing outside Europe; remove the acknowledgement",
            ]);
        });
    });

    describe("clusters", () => {
        it("reject the same name or server twice", () => {
            expect(
                problems({
                    clusters: [
                        { name: "a", server: "https://k.example:6443", location: "onprem:hamar" },
                        { name: "a", server: "https://K.example:6443/", location: "onprem:hamar" },
                    ],
                }),
            ).toEqual([
                'clusters.1.name: "a" is registered twice (first at clusters.0); cluster names are unique',
                "clusters.1.server: https://K.example:6443/ is registered twice (first at clusters.0)",
            ]);
        });

        it("reject a server that is not https", () => {
            expect(
                problems({
                    clusters: [{ name: "a", server: "http://k:6443", location: "onprem:hamar" }],
                }),
            ).toEqual(['clusters.0.server: must be an https:// URL (got "http://k:6443")']);
        });
    });

    describe("waivers", () => {
        it("are accepted with a reason, a ticket and an expiry within the horizon", () => {
            expect(parseSettings({ waivers: [waiver()] }, ctx).waivers).toEqual([waiver()]);
        });

        it("reject one without reason or expiry", () => {
            const { expires: _, ...noExpiry } = waiver({ reason: "" });
            expect(problems({ waivers: [noExpiry] })).toEqual([
                'waivers.0.reason: is required: say why the data is still there (got "")',
                "waivers.0.expires: Invalid input: expected string, received undefined",
            ]);
        });

        it("reject an impossible date", () => {
            expect(problems({ waivers: [waiver({ expires: "2027-02-30" })] })).toEqual([
                'waivers.0.expires: "2027-02-30" is not a calendar date',
            ]);
            expect(problems({ waivers: [waiver({ expires: "2027-13-45" })] })).toEqual([
                'waivers.0.expires: "2027-13-45" is not a calendar date',
            ]);
        });

        it("reject an expiry beyond the horizon, and take a configured horizon", () => {
            expect(problems({ waivers: [waiver({ expires: "9999-12-31" })] })).toEqual([
                'waivers.0.expires: "9999-12-31" is more than 365 days ahead (latest allowed: 2027-11-22); a waiver is time-boxed: set an earlier expiry and renew it when it runs out',
            ]);
            expect(
                parseSettings({ waivers: [waiver({ expires: "2027-11-22" })] }, ctx).waivers,
            ).toHaveLength(1);
            expect(problems({ waiverHorizonDays: 90, waivers: [waiver()] })[0]).toContain(
                "is more than 90 days ahead (latest allowed: 2027-02-20)",
            );
            expect(problems({ waiverHorizonDays: 100000 })).toEqual([
                "waiverHorizonDays: Too big: expected number to be <=1830 (got 100000)",
            ]);
        });

        it("reject the same waiver twice", () => {
            expect(problems({ waivers: [waiver(), waiver({ ticket: "MIG-2" })] })).toEqual([
                `waivers.1: waives aws-data-location on ${URN} again (first at waivers.0); keep one`,
            ]);
        });

        it("reject a waiver of a policy that does not exist or is not this policy's", () => {
            expect(problems({ waivers: [waiver({ policy: "aws-data-locaton" })] })).toEqual([
                'waivers.0.policy: "aws-data-locaton" is not a policy of the pack that can be waived (one of aws-data-location, aws-data-flows): put the waiver under the policy it waives',
            ]);
        });
    });

    it("reject a today that is not a calendar date", () => {
        expect(problems({}, "2027-13-45")).toEqual([
            'today: "2027-13-45" is not a calendar date written YYYY-MM-DD',
        ]);
    });
});
