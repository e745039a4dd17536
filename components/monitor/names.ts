import type * as pulumi from "@pulumi/pulumi";
import { roleArn } from "../iam";

/**
 * The physical names of a site's monitor. They are fixed so that the archive's bucket and key
 * policies can name the trail and the roles before any of them exists (and during a preview).
 */
export function monitorNames(site: string) {
    return {
        trail: `clover-${site}`,
        auditorRole: `clover-${site}-auditor`,
        deliveryRole: `clover-${site}-audit-delivery`,
        deliveryStream: `clover-${site}-control-plane-logs`,
    };
}

/** The ARNs of the monitor's roles, from their names. */
export function monitorRoleArns(site: string, accountId: pulumi.Input<string>) {
    const names = monitorNames(site);
    return {
        auditor: roleArn(accountId, names.auditorRole),
        delivery: roleArn(accountId, names.deliveryRole),
    };
}
