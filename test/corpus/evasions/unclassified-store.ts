// A bucket in Dublin with no data class at all.
import * as aws from "@pulumi/aws";
import { provider } from "../support";

new aws.s3.Bucket("mystery", {}, { provider: provider("eu-west-1") });
