/**
 * The shared vocabulary of the Clover enclave: data classes, tag keys, sites and locations.
 *
 * Components, the config module and the policy packs all import from here, so that a tag key or a
 * location is spelled exactly once. This module has no dependencies (not even on Pulumi) because
 * the policy packs load it under ts-node inside the policy analyzer.
 */

/** Tag (AWS) or label (Kubernetes) key that states the data class of a resource. */
export const DATA_CLASS_TAG = "clover.io/data-class";

/** Tag (AWS) or label (Kubernetes) key that states the site a resource belongs to. */
export const SITE_TAG = "clover.io/site";

/**
 * Tag (AWS) or label (Kubernetes) key that states what a resource is for in the enclave's controls:
 * one of {@link CONTROL_ROLES}. The enclave-security pack finds the gateway's roles, the site's
 * service roles, the auditor's role and the audit archive by it.
 */
export const ROLE_TAG = "clover.io/role";

/**
 * - `data-gateway`: an IAM role of the data-access gateway, through which people and services
 *   reach protected stores.
 * - `site-service`: an IAM role of one of the site's own services that uses protected stores.
 * - `auditor`: the independent auditor's read-only role.
 * - `audit-archive`: the monitor's object-locked archive of logs and trails.
 */
export const CONTROL_ROLES = ["data-gateway", "site-service", "auditor", "audit-archive"] as const;
export type ControlRole = (typeof CONTROL_ROLES)[number];

/**
 * Tag key that states the tier of a subnet or route table of a site VPC: `data` (workloads and
 * data, egress only through the firewall), `gateway` (the firewall's endpoints) or `egress` (the
 * NAT gateways behind the firewall).
 */
export const SUBNET_ROLE_TAG = "clover.io/subnet-role";

/**
 * Data classes, from most to least restricted.
 * - `protected`: personal data of users in the EEA, the UK and Switzerland.
 * - `internal`: operational data that is not personal.
 * - `public`: published, aggregated or anonymised data.
 */
export const DATA_CLASSES = ["protected", "internal", "public"] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export function isDataClass(value: unknown): value is DataClass {
    return typeof value === "string" && (DATA_CLASSES as readonly string[]).includes(value);
}

/**
 * A location is where bytes physically are. AWS locations are regions (`aws:eu-west-1`);
 * on-premises locations are campuses (`onprem:hamar`). Locations are strings so that they can be
 * written in policy config and reports as they are.
 */
export type Location = `aws:${string}` | `onprem:${string}`;

export function awsLocation(region: string): Location {
    return `aws:${region}`;
}

/** What the project knows about a location. */
export interface LocationInfo {
    /** ISO 3166-1 alpha-2 country code. */
    readonly country: string;
    /** Human-readable place, for reports. */
    readonly place: string;
    /** Whether the location is in Europe (EEA, UK or Switzerland) for the `internal` class. */
    readonly european: boolean;
}

/**
 * AWS regions by the country they are in. Regions not listed here are treated as unknown
 * locations: a policy that meets one cannot decide and fails closed for protected data.
 */
export const AWS_REGIONS: Readonly<Record<string, LocationInfo>> = {
    "eu-west-1": { country: "IE", place: "Dublin, Ireland", european: true },
    "eu-west-2": { country: "GB", place: "London, United Kingdom", european: true },
    "eu-west-3": { country: "FR", place: "Paris, France", european: true },
    "eu-central-1": { country: "DE", place: "Frankfurt, Germany", european: true },
    "eu-central-2": { country: "CH", place: "Zurich, Switzerland", european: true },
    "eu-north-1": { country: "SE", place: "Stockholm, Sweden", european: true },
    "eu-south-1": { country: "IT", place: "Milan, Italy", european: true },
    "eu-south-2": { country: "ES", place: "Aragon, Spain", european: true },
    "us-east-1": { country: "US", place: "N. Virginia, United States", european: false },
    "us-east-2": { country: "US", place: "Ohio, United States", european: false },
    "us-west-1": { country: "US", place: "N. California, United States", european: false },
    "us-west-2": { country: "US", place: "Oregon, United States", european: false },
    "ca-central-1": { country: "CA", place: "Montreal, Canada", european: false },
    "ca-west-1": { country: "CA", place: "Calgary, Canada", european: false },
    "sa-east-1": { country: "BR", place: "Sao Paulo, Brazil", european: false },
    "ap-southeast-1": { country: "SG", place: "Singapore", european: false },
    "ap-southeast-2": { country: "AU", place: "Sydney, Australia", european: false },
    "ap-southeast-3": { country: "ID", place: "Jakarta, Indonesia", european: false },
    "ap-northeast-1": { country: "JP", place: "Tokyo, Japan", european: false },
    "ap-northeast-2": { country: "KR", place: "Seoul, South Korea", european: false },
    "ap-northeast-3": { country: "JP", place: "Osaka, Japan", european: false },
    "ap-south-1": { country: "IN", place: "Mumbai, India", european: false },
    "ap-east-1": { country: "HK", place: "Hong Kong", european: false },
    "me-south-1": { country: "BH", place: "Bahrain", european: false },
    "me-central-1": { country: "AE", place: "United Arab Emirates", european: false },
    "il-central-1": { country: "IL", place: "Tel Aviv, Israel", european: false },
    "af-south-1": { country: "ZA", place: "Cape Town, South Africa", european: false },
    "cn-north-1": { country: "CN", place: "Beijing, China", european: false },
    "us-gov-west-1": { country: "US", place: "GovCloud (US-West)", european: false },
};

/** On-premises locations of the enclave. */
export const ONPREM_LOCATIONS: Readonly<Record<string, LocationInfo>> = {
    hamar: { country: "NO", place: "Hamar, Norway", european: true },
};

/** What is known about a location, or `undefined` for a location the project does not know. */
export function locationInfo(location: string): LocationInfo | undefined {
    const [kind, rest] = splitLocation(location);
    if (kind === "aws") return AWS_REGIONS[rest];
    if (kind === "onprem") return ONPREM_LOCATIONS[rest];
    return undefined;
}

function splitLocation(location: string): [string, string] {
    const colon = location.indexOf(":");
    return colon < 0 ? ["", location] : [location.slice(0, colon), location.slice(colon + 1)];
}

/**
 * How a site is provisioned: an AWS region, an on-premises cluster, or the legacy locations that
 * still hold European user data while it is migrated (under time-boxed waivers).
 */
export type SiteKind = "aws" | "onprem" | "legacy";

export interface SiteInfo {
    readonly kind: SiteKind;
    /** Where the site's data is. */
    readonly locations: readonly Location[];
    /** For AWS sites, the region the site's provider must use. */
    readonly region?: string;
    readonly description: string;
}

/** The enclave's sites, keyed by their stack name (`stacks/Pulumi.<site>.yaml`). */
export const SITES = {
    dublin: {
        kind: "aws",
        locations: ["aws:eu-west-1"],
        region: "eu-west-1",
        description: "first Irish data centre (AWS eu-west-1)",
    },
    "dublin-2": {
        kind: "aws",
        locations: ["aws:eu-west-1"],
        region: "eu-west-1",
        description: "second Irish data centre (AWS eu-west-1, separate network and cluster)",
    },
    hamar: {
        kind: "onprem",
        locations: ["onprem:hamar"],
        description: "Norwegian data centre (on-premises Kubernetes in Hamar)",
    },
    legacy: {
        kind: "legacy",
        locations: ["aws:us-east-1", "aws:ap-southeast-1"],
        description:
            "the old US and Singapore locations, adopted while their data is migrated to Europe",
    },
} as const satisfies Record<string, SiteInfo>;

export type SiteName = keyof typeof SITES;
export const SITE_NAMES = Object.keys(SITES) as SiteName[];

/**
 * Where each data class may live unless the residency pack's config says otherwise. `"europe"`
 * means any location whose {@link LocationInfo.european} is true; `"anywhere"` means any location,
 * known or not.
 */
export const DEFAULT_APPROVED_LOCATIONS: Readonly<
    Record<DataClass, readonly Location[] | "europe" | "anywhere">
> = {
    protected: ["aws:eu-west-1", "onprem:hamar"],
    internal: "europe",
    public: "anywhere",
};
