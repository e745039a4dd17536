/**
 * A small evaluator of Kubernetes NetworkPolicy semantics, for reachability tables in tests:
 * a connection is allowed when the source's egress allows it and, for a pod destination, the
 * destination's ingress allows it. A pod that no policy of a direction selects is open in that
 * direction; once selected, only what some rule allows gets through.
 */
import { parseCidr } from "../../config/cidr";

export interface LabelSelector {
    readonly matchLabels?: Record<string, string>;
    readonly matchExpressions?: readonly {
        key: string;
        operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
        values?: string[];
    }[];
}

interface Peer {
    readonly podSelector?: LabelSelector;
    readonly namespaceSelector?: LabelSelector;
    readonly ipBlock?: { cidr: string; except?: string[] };
}

interface Port {
    readonly protocol?: string;
    readonly port?: number;
}

export interface NetworkPolicy {
    readonly namespace: string;
    readonly name: string;
    readonly spec: {
        readonly podSelector: LabelSelector;
        readonly policyTypes?: readonly ("Ingress" | "Egress")[];
        readonly ingress?: readonly { from?: readonly Peer[]; ports?: readonly Port[] }[];
        readonly egress?: readonly { to?: readonly Peer[]; ports?: readonly Port[] }[];
    };
}

export interface Pod {
    readonly namespace: string;
    readonly labels: Record<string, string>;
}

export type Destination = { readonly pod: Pod } | { readonly ip: string };

export class Cluster {
    /** Namespace labels, including the `kubernetes.io/metadata.name` label Kubernetes adds. */
    private readonly namespaces = new Map<string, Record<string, string>>();

    constructor(
        readonly policies: readonly NetworkPolicy[],
        namespaces: Record<string, Record<string, string>>,
    ) {
        for (const [name, labels] of Object.entries(namespaces)) {
            this.namespaces.set(name, { ...labels, "kubernetes.io/metadata.name": name });
        }
    }

    allowed(source: Pod, destination: Destination, port: number, protocol = "TCP"): boolean {
        const egress = this.decide(source, "Egress", (policy) =>
            (policy.spec.egress ?? []).some(
                (rule) =>
                    this.portMatches(rule.ports, port, protocol) &&
                    this.peersMatch(rule.to, policy.namespace, destination),
            ),
        );
        if (!egress || !("pod" in destination)) return egress;
        return this.decide(destination.pod, "Ingress", (policy) =>
            (policy.spec.ingress ?? []).some(
                (rule) =>
                    this.portMatches(rule.ports, port, protocol) &&
                    this.peersMatch(rule.from, policy.namespace, { pod: source }),
            ),
        );
    }

    private decide(
        pod: Pod,
        direction: "Ingress" | "Egress",
        allows: (policy: NetworkPolicy) => boolean,
    ): boolean {
        const selecting = this.policies.filter(
            (p) =>
                p.namespace === pod.namespace &&
                types(p).includes(direction) &&
                selects(p.spec.podSelector, pod.labels),
        );
        return selecting.length === 0 || selecting.some(allows);
    }

    private portMatches(
        ports: readonly Port[] | undefined,
        port: number,
        protocol: string,
    ): boolean {
        if (!ports || ports.length === 0) return true;
        return ports.some(
            (p) => (p.protocol ?? "TCP") === protocol && (p.port === undefined || p.port === port),
        );
    }

    private peersMatch(
        peers: readonly Peer[] | undefined,
        policyNamespace: string,
        target: Destination,
    ): boolean {
        if (!peers || peers.length === 0) return true;
        return peers.some((peer) => {
            if (peer.ipBlock) return "ip" in target && inBlock(target.ip, peer.ipBlock);
            if (!("pod" in target)) return false;
            const nsLabels = this.namespaces.get(target.pod.namespace) ?? {
                "kubernetes.io/metadata.name": target.pod.namespace,
            };
            const namespaceOk = peer.namespaceSelector
                ? selects(peer.namespaceSelector, nsLabels)
                : target.pod.namespace === policyNamespace;
            const podOk = peer.podSelector ? selects(peer.podSelector, target.pod.labels) : true;
            return namespaceOk && podOk;
        });
    }
}

function types(p: NetworkPolicy): readonly string[] {
    return p.spec.policyTypes ?? ["Ingress", ...(p.spec.egress ? ["Egress"] : [])];
}

export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
    const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
    const byExpressions = (selector.matchExpressions ?? []).every((e) => {
        switch (e.operator) {
            case "In":
                return e.key in labels && (e.values ?? []).includes(labels[e.key]);
            case "NotIn":
                return !(e.key in labels) || !(e.values ?? []).includes(labels[e.key]);
            case "Exists":
                return e.key in labels;
            case "DoesNotExist":
                return !(e.key in labels);
        }
    });
    return byLabels && byExpressions;
}

function inBlock(ip: string, block: { cidr: string; except?: string[] }): boolean {
    const contains = (cidr: string) => {
        const c = parseCidr(cidr);
        const n = ip.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
        return c.first <= n && n <= c.last;
    };
    return contains(block.cidr) && !(block.except ?? []).some(contains);
}
