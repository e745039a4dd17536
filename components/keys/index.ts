export { SiteKeys, validateSiteKeysArgs } from "./keys";
export type { SiteKeysArgs } from "./keys";
