import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GATEWAY_NAMESPACE } from "./egress";
import {
    KMS_DATA_ACTIONS,
    policyDocument,
    policyObject,
    ROLE_PATH,
    roleArn,
    S3_DATA_ACTIONS,
} from "../iam";
import { controlRoleTags } from "../tags";

/** The Kubernetes service account the data-access gateway's workload runs as. */
export const DATA_GATEWAY_SERVICE_ACCOUNT = { namespace: GATEWAY_NAMESPACE, name: "data-gateway" };

/** The service account of the site's own services that use protected stores. */
export const SITE_SERVICE_ACCOUNT = { namespace: "clover-protected", name: "site-service" };

/** The physical names of a site's access roles; their ARNs are known before they exist. */
export function accessRoleNames(site: string): { gateway: string; service: string } {
    return { gateway: `clover-${site}-data-gateway`, service: `clover-${site}-site-service` };
}

/** The ARNs of the only principals that may use a site's protected stores. */
export function accessRoleArns(
    site: string,
    accountId: pulumi.Input<string>,
): {
    gateway: pulumi.Output<string>;
    service: pulumi.Output<string>;
} {
    const names = accessRoleNames(site);
    return {
        gateway: roleArn(accountId, names.gateway),
        service: roleArn(accountId, names.service),
    };
}

export interface DataAccessGatewayArgs {
    /** The site's name; the roles are named after it. */
    readonly site: string;
    /** The site's region: the roles may use the protected key only through S3 there. */
    readonly region: string;
    /** The EKS cluster whose pods assume the roles through EKS Pod Identity. */
    readonly clusterName: pulumi.Input<string>;
    /** The protected buckets the roles read and write. */
    readonly protectedBucketArns: pulumi.Input<string>[];
    /** The key that encrypts the protected buckets. */
    readonly protectedKeyArn: pulumi.Input<string>;
}

export function validateDataAccessGatewayArgs(args: DataAccessGatewayArgs): void {
    if (args.protectedBucketArns.length === 0) {
        throw new Error(
            `DataAccessGateway: protectedBucketArns is empty; pass the ARNs of the site's protected buckets.`,
        );
    }
    if (!/^[a-z0-9-]{1,40}$/.test(args.site)) {
        throw new Error(
            `DataAccessGateway: site "${args.site}" must be 1 to 40 lower-case letters, digits or hyphens, since role names are built from it.`,
        );
    }
}

/**
 * The data-access side of the security gateway: the IAM roles through which people and services
 * reach protected stores. Two roles, both assumed only through EKS Pod Identity by one service
 * account each:
 *
 * - `data-gateway` (tagged `clover.io/role: data-gateway`), for the gateway's workload in
 *   `clover-gateway`, which fronts every human and partner access;
 * - `site-service` (tagged `site-service`), for the site's own services in `clover-protected`.
 *
 * Both may read and write objects of the protected buckets and use the protected key, only
 * through S3 in the site's region. The buckets' and key's own policies deny every other
 * principal, so a grant added elsewhere in IAM cannot open a second path.
 */
export class DataAccessGateway extends pulumi.ComponentResource {
    public readonly gatewayRole: aws.iam.Role;
    public readonly serviceRole: aws.iam.Role;

    constructor(name: string, args: DataAccessGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:gateway:DataAccessGateway", name, {}, opts);
        validateDataAccessGatewayArgs(args);
        const names = accessRoleNames(args.site);
        const roles = [
            {
                key: "gateway",
                name: names.gateway,
                tag: "data-gateway",
                account: DATA_GATEWAY_SERVICE_ACCOUNT,
            },
            {
                key: "service",
                name: names.service,
                tag: "site-service",
                account: SITE_SERVICE_ACCOUNT,
            },
        ] as const;

        const [gatewayRole, serviceRole] = roles.map(({ key, name: roleName, tag, account }) => {
            const role = new aws.iam.Role(
                `${name}-${key}`,
                {
                    name: roleName,
                    path: ROLE_PATH,
                    description: `Clover ${args.site}: ${tag} access to protected stores`,
                    assumeRolePolicy: podIdentityTrustPolicy(account.namespace),
                    maxSessionDuration: 3600,
                    tags: controlRoleTags(tag),
                },
                { parent: this },
            );
            new aws.iam.RolePolicy(
                `${name}-${key}`,
                {
                    role: role.id,
                    policy: policyObject([
                        {
                            Sid: "ProtectedObjects",
                            Effect: "Allow",
                            Action: [...S3_DATA_ACTIONS],
                            Resource: args.protectedBucketArns.flatMap((arn) => [
                                arn,
                                pulumi.interpolate`${arn}/*`,
                            ]),
                        },
                        {
                            Sid: "ProtectedKeyThroughS3",
                            Effect: "Allow",
                            Action: [...KMS_DATA_ACTIONS],
                            Resource: args.protectedKeyArn,
                            Condition: {
                                StringEquals: {
                                    "kms:ViaService": `s3.${args.region}.amazonaws.com`,
                                },
                            },
                        },
                    ]),
                },
                { parent: this },
            );
            new aws.eks.PodIdentityAssociation(
                `${name}-${key}`,
                {
                    clusterName: args.clusterName,
                    namespace: account.namespace,
                    serviceAccount: account.name,
                    roleArn: role.arn,
                },
                { parent: this },
            );
            return role;
        });
        this.gatewayRole = gatewayRole;
        this.serviceRole = serviceRole;
        this.registerOutputs({ gatewayRoleArn: gatewayRole.arn, serviceRoleArn: serviceRole.arn });
    }
}

/**
 * EKS Pod Identity's trust policy, narrowed to one namespace by the session tag the agent sets.
 */
function podIdentityTrustPolicy(namespace: string): pulumi.Output<string> {
    return policyDocument([
        {
            Effect: "Allow",
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: { StringEquals: { "aws:RequestTag/kubernetes-namespace": namespace } },
        },
    ]);
}
