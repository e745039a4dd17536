/**
 * What the pack knows about @pulumi/aws v7 resource types: which hold data, which move it, which
 * merely process it, and where in their inputs they name a destination, a source or an encryption
 * key. `test/policies/catalog.test.ts` checks every token against the installed @pulumi/aws;
 * `kinds.ts` classifies the types this catalog does not detail.
 */

/** How a reference names the thing it points at. */
export type ReferenceKind =
    /** A region name (`us-east-1`). */
    | "region"
    /** An ARN; when it has no region (S3) the pack resolves it through the stack graph. */
    | "arn"
    /** A name or ID of a resource in the same stack, resolved through the stack graph. */
    | "name"
    /** An ARN, or else an endpoint outside AWS (URL, e-mail address, phone number). */
    | "endpoint";

export interface Reference {
    /** Where in the inputs, with `[*]` for list elements. */
    readonly path: string;
    /** `destination`: data flows there; `key`: the KMS key that encrypts the data. */
    readonly role: "destination" | "key";
    readonly kind: ReferenceKind;
    /** The resource types the reference can point at, for resolution through the stack graph. */
    readonly targets: readonly string[];
    /** Words for messages: "replication destination bucket". */
    readonly what: string;
}

export interface AwsTypeInfo {
    /**
     * `store`: holds data at its location; `mover`: copies data to destinations; `compute`:
     * processes data (checked when classified, not required to be).
     */
    readonly kind: "store" | "mover" | "compute";
    /** Whether the type takes `tags`; untaggable types inherit the class of their source. */
    readonly taggable: boolean;
    /** Top-level inputs naming the resource whose data class this one inherits when untagged. */
    readonly classFrom?: readonly string[];
    readonly references?: readonly Reference[];
}

export const S3_BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"] as const;
export const KMS_KEYS = [
    "aws:kms/key:Key",
    "aws:kms/replicaKey:ReplicaKey",
    "aws:kms/replicaExternalKey:ReplicaExternalKey",
] as const;

const key = (path: string, what = "encryption key"): Reference => ({
    path,
    role: "key",
    kind: "arn",
    targets: KMS_KEYS,
    what,
});
const toRegion = (path: string, what: string): Reference => ({
    path,
    role: "destination",
    kind: "region",
    targets: [],
    what,
});
const toArn = (path: string, what: string, targets: readonly string[]): Reference => ({
    path,
    role: "destination",
    kind: "arn",
    targets,
    what,
});
const toName = (path: string, what: string, targets: readonly string[]): Reference => ({
    path,
    role: "destination",
    kind: "name",
    targets,
    what,
});
const toEndpoint = (path: string, what: string, targets: readonly string[] = []): Reference => ({
    path,
    role: "destination",
    kind: "endpoint",
    targets,
    what,
});

const store = (references: Reference[] = [], classFrom?: string[]): AwsTypeInfo => ({
    kind: "store",
    taggable: true,
    references,
    classFrom,
});
const mover = (taggable: boolean, references: Reference[], classFrom?: string[]): AwsTypeInfo => ({
    kind: "mover",
    taggable,
    references,
    classFrom,
});
const compute = (references: Reference[] = []): AwsTypeInfo => ({
    kind: "compute",
    taggable: true,
    references,
});

const bucketReferences: Reference[] = [
    toArn(
        "replicationConfiguration.rules[*].destination.bucket",
        "replication destination bucket",
        S3_BUCKETS,
    ),
    key("replicationConfiguration.rules[*].destination.replicaKmsKeyId", "replica encryption key"),
    key("serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.kmsMasterKeyId"),
    toName("logging.targetBucket", "access-log bucket", S3_BUCKETS),
];
const FIREHOSE_TARGETS = [
    ...S3_BUCKETS,
    "aws:opensearch/domain:Domain",
    "aws:elasticsearch/domain:Domain",
    "aws:redshift/cluster:Cluster",
];
const KINESIS_STREAMS = ["aws:kinesis/stream:Stream"];
const LOG_GROUPS = ["aws:cloudwatch/logGroup:LogGroup"];
const BACKUP_VAULTS = [
    "aws:backup/vault:Vault",
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault",
];
const LOG_TARGETS = [
    ...LOG_GROUPS,
    ...S3_BUCKETS,
    ...KINESIS_STREAMS,
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
];

export const AWS_TYPES: Readonly<Record<string, AwsTypeInfo>> = {
    // S3
    "aws:s3/bucket:Bucket": store(bucketReferences),
    "aws:s3/bucketV2:BucketV2": store(bucketReferences),
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": mover(
        false,
        [
            toArn("rules[*].destination.bucket", "replication destination bucket", S3_BUCKETS),
            key(
                "rules[*].destination.encryptionConfiguration.replicaKmsKeyId",
                "replica encryption key",
            ),
        ],
        ["bucket"],
    ),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": mover(
        false,
        [key("rules[*].applyServerSideEncryptionByDefault.kmsMasterKeyId")],
        ["bucket"],
    ),
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2":
        mover(
            false,
            [key("rules[*].applyServerSideEncryptionByDefault.kmsMasterKeyId")],
            ["bucket"],
        ),
    "aws:s3/bucketLogging:BucketLogging": mover(
        false,
        [toName("targetBucket", "access-log bucket", S3_BUCKETS)],
        ["bucket"],
    ),
    "aws:s3/bucketLoggingV2:BucketLoggingV2": mover(
        false,
        [toName("targetBucket", "access-log bucket", S3_BUCKETS)],
        ["bucket"],
    ),
    "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint": mover(
        false,
        [toName("details.regions[*].bucket", "multi-region access point bucket", S3_BUCKETS)],
        ["details"],
    ),
    // DynamoDB
    "aws:dynamodb/table:Table": store([
        toRegion("replicas[*].regionName", "global table replica"),
        key("serverSideEncryption.kmsKeyArn"),
        key("replicas[*].kmsKeyArn", "replica encryption key"),
    ]),
    "aws:dynamodb/tableReplica:TableReplica": store([key("kmsKeyArn")], ["globalTableArn"]),
    "aws:dynamodb/globalTable:GlobalTable": mover(false, [
        toRegion("replicas[*].regionName", "global table replica"),
    ]),
    "aws:dynamodb/kinesisStreamingDestination:KinesisStreamingDestination": mover(
        false,
        [toArn("streamArn", "change-data stream", KINESIS_STREAMS)],
        ["tableName"],
    ),
    // RDS and the engines built on it
    "aws:rds/instance:Instance": store(
        [key("kmsKeyId"), key("performanceInsightsKmsKeyId"), key("masterUserSecretKmsKeyId")],
        ["replicateSourceDb"],
    ),
    "aws:rds/cluster:Cluster": store(
        [key("kmsKeyId"), key("performanceInsightsKmsKeyId"), key("masterUserSecretKmsKeyId")],
        ["globalClusterIdentifier", "replicationSourceIdentifier"],
    ),
    "aws:rds/globalCluster:GlobalCluster": store([], ["sourceDbClusterIdentifier"]),
    "aws:rds/snapshotCopy:SnapshotCopy": store(
        [toRegion("destinationRegion", "snapshot copy"), key("kmsKeyId")],
        ["sourceDbSnapshotIdentifier"],
    ),
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy": store(
        [toRegion("destinationRegion", "snapshot copy"), key("kmsKeyId")],
        ["sourceDbClusterSnapshotIdentifier"],
    ),
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": {
        kind: "store",
        taggable: false,
        references: [key("kmsKeyId")],
        classFrom: ["sourceDbInstanceArn"],
    },
    "aws:docdb/cluster:Cluster": store([key("kmsKeyId")], ["globalClusterIdentifier"]),
    "aws:docdb/globalCluster:GlobalCluster": store([], ["sourceDbClusterIdentifier"]),
    "aws:neptune/cluster:Cluster": store([key("kmsKeyArn")], ["globalClusterIdentifier"]),
    "aws:neptune/globalCluster:GlobalCluster": store([], ["sourceDbClusterIdentifier"]),
    "aws:redshift/cluster:Cluster": store([key("kmsKeyId")]),
    "aws:redshift/snapshotCopy:SnapshotCopy": mover(
        false,
        [toRegion("destinationRegion", "snapshot copy")],
        ["clusterIdentifier"],
    ),
    // Caches
    "aws:elasticache/replicationGroup:ReplicationGroup": store(
        [key("kmsKeyId")],
        ["globalReplicationGroupId"],
    ),
    "aws:elasticache/cluster:Cluster": store([], ["replicationGroupId"]),
    "aws:elasticache/serverlessCache:ServerlessCache": store([key("kmsKeyId")]),
    "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup": {
        kind: "store",
        taggable: false,
        references: [],
        classFrom: ["primaryReplicationGroupId"],
    },
    "aws:memorydb/cluster:Cluster": store([key("kmsKeyArn")], ["multiRegionClusterName"]),
    "aws:memorydb/multiRegionCluster:MultiRegionCluster": store(),
    // File systems and volumes
    "aws:efs/fileSystem:FileSystem": store([key("kmsKeyId")]),
    "aws:efs/replicationConfiguration:ReplicationConfiguration": mover(
        false,
        [
            toRegion("destination.region", "file system replica"),
            toName("destination.fileSystemId", "file system replica", [
                "aws:efs/fileSystem:FileSystem",
            ]),
            key("destination.kmsKeyId", "replica encryption key"),
        ],
        ["sourceFileSystemId"],
    ),
    "aws:ebs/volume:Volume": store([key("kmsKeyId")]),
    "aws:ebs/snapshot:Snapshot": store([], ["volumeId"]),
    "aws:ebs/snapshotCopy:SnapshotCopy": store([key("kmsKeyId")], ["sourceSnapshotId"]),
    "aws:ec2/amiCopy:AmiCopy": store([key("kmsKeyId")], ["sourceAmiId"]),
    "aws:glacier/vault:Vault": store(),
    // Secrets and keys
    "aws:secretsmanager/secret:Secret": store([
        key("kmsKeyId"),
        toRegion("replicas[*].region", "secret replica"),
        key("replicas[*].kmsKeyId", "replica encryption key"),
    ]),
    "aws:kms/key:Key": store(),
    "aws:kms/replicaKey:ReplicaKey": store([], ["primaryKeyArn"]),
    "aws:kms/replicaExternalKey:ReplicaExternalKey": store([], ["primaryKeyArn"]),
    // Backup
    "aws:backup/vault:Vault": store([key("kmsKeyArn")]),
    "aws:backup/logicallyAirGappedVault:LogicallyAirGappedVault": store(),
    "aws:backup/plan:Plan": mover(true, [
        toArn("rules[*].copyActions[*].destinationVaultArn", "backup copy vault", BACKUP_VAULTS),
        toName("rules[*].targetVaultName", "backup vault", BACKUP_VAULTS),
    ]),
    // Streams, queues, topics, logs
    "aws:kinesis/stream:Stream": store([key("kmsKeyId")]),
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": mover(
        true,
        [
            toArn("extendedS3Configuration.bucketArn", "delivery destination bucket", S3_BUCKETS),
            toArn(
                "redshiftConfiguration.s3BackupConfiguration.bucketArn",
                "delivery backup bucket",
                S3_BUCKETS,
            ),
            toArn(
                "opensearchConfiguration.domainArn",
                "delivery destination domain",
                FIREHOSE_TARGETS,
            ),
            toArn(
                "elasticsearchConfiguration.domainArn",
                "delivery destination domain",
                FIREHOSE_TARGETS,
            ),
            toEndpoint(
                "opensearchserverlessConfiguration.collectionEndpoint",
                "delivery destination collection",
            ),
            toEndpoint("httpEndpointConfiguration.url", "delivery HTTP endpoint"),
            toEndpoint("splunkConfiguration.hecEndpoint", "delivery Splunk endpoint"),
            toEndpoint("snowflakeConfiguration.accountUrl", "delivery Snowflake account"),
            key("serverSideEncryption.keyArn"),
            key("extendedS3Configuration.kmsKeyArn", "destination encryption key"),
        ],
        ["kinesisSourceConfiguration"],
    ),
    "aws:sqs/queue:Queue": store([key("kmsMasterKeyId")]),
    "aws:sns/topic:Topic": store([key("kmsMasterKeyId")]),
    "aws:sns/topicSubscription:TopicSubscription": mover(
        false,
        [
            toEndpoint("endpoint", "subscription endpoint", [
                "aws:sqs/queue:Queue",
                "aws:lambda/function:Function",
                ...FIREHOSE_TARGETS,
            ]),
        ],
        ["topic"],
    ),
    "aws:cloudwatch/logGroup:LogGroup": store([key("kmsKeyId")]),
    "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": mover(
        false,
        [
            toArn("destinationArn", "log subscription destination", [
                ...LOG_TARGETS,
                "aws:lambda/function:Function",
                "aws:cloudwatch/logDestination:LogDestination",
            ]),
        ],
        ["logGroup"],
    ),
    "aws:cloudwatch/logDestination:LogDestination": mover(true, [
        toArn("targetArn", "log destination target", LOG_TARGETS),
    ]),
    "aws:cloudtrail/trail:Trail": mover(true, [
        toName("s3BucketName", "trail bucket", S3_BUCKETS),
        toArn("cloudWatchLogsGroupArn", "trail log group", LOG_GROUPS),
        key("kmsKeyId"),
    ]),
    "aws:ec2/flowLog:FlowLog": mover(true, [
        toArn("logDestination", "flow-log destination", LOG_TARGETS),
    ]),
    "aws:opensearch/domain:Domain": store([key("encryptAtRest.kmsKeyId")]),
    "aws:opensearch/outboundConnection:OutboundConnection": mover(
        false,
        [toRegion("remoteDomainInfo.region", "cross-cluster connection")],
        ["localDomainInfo"],
    ),
    "aws:ecr/repository:Repository": store([key("encryptionConfigurations[*].kmsKey")]),
    "aws:ecr/replicationConfiguration:ReplicationConfiguration": mover(false, [
        toRegion("replicationConfiguration.rules[*].destinations[*].region", "registry replica"),
    ]),
    "aws:datasync/task:Task": mover(
        true,
        [toArn("destinationLocationArn", "transfer destination", [])],
        ["sourceLocationArn"],
    ),
    // Kubernetes on AWS
    "aws:eks/cluster:Cluster": store([
        key("encryptionConfig.provider.keyArn", "secrets encryption key"),
    ]),
    "aws:eks/nodeGroup:NodeGroup": store([], ["clusterName"]),
    // Compute that processes data: checked where classified
    "aws:lambda/function:Function": compute([key("kmsKeyArn")]),
    "aws:ecs/taskDefinition:TaskDefinition": compute(),
    "aws:ecs/service:Service": compute(),
    "aws:ec2/instance:Instance": compute(),
    "aws:glue/job:Job": compute(),
};

/**
 * AWS modules whose resources have no location: global services. Protected data may not be
 * placed on them nor served through them.
 */
export const GLOBAL_MODULES = new Set([
    "iam",
    "cloudfront",
    "route53",
    "globalaccelerator",
    "organizations",
    "shield",
    "waf",
    "budgets",
    "costexplorer",
    "account",
    "route53domains",
]);

/** Global-service resources that serve content from origins or endpoints. */
export const GLOBAL_FRONTS: Readonly<Record<string, readonly string[]>> = {
    "aws:cloudfront/distribution:Distribution": ["origins", "originGroups"],
    "aws:globalaccelerator/endpointGroup:EndpointGroup": ["endpointConfigurations"],
    "aws:globalaccelerator/customRoutingEndpointGroup:CustomRoutingEndpointGroup": [
        "destinationConfigurations",
        "endpointConfigurations",
    ],
    "aws:route53/record:Record": ["aliases", "records"],
};

export function awsModule(type: string): string | undefined {
    const [pkg, mod] = type.split(":");
    return pkg === "aws" ? mod?.split("/")[0] : undefined;
}

export function isGlobalType(type: string): boolean {
    const mod = awsModule(type);
    return mod !== undefined && GLOBAL_MODULES.has(mod);
}
