import { describeAwsStack } from "../support/aws-stack";

describeAwsStack({ stack: "dublin-2", vpcCidr: "10.21.0.0/16", serviceCidr: "172.21.0.0/16" });
