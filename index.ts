/**
 * The Clover enclave program: reads and validates the stack's config, then builds its site.
 */
import { loadStackConfig } from "./config";
import { AwsSite } from "./components/site";

const config = loadStackConfig();
const site = new AwsSite(config.site, { config });

export const siteName = config.site;
export const region = config.region;
export const vpcId = site.network.vpcId;
export const protectedBucketName = site.protectedBucket.bucketName;
export const clusterName = site.cluster.clusterName;
