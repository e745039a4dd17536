import * as pulumi from "@pulumi/pulumi";
import type { OnpremSiteConfig } from "../../config";
import type { EnclaveLayer } from "../enclave";
import type { EgressGateway } from "../gateway";
import { OnpremCluster } from "../cluster";
import { LogShipper } from "../monitor";
import { CephStorage, OBJECT_STORE_PORT } from "../storage";
import { enclaveOnCluster } from "./enclave";

export interface OnpremSiteArgs {
    /** The site's validated config, from `loadStackConfig()`. */
    readonly config: OnpremSiteConfig;
}

/**
 * An on-premises site of the enclave (Hamar): an existing Kubernetes cluster reached through an
 * explicit provider, Rook-Ceph storage that stays on the campus, the security gateway, the
 * enclave layer, and the monitor: the audit and gateway logs shipped to an archive bucket in the
 * site's own object store, and the auditor's read-only role. Every object goes through the site's
 * provider.
 */
export class OnpremSite extends pulumi.ComponentResource {
    public readonly cluster: OnpremCluster;
    public readonly storage: CephStorage;
    public readonly gateway: EgressGateway;
    public readonly enclave: EnclaveLayer;

    constructor(name: string, args: OnpremSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        super("clover:site:OnpremSite", name, {}, opts);
        const c = args.config;
        this.cluster = new OnpremCluster(
            `${name}-cluster`,
            { site: c.site, apiServerUrl: c.apiServerUrl, kubeconfig: pulumi.secret(c.kubeconfig) },
            { parent: this },
        );
        const provider = this.cluster.provider;
        this.storage = new CephStorage(
            `${name}-storage`,
            {
                site: c.site,
                cephNamespace: c.cephNamespace,
                topologyRegion: c.topologyRegion,
                defaultStorageClass: c.defaultStorageClass,
            },
            { parent: this, provider },
        );
        const { gateway, enclave } = enclaveOnCluster(name, c.site, c.enclave, provider, this);
        new LogShipper(
            `${name}-logs`,
            {
                site: c.site,
                image: c.monitor.logShipperImage,
                auditLogPath: c.monitor.auditLogPath,
                bucketStorageClass: "clover-bucket-protected",
                objectStoreNamespace: c.cephNamespace,
                objectStorePort: OBJECT_STORE_PORT,
            },
            { parent: this, provider, dependsOn: [this.storage] },
        );
        this.gateway = gateway;
        this.enclave = enclave;
        this.registerOutputs({
            apiServerUrl: this.cluster.apiServerUrl,
            storageClasses: this.storage.storageClasses,
        });
    }
}
