import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { CONFIG_KEYS, ConfigError, validateStackConfig, type RawConfig } from "../config";
import { PROJECT_DIR } from "./support/harness";

const VALID: Record<string, string> = {
    "aws:region": "eu-west-1",
    "clover:site": "dublin",
    "clover:vpcCidr": "10.20.0.0/16",
};

function raw(values: Record<string, string>): RawConfig {
    return Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: v, secret: false }]),
    );
}

/** The problems reported for `values`, or a failure if the config is accepted. */
function problems(values: Record<string, string>): readonly string[] {
    try {
        validateStackConfig(raw(values), "dublin");
    } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
    }
    throw new Error("config was accepted");
}

describe("validateStackConfig", () => {
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
        expect(config.availabilityZoneCount).toBe(2);
        expect(config.nodeInstanceTypes).toEqual(["m7g.large", "m7i.large"]);
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
            "clover:site = \"london\": Invalid enum value. Expected 'dublin' | 'dublin-2' | 'hamar', received 'london'; it must be one of dublin, dublin-2, hamar. Fix: pulumi config set clover:site dublin",
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

    it("reports every problem at once", () => {
        expect(
            problems({ "clover:site": "dublin", "clover:flowLogRetentionDays": "10" }),
        ).toHaveLength(2);
    });
});

describe("Pulumi.yaml", () => {
    const project = YAML.parse(fs.readFileSync(path.join(PROJECT_DIR, "Pulumi.yaml"), "utf8"));

    it("declares exactly the clover keys the config module reads", () => {
        const declared = Object.keys(project.config).sort();
        const read = Object.keys(CONFIG_KEYS)
            .filter((k) => k.startsWith("clover:"))
            .sort();
        expect(declared).toEqual(read);
    });

    it("keeps its defaults in step with the config module's", () => {
        const defaults = Object.fromEntries(
            Object.entries(project.config as Record<string, { default?: unknown }>)
                .filter(([, d]) => d.default !== undefined)
                .map(([k, d]) => [
                    k,
                    typeof d.default === "string" ? d.default : JSON.stringify(d.default),
                ]),
        );
        const fromModule = validateStackConfig(raw(VALID), "dublin");
        const fromYaml = validateStackConfig(raw({ ...VALID, ...defaults }), "dublin");
        expect(fromYaml).toEqual(fromModule);
    });
});
