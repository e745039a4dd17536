/**
 * Reachability through the rendered network policies: an enclave pod reaches only cluster DNS
 * and the gateway, and only the gateway reaches enclave pods.
 */
import type { RecordedResource } from "../../plan/program/model";
import { Cluster, type NetworkPolicy, type Pod } from "../support/netpol";
import { stackRecord } from "../support/stack-records";

function clusterOf(resources: readonly RecordedResource[]): Cluster {
    const policies: NetworkPolicy[] = resources
        .filter((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy")
        .map((r) => {
            const metadata = r.inputs.metadata as { name: string; namespace: string };
            return {
                namespace: metadata.namespace,
                name: metadata.name,
                spec: r.inputs.spec as NetworkPolicy["spec"],
            };
        });
    const namespaces: Record<string, Record<string, string>> = {
        "kube-system": {},
        "team-tools": { team: "tools" },
    };
    for (const r of resources.filter((x) => x.type === "kubernetes:core/v1:Namespace")) {
        const metadata = r.inputs.metadata as { name: string; labels: Record<string, string> };
        namespaces[metadata.name] = metadata.labels;
    }
    return new Cluster(policies, namespaces);
}

const pod = (namespace: string, labels: Record<string, string> = { app: "api" }): Pod => ({
    namespace,
    labels,
});
const PROTECTED = pod("clover-protected");
const INTERNAL = pod("clover-internal");
const PUBLIC = pod("clover-public");
const GATEWAY = pod("clover-gateway", { "app.kubernetes.io/name": "egress-gateway" });
const GATEWAY_OTHER = pod("clover-gateway", { app: "debug" });
const DNS = pod("kube-system", { "k8s-app": "kube-dns" });
const KUBE_PROXY = pod("kube-system", { "k8s-app": "kube-proxy" });
const OUTSIDER = pod("team-tools");

type Row = [string, boolean, Pod, { pod: Pod } | { ip: string }, number, string];

const ENCLAVE_TABLE: Row[] = [
    ["enclave → cluster DNS over UDP", true, PROTECTED, { pod: DNS }, 53, "UDP"],
    ["enclave → cluster DNS over TCP", true, INTERNAL, { pod: DNS }, 53, "TCP"],
    ["enclave → gateway proxy port", true, PROTECTED, { pod: GATEWAY }, 3128, "TCP"],
    ["public enclave → gateway proxy port", true, PUBLIC, { pod: GATEWAY }, 3128, "TCP"],
    ["enclave → gateway on another port", false, PROTECTED, { pod: GATEWAY }, 80, "TCP"],
    [
        "enclave → another pod in the gateway namespace",
        false,
        PROTECTED,
        { pod: GATEWAY_OTHER },
        3128,
        "TCP",
    ],
    ["enclave → kube-system pod that is not DNS", false, PROTECTED, { pod: KUBE_PROXY }, 53, "UDP"],
    ["enclave → the internet directly", false, PROTECTED, { ip: "203.0.113.10" }, 443, "TCP"],
    ["enclave → the VPC directly", false, PROTECTED, { ip: "10.20.5.5" }, 443, "TCP"],
    ["enclave → another enclave namespace", false, PROTECTED, { pod: INTERNAL }, 8080, "TCP"],
    [
        "enclave → a pod of its own namespace",
        false,
        PROTECTED,
        { pod: pod("clover-protected", { app: "db" }) },
        5432,
        "TCP",
    ],
    ["enclave → a pod outside the enclave", false, INTERNAL, { pod: OUTSIDER }, 8080, "TCP"],
    ["gateway → an enclave pod", true, GATEWAY, { pod: PROTECTED }, 8080, "TCP"],
    [
        "another gateway-namespace pod → an enclave pod",
        false,
        GATEWAY_OTHER,
        { pod: PROTECTED },
        8080,
        "TCP",
    ],
    [
        "a pod outside the enclave → an enclave pod",
        false,
        OUTSIDER,
        { pod: PROTECTED },
        8080,
        "TCP",
    ],
    ["kube-system → an enclave pod", false, KUBE_PROXY, { pod: PUBLIC }, 8080, "TCP"],
    ["a pod outside the enclave → the gateway", false, OUTSIDER, { pod: GATEWAY }, 3128, "TCP"],
    ["gateway → the internet on 443", true, GATEWAY, { ip: "203.0.113.10" }, 443, "TCP"],
    ["gateway → the internet on 22", false, GATEWAY, { ip: "203.0.113.10" }, 22, "TCP"],
    ["gateway → cluster DNS", true, GATEWAY, { pod: DNS }, 53, "UDP"],
    ["gateway → instance metadata", false, GATEWAY, { ip: "169.254.169.254" }, 80, "TCP"],
];

describe.each([
    [
        "dublin",
        [
            [
                "gateway → a VPC interface endpoint",
                true,
                GATEWAY,
                { ip: "10.20.5.5" },
                443,
                "TCP",
            ] as Row,
            [
                "gateway → another private network",
                false,
                GATEWAY,
                { ip: "10.99.0.1" },
                443,
                "TCP",
            ] as Row,
        ],
    ],
    [
        "hamar",
        [["gateway → a private network", false, GATEWAY, { ip: "10.20.5.5" }, 443, "TCP"] as Row],
    ],
])("reachability on %s", (stack, siteRows) => {
    let cluster: Cluster;
    beforeAll(async () => {
        cluster = clusterOf((await stackRecord(stack)).resources);
    }, 120_000);

    it.each([...ENCLAVE_TABLE, ...siteRows])(
        "%s: allowed %s",
        (_name, expected, source, destination, port, protocol) => {
            expect(cluster.allowed(source, destination, port, protocol)).toBe(expected);
        },
    );
});
