/**
 * The S3 object actions a protected bucket's policy denies to all but its principals, and the
 * gateway's roles are granted: spelled out here, not imported from `components/iam.ts`, so that a
 * change to the component's list fails the tests that pin it.
 */
export const PROTECTED_OBJECT_ACTIONS = [
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:DeleteObject*",
    "s3:RestoreObject",
    "s3:ListBucket*",
    "s3:ListMultipartUploadParts",
    "s3:AbortMultipartUpload",
    "s3:ReplicateObject",
    "s3:ReplicateDelete",
];
