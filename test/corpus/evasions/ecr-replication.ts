// Registry replication (untaggable, so treated as protected) to us-east-1.
import * as aws from "@pulumi/aws";
import { provider } from "../support";

new aws.ecr.ReplicationConfiguration(
    "replicate",
    {
        replicationConfiguration: {
            rules: [{ destinations: [{ region: "us-east-1", registryId: "123456789012" }] }],
        },
    },
    { provider: provider("eu-west-1") },
);
