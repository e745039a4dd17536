import { parseCidr, subdivide } from "../../config/cidr";

/** The subnet blocks of a site VPC, one of each kind per availability zone. */
export interface SubnetPlan {
    /** Private subnets for data and workloads: no route to the internet. */
    readonly data: string[];
    /** Small subnets for the security gateway's firewall endpoints (the inspected egress path). */
    readonly gateway: string[];
    /** Small subnets for the NAT gateways behind the firewall, the only ones with an internet route. */
    readonly egress: string[];
}

/**
 * Lays out a VPC's subnets: the block is cut in eight; the first `zones` eighths are data subnets,
 * and the fourth eighth is cut in eight again: its first three parts for the gateway subnets, its
 * fifth to seventh for the egress subnets. The rest is left free for growth. For a /16 this gives
 * /19 data subnets and /22 gateway and egress subnets.
 */
export function planSubnets(vpcCidr: string, zones: number): SubnetPlan {
    const vpc = parseCidr(vpcCidr);
    return {
        data: subdivide(vpc, vpc.prefixLength + 3, zones, 0),
        gateway: subdivide(vpc, vpc.prefixLength + 6, zones, 3 * 8),
        egress: subdivide(vpc, vpc.prefixLength + 6, zones, 3 * 8 + 4),
    };
}
