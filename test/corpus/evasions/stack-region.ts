// The default provider, with the stack's aws:region set to us-east-1 (stack-region.yaml).
import * as aws from "@pulumi/aws";
import { tags } from "../support";

new aws.s3.Bucket("pii", { tags: tags("protected") });
