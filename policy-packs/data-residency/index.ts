// The data-residency policy pack: `pulumi preview --policy-pack policy-packs/data-residency`.
// Only constructs the pack; the policies live in ./policies and are tested without a server.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./policies/registry";
import { loadSettings } from "./lib/settings";

new PolicyPack("data-residency", {
    enforcementLevel: "mandatory",
    policies: buildPolicies(loadSettings()),
});
