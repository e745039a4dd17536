import * as crypto from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import type { OutputMode } from "./model";

/** The single AWS account that offline outputs use. */
export const MOCK_ACCOUNT_ID = "123456789012";

/**
 * Mocks that answer like the AWS and Kubernetes providers would, for the two output modes.
 *
 * In `preview` mode a resource's state is its inputs: the SDK then treats every output the program
 * did not set as unknown, exactly as in a preview of a resource that does not exist yet.
 * In `known` mode computed outputs get realistic values: ARNs carry the resource's region and
 * {@link MOCK_ACCOUNT_ID}, IDs and physical names are stable hashes of the URN.
 */
export class OfflineMocks implements pulumi.runtime.Mocks {
    /** Provider name to the region it was configured with (provider references end in name and id). */
    private readonly providerRegions = new Map<string, string>();
    /** Subnet ID to its availability zone, for the endpoints a Network Firewall reports per zone. */
    private readonly subnetZones = new Map<string, string>();

    constructor(
        private readonly mode: OutputMode,
        private readonly stackConfig: Record<string, string>,
    ) {}

    newResource(args: pulumi.runtime.MockResourceArgs): {
        id: string | undefined;
        state: Record<string, unknown>;
    } {
        const inputs = args.inputs as Record<string, unknown>;
        if (args.type.startsWith("pulumi:providers:")) {
            const id = stableId("provider", args.name);
            if (typeof inputs.region === "string")
                this.providerRegions.set(args.name, inputs.region);
            return { id, state: inputs };
        }
        if (this.mode === "preview") {
            return { id: args.id || undefined, state: inputs };
        }
        const region = this.regionOf(inputs, args.provider);
        const physical = physicalName(args.type, args.name, inputs);
        const id = args.id || physical.id;
        if (args.type === "aws:ec2/subnet:Subnet" && typeof inputs.availabilityZone === "string")
            this.subnetZones.set(id, inputs.availabilityZone);
        const state = { ...inputs, ...computedOutputs(args.type, physical, region, inputs) };
        if (args.type === "aws:networkfirewall/firewall:Firewall")
            state.firewallStatuses = [{ syncStates: this.firewallSyncStates(inputs) }];
        return { id, state };
    }

    /** One endpoint per mapped subnet, in that subnet's zone, as Network Firewall reports them. */
    private firewallSyncStates(inputs: Record<string, unknown>): unknown[] {
        const mappings = (inputs.subnetMappings ?? []) as { subnetId?: unknown }[];
        return mappings
            .map((m) => String(m.subnetId))
            .map((subnetId) => ({
                availabilityZone: this.subnetZones.get(subnetId) ?? "unknown-zone",
                attachments: [{ subnetId, endpointId: stableId("vpce", subnetId) }],
            }));
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        return dataSourceResult(
            args.token,
            this.regionOf(args.inputs as Record<string, unknown>, args.provider),
        );
    }

    /** The region a resource is in: its own input, else its provider's, else the stack's. */
    private regionOf(inputs: Record<string, unknown>, provider: string | undefined): string {
        if (typeof inputs.region === "string") return inputs.region;
        const providerName = provider?.split("::")[3];
        const fromProvider =
            providerName === undefined ? undefined : this.providerRegions.get(providerName);
        return fromProvider ?? this.stackConfig["aws:region"] ?? "us-east-1";
    }
}

/**
 * What a data source answers offline, for the ones the enclave's programs call; the offline
 * plan's mocks and the engine's offline providers (engine/providers) both answer with this.
 */
export function dataSourceResult(token: string, region: string): Record<string, unknown> {
    switch (token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: MOCK_ACCOUNT_ID,
                arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/offline-plan`,
                userId: "AIDAOFFLINEPLAN",
                id: MOCK_ACCOUNT_ID,
            };
        case "aws:index/getRegion:getRegion":
            return { name: region, region, id: region, endpoint: `ec2.${region}.amazonaws.com` };
        case "aws:index/getPartition:getPartition":
            return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
        default:
            throw new Error(
                `the offline plan has no answer for the data source ${token}; ` +
                    `add one to plan/program/mocks.ts or run the real \`pulumi preview\``,
            );
    }
}

interface Physical {
    readonly id: string;
    readonly name: string;
    readonly hash: string;
}

function stableId(prefix: string, name: string): string {
    return `${prefix}-${crypto.createHash("sha256").update(name).digest("hex").slice(0, 17)}`;
}

const ID_PREFIXES: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/flowLog:FlowLog": "fl",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/natGateway:NatGateway": "nat",
    "aws:ec2/instance:Instance": "i",
    "aws:ebs/volume:Volume": "vol",
    "aws:ebs/snapshotCopy:SnapshotCopy": "snap",
    "aws:ec2/amiCopy:AmiCopy": "ami",
};

function physicalName(type: string, name: string, inputs: Record<string, unknown>): Physical {
    const hash = crypto.createHash("sha256").update(`${type}::${name}`).digest("hex");
    const given = [inputs.name, inputs.bucket, inputs.functionName, inputs.clusterIdentifier].find(
        (v): v is string => typeof v === "string",
    );
    const physical = given ?? `${name}-${hash.slice(0, 7)}`;
    const prefix = ID_PREFIXES[type];
    return { id: prefix ? `${prefix}-${hash.slice(0, 17)}` : physical, name: physical, hash };
}

const EC2_ARN_KINDS: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/routeTable:RouteTable": "route-table",
    "aws:ec2/securityGroup:SecurityGroup": "security-group",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "vpc-endpoint",
};

/** Computed outputs for the resource types the enclave uses; other types get `arn` and `name`. */
function computedOutputs(
    type: string,
    p: Physical,
    region: string,
    inputs: Record<string, unknown>,
): Record<string, unknown> {
    const account = MOCK_ACCOUNT_ID;
    const [pkg, module] = type.split(":");
    const service = module?.split("/")[0] ?? "";
    if (type === "random:index/randomPassword:RandomPassword") {
        // Stable, and as long as asked (the hash repeated): a value, never a real secret.
        const length = typeof inputs.length === "number" ? inputs.length : 16;
        return { result: p.hash.repeat(Math.ceil(length / p.hash.length)).slice(0, length) };
    }
    if (pkg !== "aws") return { name: p.name };
    switch (type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return {
                bucket: p.name,
                arn: `arn:aws:s3:::${p.name}`,
                region,
                bucketRegionalDomainName: `${p.name}.s3.${region}.amazonaws.com`,
            };
        case "aws:iam/role:Role":
            return {
                name: p.name,
                // A role's ARN carries its path, as IAM's do.
                arn: `arn:aws:iam::${account}:role${typeof inputs.path === "string" ? inputs.path : "/"}${p.name}`,
                uniqueId: `AROA${p.hash.slice(0, 16).toUpperCase()}`,
            };
        case "aws:iam/policy:Policy":
            return { name: p.name, arn: `arn:aws:iam::${account}:policy/${p.name}` };
        case "aws:kms/key:Key":
        case "aws:kms/replicaKey:ReplicaKey": {
            const h = p.hash;
            const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
            return { keyId, arn: `arn:aws:kms:${region}:${account}:key/${keyId}`, region };
        }
        case "aws:cloudwatch/logGroup:LogGroup":
            return {
                name: p.name,
                arn: `arn:aws:logs:${region}:${account}:log-group:${p.name}`,
                region,
            };
        case "aws:eks/cluster:Cluster":
            return {
                name: p.name,
                arn: `arn:aws:eks:${region}:${account}:cluster/${p.name}`,
                endpoint: `https://${p.hash.slice(0, 32).toUpperCase()}.gr7.${region}.eks.amazonaws.com`,
                certificateAuthority: {
                    data: Buffer.from(`offline CA of ${p.name}`).toString("base64"),
                },
                region,
            };
        default:
            if (EC2_ARN_KINDS[type] !== undefined) {
                return {
                    arn: `arn:aws:ec2:${region}:${account}:${EC2_ARN_KINDS[type]}/${p.id}`,
                    region,
                };
            }
            if (service === "iam" || service === "cloudfront" || service === "route53") {
                return { name: p.name, arn: `arn:aws:${service}::${account}:${p.name}` };
            }
            return {
                name: p.name,
                arn: `arn:aws:${service}:${region}:${account}:${p.name}`,
                region,
            };
    }
}
