import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import {
    CONFIG_KEYS,
    ConfigError,
    OFFLINE_SECRET,
    validateStackConfig,
    type RawConfig,
} from "../config";
import { isPinnedImage } from "../config/kubernetes";
import { PROJECT_DIR } from "./support/harness";

const IMAGE = `registry.example/clover/egress-proxy:6.12@sha256:${"a".repeat(64)}`;
const ENCLAVE = {
    "clover:gatewayImage": IMAGE,
    "clover:egressAllowList": '[".eu-west-1.amazonaws.com"]',
};
const VALID: Record<string, string> = {
    "aws:region": "eu-west-1",
    "clover:site": "dublin",
    "clover:vpcCidr": "10.20.0.0/16",
    "clover:auditorAccountId": "210987654321",
    ...ENCLAVE,
};
const SHIPPER = `registry.example/fluent/fluent-bit:4.0.3@sha256:${"b".repeat(64)}`;
const KUBECONFIG = JSON.stringify({
    clusters: [
        {
            name: "hamar",
            cluster: {
                server: "https://api.k8s.hamar.clover.internal:6443",
                "certificate-authority-data": "Q0E=",
            },
        },
    ],
    users: [{ name: "deployer", user: { token: "t0k3n" } }],
});
const HAMAR: Record<string, string> = {
    "clover:site": "hamar",
    "clover:apiServerUrl": "https://api.k8s.hamar.clover.internal:6443",
    "clover:kubeconfig": KUBECONFIG,
    "clover:logShipperImage": SHIPPER,
    ...ENCLAVE,
};

function raw(values: Record<string, string>, secret: string[] = ["clover:kubeconfig"]): RawConfig {
    return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: v, secret: secret.includes(k) }]),
    );
}

/** The problems reported for `values`, or a failure if the config is accepted. */
function problems(
    values: Record<string, string>,
    options: { secret?: string[]; preview?: boolean } = {},
): readonly string[] {
    try {
        validateStackConfig(
            raw(values, options.secret),
            String(values["clover:site"] ?? "dublin"),
            { preview: options.preview },
        );
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    throw new Error("config was accepted");
}

describe("validateStackConfig for an AWS site", () => {
    it("applies defaults to a minimal valid config", () => {
        expect(validateStackConfig(raw(VALID), "dublin")).toEqual({
            kind: "aws",
            site: "dublin",
            region: "eu-west-1",
            vpcCidr: "10.20.0.0/16",
            availabilityZoneCount: 3,
            kubernetesVersion: "1.33",
            kubernetesServiceCidr: "172.20.0.0/16",
            nodeInstanceTypes: ["m7i.xlarge"],
            nodeMinSize: 3,
            nodeDesiredSize: 3,
            nodeMaxSize: 6,
            flowLogRetentionDays: 365,
            monitor: { auditorAccountId: "210987654321", auditRetentionDays: 2557 },
            enclave: {
                gatewayImage: IMAGE,
                egressAllowList: [".eu-west-1.amazonaws.com"],
                auditorGroup: "clover:auditors",
            },
        });
    });

    it("keeps configured values, decoding structured ones", () => {
        const config = validateStackConfig(
            raw({
                ...VALID,
                "clover:availabilityZoneCount": "2",
                "clover:nodeInstanceTypes": '["m7g.large","m7i.large"]',
            }),
            "dublin",
        );
        expect(config).toMatchObject({
            availabilityZoneCount: 2,
            nodeInstanceTypes: ["m7g.large", "m7i.large"],
        });
    });

    it("names the stack file in the error", () => {
        expect(() =>
            validateStackConfig(raw({ ...VALID, "clover:site": "london" }), "dublin"),
        ).toThrow(
            'Invalid config for stack "dublin" (stacks/Pulumi.dublin.yaml):\n  - clover:site = "london": ',
        );
    });

    it("rejects an unknown site", () => {
        expect(problems({ ...VALID, "clover:site": "london" })).toEqual([
            'clover:site = "london": not a site of the enclave; it must be one of dublin, dublin-2, hamar, legacy. Fix: pulumi config set clover:site dublin',
        ]);
    });

    it("rejects a region that is not the site's", () => {
        expect(problems({ ...VALID, "aws:region": "eu-central-1" })).toEqual([
            'aws:region = "eu-central-1" is not the region of site dublin; it must be eu-west-1. Fix: pulumi config set aws:region eu-west-1',
        ]);
    });

    it("rejects a CIDR that does not parse", () => {
        expect(problems({ ...VALID, "clover:vpcCidr": "10.20.0.0/33" })).toEqual([
            'clover:vpcCidr = "10.20.0.0/33": "10.20.0.0/33" is not an IPv4 CIDR block; it must be a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20. Fix: pulumi config set clover:vpcCidr 10.20.0.0/16',
        ]);
    });

    it("rejects a CIDR with host bits set", () => {
        expect(problems({ ...VALID, "clover:vpcCidr": "10.20.1.0/16" })).toEqual([
            'clover:vpcCidr = "10.20.1.0/16": "10.20.1.0/16" has host bits set; its network address is 10.20.0.0/16; it must be a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20. Fix: pulumi config set clover:vpcCidr 10.20.0.0/16',
        ]);
    });

    it("rejects a public VPC block", () => {
        expect(problems({ ...VALID, "clover:vpcCidr": "52.20.0.0/16" })).toEqual([
            'clover:vpcCidr = "52.20.0.0/16": not a private block from /16 to /20; it must be a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20. Fix: pulumi config set clover:vpcCidr 10.20.0.0/16',
        ]);
    });

    it("rejects a service CIDR that overlaps the VPC", () => {
        expect(problems({ ...VALID, "clover:kubernetesServiceCidr": "10.20.128.0/20" })).toEqual([
            'clover:kubernetesServiceCidr = "10.20.128.0/20": overlaps clover:vpcCidr (10.20.0.0/16); it must be a private IPv4 CIDR block from /12 to /24 that does not overlap clover:vpcCidr. Fix: pulumi config set clover:kubernetesServiceCidr 172.20.0.0/16',
        ]);
    });

    it("rejects an availability-zone count out of range", () => {
        expect(problems({ ...VALID, "clover:availabilityZoneCount": "4" })).toEqual([
            "clover:availabilityZoneCount = 4: Number must be less than or equal to 3; it must be an integer from 2 to 3. Fix: pulumi config set clover:availabilityZoneCount 3",
        ]);
    });

    it("rejects a missing required key", () => {
        const { ["clover:vpcCidr"]: _omitted, ...rest } = VALID;
        expect(problems(rest)).toEqual([
            "clover:vpcCidr is missing; it must be a private IPv4 CIDR block (10/8, 172.16/12 or 192.168/16) from /16 to /20. Fix: pulumi config set clover:vpcCidr 10.20.0.0/16",
        ]);
    });

    it("rejects a value of the wrong type", () => {
        expect(problems({ ...VALID, "clover:nodeMinSize": "three" })).toEqual([
            'clover:nodeMinSize = "three": Expected number, received string; it must be an integer from 1 to 100, at most clover:nodeDesiredSize. Fix: pulumi config set clover:nodeMinSize 3',
        ]);
        expect(problems({ ...VALID, "clover:nodeInstanceTypes": "m7i.xlarge" })).toEqual([
            "clover:nodeInstanceTypes = \"m7i.xlarge\": Expected array, received string; it must be a non-empty list of EC2 instance types. Fix: pulumi config set --path 'clover:nodeInstanceTypes[0]' m7i.xlarge",
        ]);
    });

    it("rejects node sizes out of order", () => {
        expect(
            problems({ ...VALID, "clover:nodeMinSize": "5", "clover:nodeMaxSize": "4" }),
        ).toEqual([
            "clover:nodeMinSize = 5, clover:nodeDesiredSize = 3, clover:nodeMaxSize = 4: they must satisfy min <= desired <= max. Fix: adjust them, e.g. 3, 3 and 6.",
        ]);
    });

    it("rejects a misspelt key and suggests the right one", () => {
        expect(problems({ ...VALID, "clover:vpcCidrr": "10.20.0.0/16" })).toEqual([
            "clover:vpcCidrr is not a config key of this project; did you mean clover:vpcCidr? Fix: rename or remove it (pulumi config rm clover:vpcCidrr).",
        ]);
    });

    it("rejects a key of on-premises sites", () => {
        expect(problems({ ...VALID, "clover:topologyRegion": "hamar" })).toEqual([
            "clover:topologyRegion applies only to on-premises sites, and dublin is an AWS site. Fix: pulumi config rm clover:topologyRegion",
        ]);
    });

    it("reports every problem at once", () => {
        expect(
            problems({ "clover:site": "dublin", "clover:flowLogRetentionDays": "10" }),
        ).toHaveLength(5);
    });
});

describe("validateStackConfig for the monitor", () => {
    it("rejects an auditor account that is not an account ID", () => {
        expect(problems({ ...VALID, "clover:auditorAccountId": "auditors" })).toEqual([
            'clover:auditorAccountId = "auditors": not a 12-digit AWS account ID; it must be the 12-digit ID of the independent auditor\'s AWS account. Fix: pulumi config set clover:auditorAccountId 210987654321',
        ]);
    });

    it("rejects an audit retention shorter than a year", () => {
        expect(problems({ ...VALID, "clover:auditRetentionDays": "30" })).toEqual([
            "clover:auditRetentionDays = 30: Number must be greater than or equal to 365; it must be an integer from 365 to 3653 (one to ten years). Fix: pulumi config set clover:auditRetentionDays 2557",
        ]);
    });

    it("keeps a configured retention and auditor group", () => {
        expect(
            validateStackConfig(
                raw({
                    ...VALID,
                    "clover:auditRetentionDays": "3653",
                    "clover:auditorGroup": "oidc:auditors",
                }),
                "dublin",
            ),
        ).toMatchObject({
            monitor: { auditorAccountId: "210987654321", auditRetentionDays: 3653 },
            enclave: { auditorGroup: "oidc:auditors" },
        });
    });

    it("rejects a system: auditor group", () => {
        expect(problems({ ...VALID, "clover:auditorGroup": "system:masters" })).toEqual([
            "clover:auditorGroup = \"system:masters\": a system: group, which Kubernetes reserves; it must be a Kubernetes group name (letters, digits, '.', ':', '_', '-'). Fix: pulumi config set clover:auditorGroup clover:auditors",
        ]);
    });

    it("requires a pinned log-shipper image on premises, and rejects it on AWS", () => {
        expect(
            problems({ ...HAMAR, "clover:logShipperImage": "fluent/fluent-bit:latest" }),
        ).toEqual([
            'clover:logShipperImage = "fluent/fluent-bit:latest": not an image reference pinned by an exact tag or a digest; it must be an image reference pinned by an exact tag (not latest) or a sha256 digest. Fix: pulumi config set clover:logShipperImage registry.example/fluent/fluent-bit:4.0.3@sha256:<64 hex digits>',
        ]);
        expect(problems({ ...VALID, "clover:logShipperImage": SHIPPER })).toEqual([
            "clover:logShipperImage applies only to on-premises sites, and dublin is an AWS site. Fix: pulumi config rm clover:logShipperImage",
        ]);
    });
});

describe("validateStackConfig for the enclave layer", () => {
    it("rejects an empty allow-list", () => {
        expect(problems({ ...VALID, "clover:egressAllowList": "[]" })).toEqual([
            "clover:egressAllowList = []: the list is empty, so nothing could leave the enclave, not even to AWS APIs; it must be a non-empty list of domain names (a leading dot allows subdomains). Fix: pulumi config set --path 'clover:egressAllowList[0]' .eu-west-1.amazonaws.com",
        ]);
    });

    it("rejects an allow-list entry that is not a domain", () => {
        expect(
            problems({ ...VALID, "clover:egressAllowList": '["https://example.com/"]' }),
        ).toEqual([
            "clover:egressAllowList[0] = \"https://example.com/\": not a domain name; it must be a non-empty list of domain names (a leading dot allows subdomains). Fix: pulumi config set --path 'clover:egressAllowList[0]' .eu-west-1.amazonaws.com",
        ]);
    });

    it("rejects a malformed or unpinned image reference", () => {
        for (const image of [
            "Registry/Proxy:1",
            "registry.example/proxy",
            "registry.example/proxy:latest",
        ]) {
            expect(problems({ ...VALID, "clover:gatewayImage": image })).toEqual([
                `clover:gatewayImage = "${image}": not an image reference pinned by an exact tag or a digest; it must be an image reference pinned by an exact tag (not latest) or a sha256 digest. Fix: pulumi config set clover:gatewayImage registry.example/clover/egress-proxy:6.12@sha256:<64 hex digits>`,
            ]);
        }
    });

    it("accepts images pinned by tag, digest or both", () => {
        expect(isPinnedImage("registry.example:5000/clover/proxy:6.12")).toBe(true);
        expect(isPinnedImage(`proxy@sha256:${"0".repeat(64)}`)).toBe(true);
        expect(isPinnedImage(IMAGE)).toBe(true);
        expect(isPinnedImage(`proxy@sha256:${"0".repeat(63)}`)).toBe(false);
    });
});

describe("validateStackConfig for an on-premises site", () => {
    it("applies defaults and keeps the kubeconfig", () => {
        expect(validateStackConfig(raw(HAMAR), "hamar")).toEqual({
            kind: "onprem",
            site: "hamar",
            apiServerUrl: "https://api.k8s.hamar.clover.internal:6443",
            kubeconfig: KUBECONFIG,
            topologyRegion: "hamar",
            cephNamespace: "rook-ceph",
            defaultStorageClass: "clover-block-protected",
            monitor: { logShipperImage: SHIPPER, auditLogPath: "/var/log/kubernetes/audit" },
            enclave: {
                gatewayImage: IMAGE,
                egressAllowList: [".eu-west-1.amazonaws.com"],
                auditorGroup: "clover:auditors",
            },
        });
    });

    it("rejects a missing kubeconfig", () => {
        const { ["clover:kubeconfig"]: _omitted, ...rest } = HAMAR;
        expect(problems(rest)).toEqual([
            "clover:kubeconfig is missing; it must be a kubeconfig with a user's credentials, stored as a secret. Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig",
        ]);
    });

    it("rejects a kubeconfig in plain text", () => {
        expect(problems(HAMAR, { secret: [] })).toEqual([
            "clover:kubeconfig is stored in plain text; it must be a secret. Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig",
        ]);
    });

    it("rejects a kubeconfig without credentials or for another server, without echoing it", () => {
        const anonymous = JSON.stringify({ users: [{ name: "x", user: {} }] });
        expect(problems({ ...HAMAR, "clover:kubeconfig": anonymous })).toEqual([
            "clover:kubeconfig (secret, not shown) has a user with no credentials (token, client certificate or exec). Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig",
        ]);
        const elsewhere = KUBECONFIG.replace("api.k8s.hamar.clover.internal", "k8s.example.com");
        expect(problems({ ...HAMAR, "clover:kubeconfig": elsewhere })[0]).toBe(
            "clover:kubeconfig (secret, not shown) points at https://k8s.example.com:6443, not at clover:apiServerUrl (https://api.k8s.hamar.clover.internal:6443). Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig",
        );
    });

    it("accepts the offline plan's stand-in for the secret in a preview only", () => {
        expect(
            validateStackConfig(raw({ ...HAMAR, "clover:kubeconfig": OFFLINE_SECRET }), "hamar", {
                preview: true,
            }).kind,
        ).toBe("onprem");
        expect(problems({ ...HAMAR, "clover:kubeconfig": OFFLINE_SECRET })).toEqual([
            "clover:kubeconfig holds the offline plan's stand-in, not a kubeconfig; a deploy needs the real one. Fix: pulumi config set --secret clover:kubeconfig -- < hamar.kubeconfig",
        ]);
    });

    it("rejects an unknown storage class", () => {
        expect(problems({ ...HAMAR, "clover:defaultStorageClass": "gp3" })).toEqual([
            'clover:defaultStorageClass = "gp3": not a storage class of the site; it must be one of the site\'s storage classes (clover-block-protected, clover-block-internal, clover-bucket-protected). Fix: pulumi config set clover:defaultStorageClass clover-block-protected',
        ]);
    });

    it("rejects an API server that is not https and an AWS key", () => {
        expect(
            problems({
                ...HAMAR,
                "clover:apiServerUrl": "http://10.0.0.1:6443",
                "clover:vpcCidr": "10.0.0.0/16",
            }),
        ).toEqual([
            "clover:vpcCidr applies only to AWS sites, and hamar is an on-premises site. Fix: pulumi config rm clover:vpcCidr",
        ]);
        expect(problems({ ...HAMAR, "clover:apiServerUrl": "http://10.0.0.1:6443" })).toEqual([
            'clover:apiServerUrl = "http://10.0.0.1:6443": not an https:// URL; it must be the https:// URL of the cluster\'s API server, as registered in the residency pack. Fix: pulumi config set clover:apiServerUrl https://api.k8s.hamar.clover.internal:6443',
        ]);
    });
});

describe("Pulumi.yaml", () => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8"));

    // The CLI treats a project key declared without a default as required on every stack and
    // stops before the program runs when a stack leaves one out ("missing configuration values").
    it("declares exactly the clover keys that every kind of site requires", () => {
        const declared = Object.keys(project.config).sort();
        const everywhere = Object.entries(CONFIG_KEYS)
            .filter(([k, spec]) => k.startsWith("clover:") && spec.required === true)
            .filter(([, spec]) =>
                ["aws", "onprem", "legacy"].every((s) => spec.sites.includes(s as never)),
            )
            .map(([k]) => k)
            .sort();
        expect(declared).toEqual(["clover:site"]);
        expect(declared).toEqual(everywhere);
    });

    it("types them as the config module decodes them, secrets as secrets, without site-specific defaults", () => {
        for (const [key, declaration] of Object.entries(
            project.config as Record<string, { type: string; secret?: boolean; default?: unknown }>,
        )) {
            const spec = CONFIG_KEYS[key];
            expect({ key, structured: declaration.type !== "string" }).toEqual({
                key,
                structured: spec.structured === true,
            });
            expect({ key, secret: declaration.secret === true }).toEqual({
                key,
                secret: spec.secret === true,
            });
            expect({ key, default: declaration.default }).toEqual({ key, default: undefined });
        }
    });
});
