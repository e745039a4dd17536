export {
    EgressGateway,
    validateEgressGatewayArgs,
    GATEWAY_NAMESPACE,
    GATEWAY_PORT,
    GATEWAY_APP,
} from "./egress";
export type { EgressGatewayArgs } from "./egress";
export { InspectedEgress, firewallEndpointIn, validateInspectedEgressArgs } from "./firewall";
export type { InspectedEgressArgs } from "./firewall";
export {
    DataAccessGateway,
    validateDataAccessGatewayArgs,
    accessRoleArns,
    accessRoleNames,
    DATA_GATEWAY_SERVICE_ACCOUNT,
    SITE_SERVICE_ACCOUNT,
} from "./access";
export type { DataAccessGatewayArgs } from "./access";
