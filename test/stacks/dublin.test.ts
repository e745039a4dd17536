import { describeAwsStack } from "../support/aws-stack";

describeAwsStack({ stack: "dublin", vpcCidr: "10.20.0.0/16", serviceCidr: "172.20.0.0/16" });
