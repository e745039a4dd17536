export { AwsSite, availabilityZones } from "./aws-site";
export type { AwsSiteArgs } from "./aws-site";
