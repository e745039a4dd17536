// A resource-level region override on the site's provider.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
new aws.s3.Bucket("pii", { region: "us-east-1", tags: tags("protected") }, { provider: eu });
