// Protected data in Dublin whose destinations and keys are named by literals a platform really
// writes: a stack bucket by its ARN, KMS keys by alias and key ID, a backup vault by name.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const source = protectedBucket("pii", { provider: eu });
new aws.s3.Bucket(
    "replica",
    { bucket: "clover-replica-dublin", tags: tags("protected") },
    { provider: eu },
);
new aws.s3.BucketReplicationConfig(
    "replicate",
    {
        bucket: source.id,
        role: "arn:aws:iam::123456789012:role/replication",
        rules: [
            {
                id: "all",
                status: "Enabled",
                destination: {
                    bucket: "arn:aws:s3:::clover-replica-dublin",
                    encryptionConfiguration: { replicaKmsKeyId: "alias/clover-data" },
                },
            },
        ],
    },
    { provider: eu },
);
new aws.sqs.Queue(
    "events",
    { kmsMasterKeyId: "alias/aws/sqs", tags: tags("protected") },
    { provider: eu },
);
new aws.sns.Topic(
    "notices",
    { kmsMasterKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", tags: tags("protected") },
    { provider: eu },
);
new aws.backup.Vault("vault", { name: "clover-vault", tags: tags("protected") }, { provider: eu });
new aws.backup.Plan(
    "nightly",
    {
        rules: [
            {
                ruleName: "nightly",
                targetVaultName: "clover-vault",
                schedule: "cron(0 3 * * ? *)",
            },
        ],
        tags: tags("protected"),
    },
    { provider: eu },
);
