/** One violation found by an evaluator: the resource, and a message that says what and how to fix it. */
export interface Finding {
    readonly urn: string;
    readonly message: string;
}
