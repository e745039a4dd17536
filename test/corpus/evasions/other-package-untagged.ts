// A resource of another package with no class at all, taking a protected bucket's ARN: the pack
// cannot tell what it holds or where it sends it.
import { OtherProvider, OtherResource, protectedBucket, provider } from "../support";

const pii = protectedBucket("pii", { provider: provider("eu-west-1") });
const native = new OtherProvider("aws-native", "dublin", { region: "eu-west-1" });
new OtherResource(
    "aws-native:datasync:Task",
    "export",
    {
        sourceLocationArn: pii.arn,
        destinationLocationArn: "arn:aws:datasync:us-east-1:123456789012:location/loc-0abc",
    },
    { provider: native },
);
