export {
    EnclaveLayer,
    validateEnclaveLayerArgs,
    enclaveNamespace,
    DEFAULT_QUOTA,
    DEFAULT_LIMITS,
} from "./layer";
export type { EnclaveLayerArgs, NamespaceQuota, ContainerLimits } from "./layer";
