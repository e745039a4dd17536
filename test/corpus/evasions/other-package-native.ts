// Protected data in a resource of another package (aws-native's S3 bucket), on a provider of that
// package in us-east-1: no catalog of the aws package covers it.
import { OtherProvider, OtherResource, tagList } from "../support";

const native = new OtherProvider("aws-native", "virginia", { region: "us-east-1" });
new OtherResource(
    "aws-native:s3:Bucket",
    "users",
    { tags: tagList("protected") },
    { provider: native },
);
