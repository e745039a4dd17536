import { remoteReaders, allowsRead } from "../../policy-packs/data-residency/policies/access";
import { globalServiceExposure } from "../../policy-packs/data-residency/policies/global-services";
import { UNKNOWN } from "@clover/residency-model";
import { awsProvider, ctx, graph, tagged, view } from "../support/views";

const EU = awsProvider("eu-west-1");
const US = awsProvider("us-east-1");

describe("global-service-exposure", () => {
    const distribution = (origin: ReturnType<typeof view>) =>
        view(
            "aws:cloudfront/distribution:Distribution",
            "cdn",
            { origins: [{ domainName: UNKNOWN }] },
            { provider: US, deps: { origins: [origin] } },
        );

    it("passes a distribution in front of public data", () => {
        const site = view(
            "aws:s3/bucket:Bucket",
            "site",
            { tags: tagged("public") },
            { provider: US },
        );
        expect(globalServiceExposure.evaluate(graph(site, distribution(site)), ctx())).toEqual([]);
    });

    it("blocks a distribution in front of a protected store", () => {
        const pii = view(
            "aws:s3/bucket:Bucket",
            "pii",
            { tags: tagged("protected") },
            { provider: EU },
        );
        const cdn = distribution(pii);
        expect(globalServiceExposure.evaluate(graph(pii, cdn), ctx())).toEqual([
            {
                urn: cdn.urn,
                message:
                    'aws:cloudfront/distribution:Distribution "cdn" is a global service with no location, and its origins serve aws:s3/bucket:Bucket "pii", which holds protected data (tag clover.io/data-class). Protected data may not be served through a global service: edge caches and points of presence are outside the approved locations. Fix: remove pii from cdn\'s origins; serve protected data from the site through the security gateway.',
            },
        ]);
    });
});

describe("remote-readers", () => {
    const pii = view(
        "aws:s3/bucket:Bucket",
        "pii",
        { tags: tagged("protected") },
        { provider: EU },
    );
    const role = view("aws:iam/role:Role", "reader", {}, { provider: EU });
    const read = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::pii/*" }],
    });
    const grant = view(
        "aws:iam/rolePolicy:RolePolicy",
        "read-pii",
        { role: UNKNOWN, policy: read },
        { provider: EU, deps: { role: [role], policy: [pii] } },
    );
    const fn = (provider: typeof EU) =>
        view(
            "aws:lambda/function:Function",
            "export",
            { role: UNKNOWN },
            { provider, deps: { role: [role] } },
        );

    it("passes a reader in an approved location", () => {
        expect(remoteReaders.evaluate(graph(pii, role, grant, fn(EU)), ctx())).toEqual([]);
    });

    it("passes a remote function whose role only writes", () => {
        const write = JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }],
        });
        const writer = view(
            "aws:iam/rolePolicy:RolePolicy",
            "write-pii",
            { role: UNKNOWN, policy: write },
            { provider: EU, deps: { role: [role], policy: [pii] } },
        );
        expect(remoteReaders.evaluate(graph(pii, role, writer, fn(US)), ctx())).toEqual([]);
    });

    it("blocks a function in another region that can read the protected store", () => {
        const remote = fn(US);
        expect(remoteReaders.evaluate(graph(pii, role, grant, remote), ctx())).toEqual([
            {
                urn: remote.urn,
                message:
                    'aws:lambda/function:Function "export" holds protected data (it can read aws:s3/bucket:Bucket "pii" through role "reader" (RolePolicy "read-pii")); it is in aws:us-east-1 (the "region" of provider "aws-us-east-1"). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: run export through the site's provider in an approved location, or remove the grant on pii from role reader.",
            },
        ]);
    });

    it("assumes a policy document unknown during preview grants read", () => {
        expect(allowsRead(UNKNOWN)).toBe(true);
        expect(
            allowsRead(
                JSON.stringify({ Statement: { Effect: "Allow", Action: "dynamodb:Query" } }),
            ),
        ).toBe(true);
        expect(allowsRead(JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*" }] }))).toBe(
            false,
        );
    });
});
