export { DataBucket, validateDataBucketArgs } from "./bucket";
export type { DataBucketArgs } from "./bucket";
