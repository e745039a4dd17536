/** Kubernetes facts the config module checks values against. */

/** The storage classes an on-premises site defines (components/storage/ceph.ts). */
export const STORAGE_CLASS_NAMES = [
    "clover-block-protected",
    "clover-block-internal",
    "clover-bucket-protected",
] as const;
export type StorageClassName = (typeof STORAGE_CLASS_NAMES)[number];

/**
 * An image reference: `[registry/]path[:tag][@sha256:digest]`, following the distribution
 * reference grammar (lower-case path components, tags of up to 128 word characters).
 */
const IMAGE_REFERENCE =
    /^((?:[a-z0-9]+(?:[.-][a-z0-9]+)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

/** A domain name for an allow-list; a leading dot stands for every subdomain. */
export const DOMAIN_NAME = /^\.?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A Kubernetes group name (an RBAC subject), such as `clover:auditors`. */
export const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9.:_-]{0,62}$/;

/** An absolute directory path on a node, such as `/var/log/kubernetes/audit`. */
export const ABSOLUTE_PATH = /^(\/[A-Za-z0-9._-]+)+$/;

/** Whether `port` is a TCP or UDP port number. */
export function isPort(port: number): boolean {
    return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** Whether `image` is a valid reference pinned by a digest, or by an exact tag other than `latest`. */
export function isPinnedImage(image: string): boolean {
    const match = IMAGE_REFERENCE.exec(image);
    if (!match) return false;
    const [, , tag, digest] = match;
    return digest !== undefined || (tag !== undefined && tag !== "latest");
}
