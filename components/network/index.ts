export { Network, validateNetworkArgs, DEFAULT_INTERFACE_ENDPOINT_SERVICES } from "./network";
export type { NetworkArgs } from "./network";
export { planSubnets } from "./subnets";
export type { SubnetPlan } from "./subnets";
