import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { EnclaveConfig } from "../../config";
import { EnclaveLayer } from "../enclave";
import { EgressGateway, GATEWAY_APP, GATEWAY_NAMESPACE, GATEWAY_PORT } from "../gateway";
import { ClusterAuditor } from "../monitor";

/**
 * The Kubernetes layer every cluster of the enclave runs: the security gateway, the enclave, and
 * the auditor's read-only access.
 */
export function enclaveOnCluster(
    name: string,
    site: string,
    config: EnclaveConfig,
    provider: k8s.Provider,
    parent: pulumi.Resource,
    privateEgressCidrs: readonly string[] = [],
): { gateway: EgressGateway; enclave: EnclaveLayer } {
    const opts = { parent, provider };
    const gateway = new EgressGateway(
        `${name}-gateway`,
        { site, image: config.gatewayImage, allowList: config.egressAllowList, privateEgressCidrs },
        opts,
    );
    const enclave = new EnclaveLayer(
        `${name}-enclave`,
        {
            site,
            gatewayNamespace: GATEWAY_NAMESPACE,
            gatewayApp: GATEWAY_APP,
            gatewayPort: GATEWAY_PORT,
        },
        { ...opts, dependsOn: [gateway] },
    );
    new ClusterAuditor(`${name}-auditor`, { site, group: config.auditorGroup }, opts);
    return { gateway, enclave };
}
