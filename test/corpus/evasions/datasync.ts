// A DataSync task whose destination location is in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.datasync.Task(
    "export",
    {
        sourceLocationArn: "arn:aws:datasync:eu-west-1:123456789012:location/loc-0123456789abcdef0",
        destinationLocationArn:
            "arn:aws:datasync:us-east-1:123456789012:location/loc-0fedcba9876543210",
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
