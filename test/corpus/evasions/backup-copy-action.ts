// A backup plan that copies recovery points to a vault in us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const vault = new aws.backup.Vault("local", { tags: tags("protected") }, { provider: eu });
const remote = new aws.backup.Vault(
    "remote",
    { tags: tags("public") },
    { provider: provider("us-east-1") },
);
new aws.backup.Plan(
    "nightly",
    {
        rules: [
            {
                ruleName: "nightly",
                targetVaultName: vault.name,
                schedule: "cron(0 3 * * ? *)",
                copyActions: [{ destinationVaultArn: remote.arn }],
            },
        ],
        tags: tags("protected"),
    },
    { provider: eu },
);
