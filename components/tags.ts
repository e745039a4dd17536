import { DATA_CLASS_TAG, type DataClass } from "../vocabulary";

/**
 * The data-class tag of a resource that stores or moves data. The site tag is not here: every
 * resource of a site gets it from the site provider's `defaultTags`.
 */
export function dataClassTags(dataClass: DataClass): Record<string, string> {
    return { [DATA_CLASS_TAG]: dataClass };
}
