// The data-residency policy pack: `pulumi preview --policy-pack policy-packs/data-residency`.
// Only constructs the pack; the policies live in ./policies and are tested without a server.
// Settings are policy config (`--policy-pack-config`); see README.md.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./policies/registry";

new PolicyPack("data-residency", {
    enforcementLevel: "mandatory",
    policies: buildPolicies(),
});
