// Copies that keep the class of what they copy and stay where it may be: a protected table's
// replica in Dublin, a protected snapshot copied within Dublin, an internal bucket replicated to
// Frankfurt, and a public bucket replicated to us-east-1.
import * as aws from "@pulumi/aws";
import { protectedBucket, provider, tags } from "../support";

const eu = provider("eu-west-1");
const frankfurt = provider("eu-central-1");
const virginia = provider("us-east-1");
const volume = new aws.ebs.Volume(
    "data",
    { availabilityZone: "eu-west-1a", size: 100, encrypted: true, tags: tags("protected") },
    { provider: eu },
);
const snapshot = new aws.ebs.Snapshot(
    "nightly",
    { volumeId: volume.id, tags: tags("protected") },
    { provider: eu },
);
new aws.ebs.SnapshotCopy(
    "copy",
    { sourceSnapshotId: snapshot.id, sourceRegion: "eu-west-1", tags: tags("protected") },
    { provider: eu },
);
const replicate = (name: string, from: aws.s3.Bucket, to: aws.s3.Bucket, p: aws.Provider) =>
    new aws.s3.BucketReplicationConfig(
        name,
        {
            bucket: from.id,
            role: "arn:aws:iam::123456789012:role/replication",
            rules: [{ id: "all", status: "Enabled", destination: { bucket: to.arn } }],
        },
        { provider: p },
    );
const pii = protectedBucket("pii", { provider: eu });
replicate("pii-backup", pii, protectedBucket("pii-backup", { provider: eu }), eu);
const metrics = new aws.s3.Bucket("metrics", { tags: tags("internal") }, { provider: eu });
const metricsCopy = new aws.s3.Bucket(
    "metrics-frankfurt",
    { tags: tags("internal") },
    { provider: frankfurt },
);
replicate("metrics-copy", metrics, metricsCopy, eu);
const site = new aws.s3.Bucket("site", { tags: tags("public") }, { provider: eu });
const siteCopy = new aws.s3.Bucket(
    "site-virginia",
    { tags: tags("public") },
    { provider: virginia },
);
replicate("site-copy", site, siteCopy, eu);
