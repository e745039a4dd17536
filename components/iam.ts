import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** An IAM policy statement, with inputs allowed where a value comes from another resource. */
export interface Statement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: "*" | Record<string, pulumi.Input<string> | pulumi.Input<string>[]>;
    readonly Action: string | string[];
    readonly Resource?: pulumi.Input<string> | pulumi.Input<string>[];
    readonly Condition?: Record<
        string,
        Record<string, pulumi.Input<string> | pulumi.Input<string>[] | boolean>
    >;
}

/** Serialises a policy document, resolving inputs inside it. */
export function policyDocument(statements: Statement[]): pulumi.Output<string> {
    return pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * A policy document as a structured input, for resources that accept one (bucket and role
 * policies). Unlike {@link policyDocument}, a value that is unknown during a preview (a VPC
 * endpoint's ID) leaves only its own place unknown, so the policy packs still read the rest.
 */
export function policyObject(statements: Statement[]): aws.types.input.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: statements as aws.types.input.iam.PolicyStatement[],
    };
}

/** The trust policy that lets one AWS service assume a role. */
export function serviceTrustPolicy(service: string): pulumi.Output<string> {
    return policyDocument([
        { Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" },
    ]);
}

/** The IAM path of every role the enclave creates: policies and the pack find them by it. */
export const ROLE_PATH = "/clover/";

/**
 * The ARN of a role the enclave creates, from its name. Built from the account and the name (both
 * known before anything exists) rather than from the role's output, so that policy documents that
 * name it are complete during a preview, where the policy packs read them.
 */
export function roleArn(accountId: pulumi.Input<string>, name: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:aws:iam::${accountId}:role${ROLE_PATH}${name}`;
}

/**
 * The S3 actions that read, write or delete objects: what "access to the data" means for a bucket.
 * Bucket configuration (policy, encryption, tags) is managed through IAM by the deployer instead.
 */
export const S3_DATA_ACTIONS = [
    "s3:GetObject*",
    "s3:PutObject*",
    "s3:DeleteObject*",
    "s3:RestoreObject",
    "s3:ListBucket*",
    "s3:ListMultipartUploadParts",
    "s3:AbortMultipartUpload",
    "s3:ReplicateObject",
    "s3:ReplicateDelete",
] as const;

/** The KMS actions that use a key on data (as opposed to managing the key). */
export const KMS_DATA_ACTIONS = [
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey*",
    "kms:ReEncrypt*",
] as const;
