import { kubernetesDataLocation } from "../../policy-packs/data-residency/policies/kubernetes";
import { UNKNOWN } from "@clover/residency-model";
import {
    awsProvider,
    ctx,
    graph,
    k8sProvider,
    providerResource,
    tagged,
    view,
} from "../support/views";

const kubeconfig = (server: string) =>
    JSON.stringify({
        apiVersion: "v1",
        clusters: [{ name: "c", cluster: { server } }],
        contexts: [{ name: "c", context: { cluster: "c", user: "u" } }],
        "current-context": "c",
        users: [{ name: "u", user: {} }],
    });
const NS = "kubernetes:core/v1:Namespace";

describe("kubernetes-data-location", () => {
    it("passes protected data on the registered Hamar cluster", () => {
        const hamar = k8sProvider(
            { kubeconfig: kubeconfig("https://api.k8s.hamar.clover.internal:6443/") },
            "hamar",
        );
        expect(
            kubernetesDataLocation.evaluate(
                graph(
                    view(
                        NS,
                        "users",
                        { metadata: { labels: tagged("protected") } },
                        { provider: hamar },
                    ),
                ),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("passes protected data on an EKS cluster in Dublin, known by its endpoint", () => {
        const eks = k8sProvider({
            kubeconfig: kubeconfig("https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com"),
        });
        expect(
            kubernetesDataLocation.evaluate(
                graph(
                    view(
                        NS,
                        "users",
                        { metadata: { labels: tagged("protected") } },
                        { provider: eks },
                    ),
                ),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("follows an unknown kubeconfig to the EKS cluster created in the same deploy", () => {
        const cluster = view(
            "aws:eks/cluster:Cluster",
            "dublin",
            { tags: tagged("protected") },
            { provider: awsProvider("eu-west-1") },
        );
        const provider = k8sProvider({ kubeconfig: UNKNOWN }, "dublin");
        const ns = view(NS, "users", { metadata: { labels: tagged("protected") } }, { provider });
        expect(
            kubernetesDataLocation.evaluate(
                graph(cluster, providerResource(provider, { kubeconfig: [cluster] }), ns),
                ctx(),
            ),
        ).toEqual([]);
    });

    it("blocks protected data on an EKS cluster created in another region", () => {
        const cluster = view(
            "aws:eks/cluster:Cluster",
            "us",
            { tags: tagged("public") },
            { provider: awsProvider("us-east-1") },
        );
        const provider = k8sProvider({ kubeconfig: UNKNOWN }, "us");
        const ns = view(NS, "users", { metadata: { labels: tagged("protected") } }, { provider });
        expect(
            kubernetesDataLocation.evaluate(
                graph(cluster, providerResource(provider, { kubeconfig: [cluster] }), ns),
                ctx(),
            ),
        ).toEqual([
            {
                urn: ns.urn,
                message:
                    'kubernetes:core/v1:Namespace "users" holds protected data (label clover.io/data-class); its cluster is in aws:us-east-1 (EKS cluster "us" behind provider "us", the "region" of provider "aws-us-east-1"). ' +
                    "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: deploy it through the site's Kubernetes provider, whose cluster is registered in the pack's policy config (clusters) or is the site's EKS cluster.",
            },
        ]);
    });

    it("blocks a cluster that is not in the registry", () => {
        const other = k8sProvider({ kubeconfig: kubeconfig("https://k8s.example.com") });
        const ns = view(
            NS,
            "users",
            { metadata: { labels: tagged("protected") } },
            { provider: other },
        );
        expect(kubernetesDataLocation.evaluate(graph(ns), ctx())[0].message).toContain(
            "its cluster is in an unknown location (API server https://k8s.example.com is not in the registry of approved clusters)",
        );
    });

    it("blocks the ambient default kubeconfig, and inherits the class from the namespace", () => {
        const ambient = k8sProvider({}, "default_4_34_2");
        const ns = view(
            NS,
            "users",
            { metadata: { name: "users", labels: tagged("protected") } },
            { provider: ambient },
        );
        const secret = view(
            "kubernetes:core/v1:Secret",
            "creds",
            { metadata: { namespace: "users" } },
            { provider: ambient },
        );
        const findings = kubernetesDataLocation.evaluate(graph(ns, secret), ctx());
        expect(findings.map((f) => f.urn)).toEqual([ns.urn, secret.urn]);
        expect(findings[1].message).toContain(
            '"creds" holds protected data (label of namespace "users")',
        );
        expect(findings[1].message).toContain(
            'provider "default_4_34_2" has no kubeconfig, so it uses the ambient default kubeconfig (KUBECONFIG or ~/.kube/config) of whoever runs the deploy',
        );
    });

    it("passes public data on any cluster", () => {
        const other = k8sProvider({ kubeconfig: kubeconfig("https://k8s.example.com") });
        expect(
            kubernetesDataLocation.evaluate(
                graph(
                    view(
                        NS,
                        "docs",
                        { metadata: { labels: tagged("public") } },
                        { provider: other },
                    ),
                ),
                ctx(),
            ),
        ).toEqual([]);
    });
});

describe("the provider's context and cluster inputs decide the cluster", () => {
    const twoClusters = JSON.stringify({
        apiVersion: "v1",
        clusters: [
            { name: "hamar", cluster: { server: "https://api.k8s.hamar.clover.internal:6443" } },
            { name: "us", cluster: { server: "https://k8s.virginia.example.com:6443" } },
        ],
        contexts: [
            { name: "hamar", context: { cluster: "hamar", user: "u" } },
            { name: "us", context: { cluster: "us", user: "u" } },
        ],
        "current-context": "hamar",
        users: [{ name: "u", user: {} }],
    });
    const evaluate = (props: Record<string, unknown>) =>
        kubernetesDataLocation.evaluate(
            graph(
                view(
                    NS,
                    "users",
                    { metadata: { labels: tagged("protected") } },
                    { provider: k8sProvider({ kubeconfig: twoClusters, ...props }, "p") },
                ),
            ),
            ctx(),
        );

    it("follows the kubeconfig's current context when the provider names none", () => {
        expect(evaluate({})).toEqual([]);
        expect(evaluate({ context: "hamar", cluster: "hamar" })).toEqual([]);
    });

    it("blocks a context or a cluster input that sends it elsewhere", () => {
        for (const props of [
            { context: "us" },
            { cluster: "us" },
            { context: "hamar", cluster: "us" },
        ])
            expect(evaluate(props)[0].message).toContain("https://k8s.virginia.example.com:6443");
    });

    it("fails closed on a context or cluster input unknown during preview", () => {
        expect(evaluate({ cluster: UNKNOWN })[0].message).toContain(
            'the "cluster" input of provider "p" is unknown during preview, so the cluster it talks to cannot be told',
        );
        expect(evaluate({ context: UNKNOWN })[0].message).toContain(
            'the "context" input of provider "p"',
        );
    });
});

describe("an ExternalName service is also where it sends its clients", () => {
    const hamar = k8sProvider(
        { kubeconfig: kubeconfig("https://api.k8s.hamar.clover.internal:6443/") },
        "hamar",
    );
    const service = (externalName: unknown) =>
        view(
            "kubernetes:core/v1:Service",
            "db",
            {
                metadata: { labels: tagged("protected") },
                spec: { type: "ExternalName", externalName: externalName as never },
            },
            { provider: hamar },
        );

    it("passes a service of its own cluster and an AWS endpoint of an approved region", () => {
        for (const host of [
            "users-db.users.svc.cluster.local",
            "clover.abc123.eu-west-1.rds.amazonaws.com",
        ])
            expect(kubernetesDataLocation.evaluate(graph(service(host)), ctx())).toEqual([]);
    });

    it("blocks a host in another region or outside AWS, and one unknown during preview", () => {
        const us = kubernetesDataLocation.evaluate(
            graph(service("clover.abc123.us-east-1.rds.amazonaws.com")),
            ctx(),
        );
        expect(us).toHaveLength(1);
        expect(us[0].message).toBe(
            'kubernetes:core/v1:Service "db" holds protected data (label clover.io/data-class); the host its ExternalName sends clients to (spec.externalName) is in aws:us-east-1 ("clover.abc123.us-east-1.rds.amazonaws.com" is an AWS endpoint of that region). ' +
                "Protected data may only be in aws:eu-west-1, onprem:hamar. Fix: point it at a service of the same cluster or an AWS endpoint of an approved region, or select the pods it serves instead of naming a host.",
        );
        expect(
            kubernetesDataLocation.evaluate(graph(service("db.partner.example.com")), ctx())[0]
                .message,
        ).toContain('("db.partner.example.com" is a host outside the enclave\'s known places)');
        expect(
            kubernetesDataLocation.evaluate(graph(service(UNKNOWN)), ctx())[0].message,
        ).toContain("its spec.externalName is unknown during preview");
    });
});
