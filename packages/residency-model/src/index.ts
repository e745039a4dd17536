/**
 * The Clover residency model: the stack's resources as one graph, what each resource type stores
 * and moves (the catalog), each resource's class and location, and the residency settings. Both
 * policy packs and the offline plan's report use it; it reads no file and no environment.
 */
export * from "./arn";
export * from "./catalog";
export * from "./class-flow";
export * from "./classify";
export * from "./decide";
export * from "./finding";
export * from "./flows";
export * from "./graph";
export * from "./kinds";
export * from "./group";
export * from "./messages";
export * from "./observed";
export * from "./settings";
export * from "./view";
export * from "./where";
