// Automated backups of a protected database replicated to us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const db = new aws.rds.Instance(
    "users",
    {
        engine: "postgres",
        instanceClass: "db.t4g.micro",
        allocatedStorage: 20,
        storageEncrypted: true,
        username: "app",
        manageMasterUserPassword: true,
        tags: tags("protected"),
    },
    { provider: provider("eu-west-1") },
);
new aws.rds.InstanceAutomatedBackupsReplication(
    "backups",
    { sourceDbInstanceArn: db.arn },
    { provider: provider("us-east-1") },
);
