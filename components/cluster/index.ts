export {
    EksCluster,
    validateEksClusterArgs,
    CONTROL_PLANE_LOG_TYPES,
    eksNames,
    eksClusterRoleArn,
} from "./eks";
export type { EksClusterArgs } from "./eks";
export { eksKubeconfig } from "./kubeconfig";
export { OnpremCluster, validateOnpremClusterArgs, siteKubeconfig } from "./onprem";
export type { OnpremClusterArgs } from "./onprem";
