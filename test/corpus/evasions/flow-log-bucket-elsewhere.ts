// VPC flow logs (IP addresses: protected) delivered to a bucket in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.40.0.0/16" }, { provider: eu });
const sink = new aws.s3.Bucket(
    "sink",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.ec2.FlowLog(
    "flows",
    {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "s3",
        logDestination: sink.arn,
        tags: tags("protected"),
    },
    { provider: eu },
);
