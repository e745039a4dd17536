import * as aws from "@pulumi/aws";
import { SiteKeys, validateSiteKeysArgs } from "../../components/keys";
import { runComponent, type Resources } from "../support/harness";

const KEY = "aws:kms/key:Key";

describe("SiteKeys", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new aws.Provider("site-aws", { region: "eu-west-1" });
            new SiteKeys(
                "keys",
                { site: "dublin", region: "eu-west-1", accountId: "123456789012" },
                { provider },
            );
        });
    });

    it("creates one rotated, single-region key and one alias per data class", () => {
        const keys = resources.ofType("aws:kms/key:Key");
        expect(keys.map((k) => k.name)).toEqual(["keys-protected", "keys-internal", "keys-public"]);
        for (const key of keys) {
            expect(key.inputs).toMatchObject({
                enableKeyRotation: true,
                multiRegion: false,
                deletionWindowInDays: 30,
            });
        }
        expect(resources.one(KEY, "keys-protected").inputs.tags).toEqual({
            "clover.io/data-class": "protected",
        });
        expect(resources.ofType("aws:kms/alias:Alias").map((a) => a.inputs.name)).toEqual([
            "alias/clover/dublin/protected",
            "alias/clover/dublin/internal",
            "alias/clover/dublin/public",
        ]);
    });

    it("grants CloudWatch Logs only in the key's own region", () => {
        const policy = JSON.parse(resources.one(KEY, "keys-protected").inputs.policy as string);
        expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
            "AccountAdministersThroughIam",
            "CloudWatchLogsInThisRegion",
        ]);
        expect(policy.Statement[1].Principal).toEqual({ Service: "logs.eu-west-1.amazonaws.com" });
        expect(policy.Statement[1].Condition).toEqual({
            ArnLike: {
                "kms:EncryptionContext:aws:logs:arn":
                    "arn:aws:logs:eu-west-1:123456789012:log-group:*",
            },
        });
    });

    it("puts every key under the component and on the caller's provider", () => {
        const component = resources.ofType("clover:keys:SiteKeys")[0];
        const provider = resources.one("pulumi:providers:aws", "site-aws");
        for (const r of [
            ...resources.ofType("aws:kms/key:Key"),
            ...resources.ofType("aws:kms/alias:Alias"),
        ]) {
            expect(r.parent).toBe(component.urn);
            expect(r.provider).toBe(provider.urn);
        }
    });
});

describe("validateSiteKeysArgs", () => {
    const base = { site: "dublin", region: "eu-west-1", accountId: "123456789012" };
    it("rejects a deletion window outside 7 to 30 days", () => {
        expect(() => validateSiteKeysArgs({ ...base, deletionWindowInDays: 3 })).toThrow(
            "SiteKeys: deletionWindowInDays 3 must be a whole number of days from 7 to 30; omit it for 30.",
        );
    });
    it("rejects repeated data classes", () => {
        expect(() =>
            validateSiteKeysArgs({ ...base, dataClasses: ["protected", "protected"] }),
        ).toThrow(
            'SiteKeys: dataClasses ["protected","protected"] must list distinct data classes (protected, internal, public); omit it for all of them.',
        );
    });
    it("accepts the defaults", () => {
        expect(() => validateSiteKeysArgs(base)).not.toThrow();
    });
});
