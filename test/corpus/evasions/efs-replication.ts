// A protected file system replicated to us-west-2.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const fs = new aws.efs.FileSystem(
    "home",
    { encrypted: true, tags: tags("protected") },
    { provider: eu },
);
new aws.efs.ReplicationConfiguration(
    "replica",
    { sourceFileSystemId: fs.id, destination: { region: "us-west-2" } },
    { provider: eu },
);
