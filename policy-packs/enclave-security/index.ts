// The enclave-security policy pack: `pulumi preview --policy-pack policy-packs/enclave-security`.
// Only constructs the pack; the policies live in ./policies and are tested without a server.
import { PolicyPack } from "@pulumi/policy";
import { buildPolicies } from "./policies/registry";

new PolicyPack("enclave-security", {
    enforcementLevel: "mandatory",
    policies: buildPolicies(),
});
