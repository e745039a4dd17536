// A Cloud Control resource that creates an S3 bucket by type name, with no class: the pack cannot
// see what it is.
import * as aws from "@pulumi/aws";
import { provider } from "../support";

new aws.cloudcontrol.Resource(
    "bucket",
    { typeName: "AWS::S3::Bucket", desiredState: JSON.stringify({ BucketName: "clover-users" }) },
    { provider: provider("eu-west-1") },
);
