import { type ControlRole, DATA_CLASS_TAG, type DataClass, ROLE_TAG } from "@clover/vocabulary";

/**
 * The data-class tag of a resource that stores or moves data. The site tag is not here: every
 * resource of a site gets it from the site provider's `defaultTags`.
 */
export function dataClassTags(dataClass: DataClass): Record<string, string> {
    return { [DATA_CLASS_TAG]: dataClass };
}

/** The tag that tells the enclave-security pack which control a resource is. */
export function controlRoleTags(role: ControlRole): Record<string, string> {
    return { [ROLE_TAG]: role };
}
