import * as ipaddr from "ipaddr.js";

/** An IPv4 CIDR block, parsed. */
export interface Cidr {
    /** The block as written, normalised to its network address (`10.20.0.0/16`). */
    readonly text: string;
    readonly first: number;
    readonly last: number;
    readonly prefixLength: number;
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseCidr(c));

/**
 * Parses an IPv4 CIDR block. Throws an `Error` that says what is wrong when `text` is not one,
 * or when host bits are set (`10.20.1.0/16`), since AWS would silently use the network address.
 */
export function parseCidr(text: string): Cidr {
    let address: ipaddr.IPv4;
    let prefixLength: number;
    try {
        const parsed = ipaddr.IPv4.parseCIDR(text);
        address = parsed[0];
        prefixLength = parsed[1];
    } catch {
        throw new Error(`"${text}" is not an IPv4 CIDR block`);
    }
    const base = toNumber(address);
    const size = 2 ** (32 - prefixLength);
    const first = base - (base % size);
    if (first !== base) {
        throw new Error(
            `"${text}" has host bits set; its network address is ${fromNumber(first)}/${prefixLength}`,
        );
    }
    return {
        text: `${fromNumber(first)}/${prefixLength}`,
        first,
        last: first + size - 1,
        prefixLength,
    };
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
    return a.first <= b.last && b.first <= a.last;
}

export function isPrivateCidr(cidr: Cidr): boolean {
    return PRIVATE_RANGES.some((range) => range.first <= cidr.first && cidr.last <= range.last);
}

/**
 * Splits `cidr` into consecutive blocks of `prefixLength` and returns the first `count` of them,
 * starting at block `offset`. Throws when they do not fit.
 */
export function subdivide(cidr: Cidr, prefixLength: number, count: number, offset = 0): string[] {
    if (prefixLength < cidr.prefixLength) {
        throw new Error(`cannot cut /${prefixLength} blocks out of ${cidr.text}`);
    }
    const size = 2 ** (32 - prefixLength);
    const available = 2 ** (prefixLength - cidr.prefixLength);
    if (offset + count > available) {
        throw new Error(
            `${cidr.text} holds ${available} /${prefixLength} blocks; ${offset + count} were asked for`,
        );
    }
    return Array.from(
        { length: count },
        (_, i) => `${fromNumber(cidr.first + (offset + i) * size)}/${prefixLength}`,
    );
}

function toNumber(address: ipaddr.IPv4): number {
    return address.octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

function fromNumber(value: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}
