export { AwsSite, availabilityZones } from "./aws-site";
export type { AwsSiteArgs } from "./aws-site";
export { OnpremSite } from "./onprem-site";
export type { OnpremSiteArgs } from "./onprem-site";
export { LegacySite } from "./legacy-site";
export type { LegacySiteArgs } from "./legacy-site";
export { enclaveOnCluster } from "./enclave";
