import * as pulumi from "@pulumi/pulumi";

/**
 * A kubeconfig for an EKS cluster that authenticates with `aws eks get-token`, so that no
 * long-lived credential is written into state. The API server URL stays in `clusters[0].server`,
 * where the residency pack reads it.
 */
export function eksKubeconfig(args: {
    readonly clusterName: pulumi.Input<string>;
    readonly endpoint: pulumi.Input<string>;
    readonly certificateAuthorityData: pulumi.Input<string>;
    readonly region: string;
}): pulumi.Output<string> {
    return pulumi.jsonStringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
            {
                name: args.clusterName,
                cluster: {
                    server: args.endpoint,
                    "certificate-authority-data": args.certificateAuthorityData,
                },
            },
        ],
        contexts: [
            {
                name: args.clusterName,
                context: { cluster: args.clusterName, user: args.clusterName },
            },
        ],
        "current-context": args.clusterName,
        users: [
            {
                name: args.clusterName,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: [
                            "eks",
                            "get-token",
                            "--cluster-name",
                            args.clusterName,
                            "--region",
                            args.region,
                        ],
                    },
                },
            },
        ],
    });
}
