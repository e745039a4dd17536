export { EksCluster, validateEksClusterArgs, CONTROL_PLANE_LOG_TYPES } from "./eks";
export type { EksClusterArgs } from "./eks";
export { eksKubeconfig } from "./kubeconfig";
export { OnpremCluster, validateOnpremClusterArgs, siteKubeconfig } from "./onprem";
export type { OnpremClusterArgs } from "./onprem";
