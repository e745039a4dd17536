export { DataBucket, validateDataBucketArgs } from "./bucket";
export type { DataBucketArgs } from "./bucket";
export { CephStorage, validateCephStorageArgs, VOLUME_KMS_ID } from "./ceph";
export type { CephStorageArgs } from "./ceph";
