/** The offline providers' answers that are pure functions of a request. */
import { isDeepStrictEqual } from "util";

/** Top-level input keys whose values differ between `olds` and `news`, sorted. */
export function changedKeys(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
): string[] {
    const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
    return [...keys]
        .filter((k) => !k.startsWith("__") && !isDeepStrictEqual(olds[k], news[k]))
        .sort();
}

/**
 * What is known offline of an existing resource read by its ID (an `import`): the input that the
 * ID is, for the types whose ID is their name; nothing else.
 */
export function identityOf(urn: string, id: string): Record<string, string> {
    const type = urn.split("::")[2]?.split("$").pop() ?? "";
    switch (type) {
        case "aws:s3/bucket:Bucket":
        case "aws:s3/bucketV2:BucketV2":
            return { bucket: id };
        default:
            return {};
    }
}
