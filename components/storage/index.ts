export { DataBucket, validateDataBucketArgs } from "./bucket";
export type { DataBucketArgs, BucketAccess } from "./bucket";
export { CephStorage, validateCephStorageArgs, VOLUME_KMS_ID, OBJECT_STORE_PORT } from "./ceph";
export type { CephStorageArgs } from "./ceph";
