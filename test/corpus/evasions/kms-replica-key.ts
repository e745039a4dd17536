// A replica of the protected key in us-east-1, untagged (it inherits the primary's class).
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const primary = new aws.kms.Key(
    "protected",
    { multiRegion: true, enableKeyRotation: true, tags: tags("protected") },
    { provider: provider("eu-west-1") },
);
new aws.kms.ReplicaKey(
    "protected-us",
    { primaryKeyArn: primary.arn },
    { provider: provider("us-east-1") },
);
