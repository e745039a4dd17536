// The benchmark baseline: the same server and protocol as a real pack, and no policies.
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("empty", { enforcementLevel: "mandatory", policies: [] });
