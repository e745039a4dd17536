/**
 * Shared pieces of the corpus programs. Each program in evasions/ tries to put protected data
 * outside the approved locations by one route; each in compliant/ stays inside them.
 */
import * as aws from "@pulumi/aws";
import { DATA_CLASS_TAG, type DataClass } from "@clover/vocabulary";

export const tags = (dataClass: DataClass): Record<string, string> => ({
    [DATA_CLASS_TAG]: dataClass,
});

/** A provider for a region; `name` is what the program calls it (it may lie about the region). */
export function provider(region: string, name = `aws-${region}`): aws.Provider {
    return new aws.Provider(name, { region });
}

/** A protected bucket in the site region, the usual source of data in these programs. */
export function protectedBucket(name: string, opts: { provider: aws.Provider }): aws.s3.Bucket {
    return new aws.s3.Bucket(name, { tags: tags("protected") }, opts);
}

export const ACCOUNT = "123456789012";
