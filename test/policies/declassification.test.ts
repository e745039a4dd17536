/**
 * The class flows with the data: a copy holds the class of what it copies, through any chain, and
 * a copy tagged lower than what flows into it is a declassification.
 */
import { describePath, UNKNOWN } from "@clover/residency-model";
import { declassification } from "../../policy-packs/data-residency/policies/declassification";
import { awsDataFlowsResolved } from "../../policy-packs/data-residency/policies/flows";
import { WAIVABLE } from "../../policy-packs/data-residency/policies/registry";
import { waiverFor } from "../../policy-packs/data-residency/lib/policy";
import { awsProvider, ctx, graph, shippedSettings, tagged, view } from "../support/views";

const EU = awsProvider("eu-west-1");
const FRANKFURT = awsProvider("eu-central-1");
const US = awsProvider("us-east-1");
const BUCKET = "aws:s3/bucket:Bucket";
const REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

const bucket = (name: string, cls: string, provider = EU) =>
    view(BUCKET, name, { bucket: name, tags: tagged(cls) }, { provider });
const replication = (
    name: string,
    from: ReturnType<typeof bucket>,
    to: ReturnType<typeof bucket>,
    provider = EU,
) =>
    view(
        REPLICATION,
        name,
        { bucket: UNKNOWN, rules: [{ destination: { bucket: UNKNOWN } }] },
        { provider, deps: { bucket: [from], rules: [to] } },
    );

describe("the class flow of the stack graph", () => {
    it("raises a copy to the class of its source, with the path it takes", () => {
        const pii = bucket("pii", "protected");
        const copy = bucket("copy", "public");
        const r = replication("r", pii, copy);
        const received = graph(pii, copy, r).classFlow.received(copy);
        expect(received?.dataClass).toBe("protected");
        expect(describePath(received!.path)).toBe(
            'Bucket "pii" → BucketReplicationConfig "r" (its bucket) → Bucket "copy" (replication destination bucket, rules[0].destination.bucket)',
        );
    });

    it("follows a chain of copies to a fixpoint, and stops on a cycle", () => {
        const pii = bucket("pii", "protected");
        const staging = bucket("staging", "internal", FRANKFURT);
        const outside = bucket("outside", "public", US);
        const back = replication("back", outside, staging, US);
        const g = graph(
            pii,
            staging,
            outside,
            replication("a", pii, staging),
            replication("b", staging, outside, FRANKFURT),
            back,
        );
        expect(g.classFlow.received(outside)?.dataClass).toBe("protected");
        expect(g.classFlow.received(staging)?.dataClass).toBe("protected");
        expect(g.classFlow.received(outside)!.path.map((f) => f.to.name)).toEqual([
            "a",
            "staging",
            "b",
            "outside",
        ]);
    });

    it("raises nothing that receives only its own class or a lower one", () => {
        const site = bucket("site", "public");
        const mirror = bucket("mirror", "protected", EU);
        const g = graph(site, mirror, replication("r", site, mirror));
        expect(g.classFlow.received(mirror)).toBeUndefined();
    });

    it("follows a copy that names its source, by dependency or by a literal ID", () => {
        const snapshot = view(
            "aws:ebs/snapshot:Snapshot",
            "nightly",
            { id: "snap-0abc", tags: tagged("protected") },
            { provider: EU },
        );
        const byDependency = view(
            "aws:ebs/snapshotCopy:SnapshotCopy",
            "copy",
            { sourceSnapshotId: UNKNOWN, tags: tagged("public") },
            { provider: US, deps: { sourceSnapshotId: [snapshot] } },
        );
        const byLiteral = view(
            "aws:ebs/snapshotCopy:SnapshotCopy",
            "literal",
            { sourceSnapshotId: "snap-0abc", tags: tagged("public") },
            { provider: US },
        );
        const g = graph(snapshot, byDependency, byLiteral);
        expect(g.classFlow.received(byDependency)?.dataClass).toBe("protected");
        expect(g.classFlow.received(byLiteral)?.dataClass).toBe("protected");
    });
});

describe("declassification", () => {
    it("passes copies tagged with the class of their source", () => {
        const pii = bucket("pii", "protected");
        const backup = bucket("backup", "protected");
        const site = bucket("site", "public");
        const siteUs = bucket("site-us", "public", US);
        const g = graph(
            pii,
            backup,
            site,
            siteUs,
            replication("a", pii, backup),
            replication("b", site, siteUs),
        );
        expect(declassification.evaluate(g, ctx())).toEqual([]);
        expect(awsDataFlowsResolved.evaluate(g, ctx())).toEqual([]);
    });

    it("blocks a replica tagged lower than the data replicated into it", () => {
        const pii = bucket("pii", "protected");
        const copy = bucket("copy", "internal");
        expect(
            declassification.evaluate(graph(pii, copy, replication("r", pii, copy)), ctx()),
        ).toEqual([
            {
                urn: copy.urn,
                message:
                    'aws:s3/bucket:Bucket "copy" is internal (tag clover.io/data-class) but protected data flows into it: Bucket "pii" → BucketReplicationConfig "r" (its bucket) → Bucket "copy" (replication destination bucket, rules[0].destination.bucket). ' +
                    "A copy holds the class of the data it copies, whatever its own tag says. Fix: set clover.io/data-class to protected and keep it where protected data may be, or stop the flow; " +
                    'if a pipeline really declassifies the data (anonymises it), add a waiver of "declassification" for this resource with a reason, a ticket and an expiry.',
            },
        ]);
    });

    it("holds the relabelled copy to the class it receives, where it is", () => {
        const pii = bucket("pii", "protected");
        const copy = bucket("copy", "public", US);
        const findings = awsDataFlowsResolved.evaluate(
            graph(pii, copy, replication("r", pii, copy)),
            ctx(),
        );
        expect(findings.find((f) => f.urn === copy.urn)?.message).toBe(
            'aws:s3/bucket:Bucket "copy" holds protected data (it flows in: Bucket "pii" → BucketReplicationConfig "r" (its bucket) → Bucket "copy" (replication destination bucket, rules[0].destination.bucket)); it is in aws:us-east-1 (the "region" of provider "aws-us-east-1"). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: keep it where protected data may be (through the site's provider), or stop the flow into it.",
        );
    });

    it("may be waived, with a reason, a ticket and an expiry", () => {
        expect(WAIVABLE).toContain("declassification");
        const pii = bucket("pii", "protected");
        const anonymised = bucket("anonymised", "internal");
        const [finding] = declassification.evaluate(
            graph(pii, anonymised, replication("r", pii, anonymised)),
            ctx(),
        );
        const waiver = {
            urn: anonymised.urn,
            policy: "declassification",
            reason: "the export pipeline drops every personal field before it writes",
            ticket: "DATA-7",
            expires: "2027-06-30",
        };
        const settings = { ...shippedSettings(), waivers: [waiver] };
        expect(waiverFor(finding, "declassification", settings)).toEqual({
            kind: "active",
            waiver,
        });
        expect(
            waiverFor(finding, "declassification", { ...settings, today: "2027-07-01" }).kind,
        ).toBe("expired");
        expect(waiverFor(finding, "aws-data-location", settings).kind).toBe("none");
    });
});
