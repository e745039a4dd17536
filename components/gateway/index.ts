export {
    EgressGateway,
    validateEgressGatewayArgs,
    GATEWAY_NAMESPACE,
    GATEWAY_PORT,
    GATEWAY_APP,
} from "./egress";
export type { EgressGatewayArgs } from "./egress";
