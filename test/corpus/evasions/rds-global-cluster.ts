// A secondary member of a protected global cluster, in us-east-1 and untagged.
import * as aws from "@pulumi/aws";
import { provider, tags } from "../support";

const global = new aws.rds.GlobalCluster(
    "users",
    { globalClusterIdentifier: "users", engine: "aurora-postgresql", tags: tags("protected") },
    { provider: provider("eu-west-1") },
);
new aws.rds.Cluster(
    "users-us",
    {
        engine: "aurora-postgresql",
        globalClusterIdentifier: global.id,
        dbSubnetGroupName: "default",
    },
    { provider: provider("us-east-1") },
);
