/**
 * The Clover enclave program: reads and validates the stack's config, then builds its site.
 */
import { loadStackConfig } from "./config";
import { AwsSite, LegacySite, OnpremSite } from "./components/site";

const config = loadStackConfig();

export const siteName = config.site;

function build(): Record<string, unknown> {
    if (config.kind === "aws") {
        const site = new AwsSite(config.site, { config });
        return {
            region: config.region,
            vpcId: site.network.vpcId,
            protectedBucketName: site.protectedBucket.bucketName,
            clusterName: site.cluster.clusterName,
            proxyAddress: site.gateway.proxyAddress,
            enclaveNamespaces: site.enclave.namespaces,
            auditArchiveName: site.archive.bucketName,
            auditorRoleArn: site.monitor.auditorRole.arn,
            // The auditor needs it to assume the role; it stays encrypted in state and output.
            auditorExternalId: site.monitor.auditorExternalId,
        };
    }
    if (config.kind === "legacy") {
        const site = new LegacySite(config.site, { config });
        return { adoptedBuckets: Object.keys(site.buckets) };
    }
    const site = new OnpremSite(config.site, { config });
    return {
        apiServerUrl: site.cluster.apiServerUrl,
        storageClasses: site.storage.storageClasses,
        proxyAddress: site.gateway.proxyAddress,
        enclaveNamespaces: site.enclave.namespaces,
    };
}

export const site = build();
