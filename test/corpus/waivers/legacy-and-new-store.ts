// The legacy stack, plus a new protected bucket in us-east-1 that no waiver covers.
import * as aws from "@pulumi/aws";
import { loadStackConfig } from "../../../config";
import { LegacySite } from "../../../components/site";
import { provider, tags } from "../support";

const config = loadStackConfig();
if (config.kind !== "legacy") throw new Error("plan this program with the legacy stack's config");
new LegacySite(config.site, { config });
new aws.s3.Bucket(
    "new-users-virginia",
    { tags: tags("protected") },
    { provider: provider("us-east-1") },
);
