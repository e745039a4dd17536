/**
 * What the offline plan records of a program run: the resources the program registered, as the
 * engine would see them. Property bags are in the engine's wire form (JSON with the unknown
 * sentinel, secret and resource-reference signatures) so they can be handed to the analyzer as is.
 */

/** The value the engine uses for a property that is unknown during a preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** How outputs of resources are treated. */
export type OutputMode =
    /** As in `pulumi preview` of resources that do not exist yet: every computed output is unknown. */
    | "preview"
    /** As for resources already in state: outputs are known (realistic ARNs, IDs, endpoints). */
    | "known";

export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** True for custom resources (and providers); false for components and the stack. */
    readonly custom: boolean;
    readonly parent?: string;
    /** The provider's URN (for custom resources), explicit or the engine's default provider. */
    readonly provider?: string;
    readonly dependencies: string[];
    readonly propertyDependencies: Record<string, string[]>;
    /** Inputs in wire form. */
    readonly inputs: Record<string, unknown>;
    /** Outputs in wire form: the inputs plus computed properties (unknown in preview mode). */
    readonly outputs: Record<string, unknown>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** Set for resources adopted with `import`. */
    readonly importId?: string;
    /** True for the engine's default providers, which the plan adds like the engine does. */
    readonly defaultProvider?: boolean;
}

export interface ProgramRecord {
    readonly project: string;
    readonly stack: string;
    readonly mode: OutputMode;
    readonly resources: RecordedResource[];
    readonly stackOutputs: Record<string, unknown>;
}
