/** The parts of an ARN that tell where a resource is. */
export interface Arn {
    readonly partition: string;
    readonly service: string;
    /** Empty for global resources and for S3 buckets, whose ARNs carry no region. */
    readonly region: string;
    readonly account: string;
    readonly resource: string;
}

/** Parses `arn:partition:service:region:account:resource`; undefined for anything else. */
export function parseArn(value: string): Arn | undefined {
    const parts = value.split(":");
    if (parts.length < 6 || parts[0] !== "arn") return undefined;
    const [, partition, service, region, account] = parts;
    return { partition, service, region, account, resource: parts.slice(5).join(":") };
}
