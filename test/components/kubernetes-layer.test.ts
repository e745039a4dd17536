import * as k8s from "@pulumi/kubernetes";
import { EnclaveLayer, validateEnclaveLayerArgs } from "../../components/enclave";
import {
    EgressGateway,
    validateEgressGatewayArgs,
    type EgressGatewayArgs,
} from "../../components/gateway";
import { OnpremCluster, siteKubeconfig, validateOnpremClusterArgs } from "../../components/cluster";
import { CephStorage, validateCephStorageArgs } from "../../components/storage";
import { runComponent, type Resources } from "../support/harness";

const IMAGE = `registry.example/clover/egress-proxy:6.12@sha256:${"b".repeat(64)}`;
const GATEWAY: EgressGatewayArgs = {
    site: "hamar",
    image: IMAGE,
    allowList: ["repo.clover.internal", ".eu-west-1.amazonaws.com"],
};
const NP = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

describe("EgressGateway", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new EgressGateway(
                "gw",
                { ...GATEWAY, privateEgressCidrs: ["10.20.0.0/16"] },
                { provider },
            );
        });
    });

    it("runs a pinned, locked-down proxy with the allow-list as its only way out", () => {
        const deployment = resources.one("kubernetes:apps/v1:Deployment", "gw-proxy").inputs as any;
        const container = deployment.spec.template.spec.containers[0];
        expect(container.image).toBe(IMAGE);
        expect(container.securityContext).toEqual({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        });
        expect(deployment.spec.template.spec.securityContext).toMatchObject({
            runAsNonRoot: true,
            seccompProfile: { type: "RuntimeDefault" },
        });
        expect(deployment.spec.replicas).toBe(2);
        const config = resources.one("kubernetes:core/v1:ConfigMap", "gw-config").inputs as any;
        expect(config.data["allowed-domains.txt"]).toBe(
            "repo.clover.internal\n.eu-west-1.amazonaws.com\n",
        );
        expect(config.data["squid.conf"]).toContain(
            "http_access allow allowed_domains\nhttp_access deny all",
        );
    });

    it("admits only enclave namespaces and lets out only DNS, public 80/443 and the listed private blocks", () => {
        const policies = Object.fromEntries(
            resources.ofType(NP).map((p) => [(p.inputs.metadata as any).name, p.inputs.spec]),
        );
        expect(Object.keys(policies).sort()).toEqual([
            "allow-dns",
            "allow-from-enclave",
            "allow-out",
            "allow-to-enclave",
            "default-deny",
        ]);
        expect(policies["default-deny"]).toEqual({
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
        });
        expect(policies["allow-from-enclave"]).toEqual({
            podSelector: { matchLabels: { "app.kubernetes.io/name": "egress-gateway" } },
            policyTypes: ["Ingress"],
            ingress: [
                {
                    from: [{ namespaceSelector: { matchLabels: { "clover.io/role": "enclave" } } }],
                    ports: [{ protocol: "TCP", port: 3128 }],
                },
            ],
        });
        expect(policies["allow-out"].egress).toEqual([
            {
                to: [
                    {
                        ipBlock: {
                            cidr: "0.0.0.0/0",
                            except: [
                                "10.0.0.0/8",
                                "172.16.0.0/12",
                                "192.168.0.0/16",
                                "169.254.0.0/16",
                                "100.64.0.0/10",
                            ],
                        },
                    },
                ],
                ports: [
                    { protocol: "TCP", port: 443 },
                    { protocol: "TCP", port: 80 },
                ],
            },
            {
                to: [{ ipBlock: { cidr: "10.20.0.0/16" } }],
                ports: [{ protocol: "TCP", port: 443 }],
            },
        ]);
    });

    it("rejects a malformed image, an empty allow-list and a bad entry", () => {
        expect(() => validateEgressGatewayArgs({ ...GATEWAY, image: "proxy:latest" })).toThrow(
            'EgressGateway: image "proxy:latest" is not pinned; pass a reference with an exact tag (not latest) or a sha256 digest, e.g. registry.example/clover/egress-proxy:6.12@sha256:<digest>.',
        );
        expect(() => validateEgressGatewayArgs({ ...GATEWAY, allowList: [] })).toThrow(
            "EgressGateway: allowList is empty; pass at least one destination domain, e.g. .eu-west-1.amazonaws.com.",
        );
        expect(() =>
            validateEgressGatewayArgs({ ...GATEWAY, allowList: ["*.example.com"] }),
        ).toThrow(
            'EgressGateway: allowList entry "*.example.com" is not a domain name; pass names such as api.example.com or .example.com (subdomains).',
        );
    });
});

describe("EnclaveLayer", () => {
    let resources: Resources;
    beforeAll(async () => {
        resources = await runComponent(() => {
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new EnclaveLayer(
                "enc",
                {
                    site: "hamar",
                    gatewayNamespace: "clover-gateway",
                    gatewayApp: "egress-gateway",
                    gatewayPort: 3128,
                },
                { provider },
            );
        });
    });

    it("creates a restricted, classified namespace per data class", () => {
        const namespaces = resources
            .ofType("kubernetes:core/v1:Namespace")
            .map((n) => n.inputs.metadata as any);
        expect(
            namespaces.map((m) => [
                m.name,
                m.labels["clover.io/data-class"],
                m.labels["pod-security.kubernetes.io/enforce"],
                m.labels["clover.io/role"],
            ]),
        ).toEqual([
            ["clover-protected", "protected", "restricted", "enclave"],
            ["clover-internal", "internal", "restricted", "enclave"],
            ["clover-public", "public", "restricted", "enclave"],
        ]);
    });

    it("gives every namespace default deny, DNS, the gateway, a quota and limits", () => {
        const byNamespace = (type: string) =>
            resources
                .ofType(type)
                .map(
                    (r) =>
                        `${(r.inputs.metadata as any).namespace}/${(r.inputs.metadata as any).name}`,
                )
                .sort();
        const namespaces = ["clover-internal", "clover-protected", "clover-public"];
        expect(byNamespace(NP)).toEqual(
            namespaces.flatMap((ns) => [
                `${ns}/allow-dns`,
                `${ns}/allow-from-gateway`,
                `${ns}/allow-to-gateway`,
                `${ns}/default-deny`,
            ]),
        );
        expect(byNamespace("kubernetes:core/v1:ResourceQuota")).toEqual(
            namespaces.map((ns) => `${ns}/enclave-quota`),
        );
        expect(byNamespace("kubernetes:core/v1:LimitRange")).toEqual(
            namespaces.map((ns) => `${ns}/enclave-limits`),
        );
        const quota = resources.one("kubernetes:core/v1:ResourceQuota", "enc-protected-quota")
            .inputs.spec as any;
        expect(quota.hard).toMatchObject({
            pods: "100",
            "services.loadbalancers": "0",
            "services.nodeports": "0",
        });
    });

    it("rejects a bad port and repeated classes", () => {
        const args = {
            site: "hamar",
            gatewayNamespace: "clover-gateway",
            gatewayApp: "egress-gateway",
            gatewayPort: 0,
        };
        expect(() => validateEnclaveLayerArgs(args)).toThrow(
            "EnclaveLayer: gatewayPort 0 is not a port; pass the gateway's proxy port, e.g. 3128.",
        );
        expect(() =>
            validateEnclaveLayerArgs({
                ...args,
                gatewayPort: 3128,
                dataClasses: ["public", "public"],
            }),
        ).toThrow(
            'EnclaveLayer: dataClasses ["public","public"] must list distinct data classes (protected, internal, public); omit it for all of them.',
        );
    });
});

describe("OnpremCluster", () => {
    const admin = JSON.stringify({
        clusters: [
            {
                name: "x",
                cluster: { server: "https://10.1.1.1:6443", "certificate-authority-data": "Q0E=" },
            },
        ],
        users: [{ name: "admin", user: { token: "t0k3n" } }],
    });

    it("talks only to the configured server, with the admins' CA and credentials", () => {
        expect(
            JSON.parse(
                siteKubeconfig("hamar", "https://api.k8s.hamar.clover.internal:6443", admin),
            ),
        ).toEqual({
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                {
                    name: "hamar",
                    cluster: {
                        server: "https://api.k8s.hamar.clover.internal:6443",
                        "certificate-authority-data": "Q0E=",
                    },
                },
            ],
            contexts: [{ name: "hamar", context: { cluster: "hamar", user: "hamar-deployer" } }],
            "current-context": "hamar",
            users: [{ name: "hamar-deployer", user: { token: "t0k3n" } }],
        });
    });

    it("registers one explicit provider with a secret kubeconfig", async () => {
        const resources = await runComponent(
            () =>
                new OnpremCluster("c", {
                    site: "hamar",
                    apiServerUrl: "https://api.k8s.hamar.clover.internal:6443",
                    kubeconfig: admin,
                }),
        );
        const provider = resources.one("pulumi:providers:kubernetes", "c-k8s");
        expect(
            (provider.inputs.kubeconfig as Record<string, string>)[
                "4dabf18193072939515e22adb298388d"
            ],
        ).toBe("1b47061264138c4ac30d75fd1eb44270");
        expect(provider.parent).toBe(resources.ofType("clover:cluster:OnpremCluster")[0].urn);
    });

    it("rejects an API server that is not https", () => {
        expect(() =>
            validateOnpremClusterArgs({
                site: "hamar",
                apiServerUrl: "http://10.1.1.1:6443",
                kubeconfig: admin,
            }),
        ).toThrow(
            'OnpremCluster: apiServerUrl "http://10.1.1.1:6443" is not https; the API server must be reached over TLS.',
        );
    });
});

describe("CephStorage validation", () => {
    const args = { site: "hamar", cephNamespace: "rook-ceph", topologyRegion: "hamar" };
    it("rejects an unknown default storage class and a single replica", () => {
        expect(() =>
            validateCephStorageArgs({ ...args, defaultStorageClass: "gp3" as never }),
        ).toThrow(
            'CephStorage: defaultStorageClass "gp3" is not a storage class of the site; pass one of clover-block-protected, clover-block-internal, clover-bucket-protected.',
        );
        expect(() => validateCephStorageArgs({ ...args, replicas: 1 })).toThrow(
            "CephStorage: replicas 1 must be a whole number, at least 2 (a single copy loses data with a host).",
        );
    });

    it("constructs with the defaults", async () => {
        const resources = await runComponent(() => new CephStorage("s", args));
        expect(resources.ofType("kubernetes:storage.k8s.io/v1:StorageClass")).toHaveLength(3);
    });
});
