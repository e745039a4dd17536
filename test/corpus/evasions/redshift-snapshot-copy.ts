// A protected warehouse whose snapshots are copied to us-east-1.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const eu = provider("eu-west-1");
const warehouse = new aws.redshift.Cluster(
    "warehouse",
    {
        clusterIdentifier: "warehouse",
        nodeType: "ra3.xlplus",
        masterUsername: "admin",
        manageMasterPassword: true,
        tags: tags("protected"),
    },
    { provider: eu },
);
new aws.redshift.SnapshotCopy(
    "to-us",
    { clusterIdentifier: warehouse.clusterIdentifier, destinationRegion: "us-east-1" },
    { provider: eu },
);
