// A snapshot of a protected Dublin volume, copied to us-east-1 as a "public" snapshot: the copy
// names its source, not a destination, and lies about its class.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
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
    { sourceSnapshotId: snapshot.id, sourceRegion: "eu-west-1", tags: tags("public") },
    { provider: provider("us-east-1") },
);
