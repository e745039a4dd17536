// The deprecated BucketV2 token in another region.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

new aws.s3.BucketV2("pii", { tags: tags("protected") }, { provider: provider("us-west-2") });
