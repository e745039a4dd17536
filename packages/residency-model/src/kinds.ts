/**
 * What every resource type of the installed `@pulumi/aws` is, for residency: by module, with
 * per-type exceptions. `test/policies/catalog-coverage.test.ts` enumerates the installed types and
 * fails on any this table does not classify, and on any entry that names no installed type.
 *
 * - `store`: holds data where it is (a bucket, a table, a volume, a log group, a secret).
 * - `mover`: copies or sends data somewhere (replication, delivery, export, subscription,
 *   transfer, ingestion).
 * - `compute`: processes data under an identity (functions, tasks, clusters, notebooks).
 * - `front`: serves data to clients from its own location (APIs, load balancers, access points).
 * - `global`: a global service with no location (IAM, CloudFront, Route 53, ...).
 * - `inert`: configuration only; holds and moves no data (policies, attachments, networking,
 *   alarms, certificates). Inert types are never classified by a provider's default tags.
 * - `generic`: creates resources of any type from a template or a type name (CloudFormation
 *   stacks, Cloud Control resources): the pack cannot see what they hold or where, so they are
 *   treated like a type it does not classify.
 *
 * The detailed catalog (`AWS_TYPES`, with each type's destinations, sources and keys) decides
 * first; this table classifies the rest.
 */
import { AWS_TYPES, GLOBAL_MODULES } from "./catalog";

export type TypeKind = "store" | "mover" | "compute" | "front" | "global" | "inert" | "generic";

interface ModuleKinds {
    /** The kind of the module's types unless listed below. */
    readonly kind: TypeKind;
    /** Types of the module (by their class name) of another kind. */
    readonly except?: Partial<Record<TypeKind, readonly string[]>>;
}

const inert = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "inert", except });
const store = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "store", except });
const mover = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "mover", except });
const compute = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "compute", except });
const front = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "front", except });
const global = (except?: ModuleKinds["except"]): ModuleKinds => ({ kind: "global", except });

export const AWS_MODULE_KINDS: Readonly<Record<string, ModuleKinds>> = {
    accessanalyzer: inert(),
    account: global(),
    accountaccess: inert(),
    acm: inert(),
    acmpca: inert(),
    agentregistry: store(),
    alb: inert({ front: ["LoadBalancer"] }),
    amp: store({
        inert: [
            "AlertManagerDefinition",
            "AnomalyDetector",
            "ResourcePolicy",
            "RuleGroupNamespace",
            "WorkspaceConfiguration",
        ],
        mover: ["QueryLoggingConfiguration", "Scraper", "ScraperLoggingConfiguration"],
    }),
    amplify: front({ inert: ["DomainAssociation", "Webhook", "BackendEnvironment"] }),
    apigateway: front({
        inert: [
            "Account",
            "ApiKey",
            "Authorizer",
            "BasePathMapping",
            "ClientCertificate",
            "Deployment",
            "DocumentationPart",
            "DocumentationVersion",
            "DomainName",
            "DomainNameAccessAssociation",
            "IntegrationResponse",
            "Method",
            "MethodResponse",
            "MethodSettings",
            "Model",
            "RequestValidator",
            "Resource",
            "Response",
            "RestApiPolicy",
            "UsagePlan",
            "UsagePlanKey",
            "VpcLink",
        ],
        mover: ["Integration"],
    }),
    apigatewayv2: front({
        inert: [
            "ApiMapping",
            "Authorizer",
            "Deployment",
            "DomainName",
            "IntegrationResponse",
            "Model",
            "Route",
            "RouteResponse",
            "RoutingRule",
            "VpcLink",
        ],
        mover: ["Integration"],
    }),
    appautoscaling: inert(),
    appconfig: store({
        inert: [
            "DeploymentStrategy",
            "Environment",
            "Extension",
            "ExtensionAssociation",
            "Application",
        ],
        mover: ["Deployment", "EventIntegration"],
    }),
    appfabric: mover({ inert: ["AppAuthorization", "AppAuthorizationConnection", "AppBundle"] }),
    appflow: mover({ inert: ["ConnectorProfile"] }),
    appintegrations: mover(),
    applicationinsights: inert(),
    appmesh: inert(),
    apprunner: compute({
        inert: [
            "AutoScalingConfigurationVersion",
            "Connection",
            "CustomDomainAssociation",
            "DefaultAutoScalingConfigurationVersion",
            "ObservabilityConfiguration",
            "VpcConnector",
            "VpcIngressConnection",
            "Deployment",
        ],
    }),
    appstream: compute({
        inert: ["DirectoryConfig", "FleetStackAssociation", "User", "UserStackAssociation"],
    }),
    appsync: front({
        inert: [
            "ApiKey",
            "DomainName",
            "DomainNameApiAssociation",
            "Type",
            "SourceApiAssociation",
            "ChannelNamespace",
        ],
        store: ["ApiCache"],
        mover: ["DataSource", "Resolver", "Function"],
    }),
    arcregionswitch: inert(),
    arczonalshift: inert(),
    athena: mover({
        inert: ["CapacityReservation", "NamedQuery", "PreparedStatement"],
        store: ["Database", "DataCatalog"],
    }),
    auditmanager: store({
        inert: [
            "AccountRegistration",
            "AssessmentDelegation",
            "Control",
            "Framework",
            "FrameworkShare",
            "OrganizationAdminAccountRegistration",
        ],
    }),
    autoscaling: inert({ compute: ["Group"] }),
    autoscalingplans: inert(),
    backup: store({
        inert: [
            "Framework",
            "GlobalSettings",
            "RegionSettings",
            "VaultLockConfiguration",
            "VaultNotifications",
            "VaultPolicy",
            "RestoreTestingPlan",
        ],
        mover: ["Plan", "Selection", "ReportPlan", "RestoreTestingSelection"],
    }),
    batch: compute({ inert: ["JobQueue", "SchedulingPolicy"] }),
    bcmdata: mover(),
    bedrock: compute({
        store: ["AgentKnowledgeBase", "AgentcoreMemory", "CustomModel", "AgentcoreRegistry"],
        mover: ["AgentDataSource", "EvaluationJob", "AgentcoreGatewayTarget"],
        inert: [
            "AgentAgentAlias",
            "AgentAgentCollaborator",
            "AgentAgentKnowledgeBaseAssociation",
            "AgentPrompt",
            "AgentcoreApiKeyCredentialProvider",
            "AgentcoreGatewayRule",
            "AgentcoreMemoryStrategy",
            "AgentcoreOauth2CredentialProvider",
            "AgentcorePolicy",
            "AgentcorePolicyEngine",
            "AgentcoreResourcePolicy",
            "AgentcoreTokenVaultCmk",
            "AgentcoreWorkloadIdentity",
            "Guardrail",
            "GuardrailVersion",
            "InferenceProfile",
            "ProvisionedModelThroughput",
            "UseCaseForModelAccess",
            "AgentcoreBrowserProfile",
            "AgentcoreOnlineEvaluationConfig",
            "AgentcoreEvaluator",
        ],
    }),
    bedrockfoundation: inert(),
    bedrockmodel: mover(),
    billing: inert(),
    budgets: global(),
    cfg: inert({ mover: ["ConfigurationAggregator", "DeliveryChannel", "Recorder"] }),
    chatbot: mover(),
    chime: mover({
        inert: [
            "VoiceConnectorGroup",
            "VoiceConnectorTermination",
            "VoiceConnectorTerminationCredentials",
            "SdkvoiceGlobalSettings",
            "SdkvoiceSipRule",
            "SdkvoiceVoiceProfileDomain",
        ],
    }),
    chimesdkmediapipelines: mover(),
    cleanrooms: mover({ inert: ["Membership"] }),
    cloud9: compute({ inert: ["EnvironmentMembership"] }),
    cloudcontrol: { kind: "generic" },
    cloudformation: { kind: "generic", except: { inert: ["CloudFormationType"] } },
    cloudfront: global(),
    cloudhsmv2: store(),
    cloudsearch: store({ inert: ["DomainServiceAccessPolicy"] }),
    cloudtrail: mover({ store: ["EventDataStore"], inert: ["OrganizationDelegatedAdminAccount"] }),
    cloudwatch: inert({
        store: ["LogGroup", "LogStream", "EventArchive", "EventBus"],
        mover: [
            "EventTarget",
            "EventApiDestination",
            "LogDelivery",
            "LogDeliveryDestination",
            "LogDeliverySource",
            "LogDestination",
            "LogSubscriptionFilter",
            "MetricStream",
            "LogS3TableIntegrationSource",
            "EventEndpoint",
        ],
    }),
    codeartifact: store({ inert: ["DomainPermissions", "RepositoryPermissionsPolicy"] }),
    codebuild: compute({
        inert: ["ResourcePolicy", "SourceCredential", "Webhook", "Fleet"],
        store: ["ReportGroup"],
    }),
    codecatalyst: store({ compute: ["DevEnvironment"] }),
    codecommit: store({
        inert: ["ApprovalRuleTemplate", "ApprovalRuleTemplateAssociation"],
        mover: ["Trigger"],
    }),
    codeconnections: inert(),
    codedeploy: inert(),
    codeguruprofiler: store(),
    codegurureviewer: compute(),
    codepipeline: compute({ inert: ["CustomActionType", "Webhook"] }),
    codestarconnections: inert(),
    codestarnotifications: mover(),
    cognito: store({
        inert: [
            "IdentityPoolProviderPrincipalTag",
            "IdentityPoolRoleAttachment",
            "IdentityProvider",
            "ManagedLoginBranding",
            "ManagedUserPoolClient",
            "ResourceServer",
            "RiskConfiguration",
            "UserPoolClient",
            "UserPoolDomain",
            "UserPoolUICustomization",
            "UserGroup",
            "UserInGroup",
        ],
        mover: ["LogDeliveryConfiguration"],
    }),
    comprehend: compute(),
    computeoptimizer: inert(),
    connect: store({
        inert: [
            "BotAssociation",
            "ContactFlow",
            "ContactFlowModule",
            "HoursOfOperation",
            "LambdaFunctionAssociation",
            "PhoneNumberContactFlowAssociation",
            "QuickConnect",
            "RoutingProfile",
            "SecurityProfile",
            "UserHierarchyGroup",
            "UserHierarchyStructure",
            "PhoneNumber",
            "Queue",
        ],
        mover: ["InstanceStorageConfig"],
    }),
    controltower: inert(),
    costexplorer: global(),
    costoptimizationhub: inert(),
    cur: mover(),
    customerprofiles: store(),
    dataexchange: store({ mover: ["EventAction", "RevisionAssets"] }),
    datapipeline: mover(),
    datasync: mover({ store: ["FsxOpenZfsFileSystem"], inert: ["Agent"] }),
    datazone: inert({
        store: ["AssetType", "Domain", "Project", "GlossaryTerm", "Glossary"],
        mover: [
            "Environment",
            "EnvironmentBlueprintConfiguration",
            "EnvironmentProfile",
            "FormType",
            "UserProfile",
        ],
    }),
    dax: store({ inert: ["ParameterGroup", "SubnetGroup"] }),
    detective: store({
        inert: [
            "InvitationAccepter",
            "Member",
            "OrganizationAdminAccount",
            "OrganizationConfiguration",
        ],
    }),
    devicefarm: compute({
        inert: ["DevicePool", "InstanceProfile", "NetworkProfile"],
        store: ["Upload"],
    }),
    devopsguru: inert({ mover: ["NotificationChannel"] }),
    directconnect: inert(),
    directoryservice: store({
        inert: ["ConditionalForwarder", "RadiusSettings", "SharedDirectoryAccepter", "Trust"],
        mover: ["LogSubscription", "ServiceRegion", "SharedDirectory"],
    }),
    dlm: mover(),
    dms: mover({
        inert: [
            "Certificate",
            "ReplicationSubnetGroup",
            "EventSubscription",
            "InstanceProfile",
            "MigrationProject",
            "DataProvider",
        ],
    }),
    docdb: store({ inert: ["ClusterParameterGroup", "SubnetGroup", "EventSubscription"] }),
    drs: mover(),
    dsql: store({ mover: ["ClusterPeering"], inert: ["ClusterPolicy"] }),
    dynamodb: store({
        inert: ["ContributorInsights", "ResourcePolicy", "Tag", "GlobalSecondaryIndex"],
        mover: ["TableExport"],
    }),
    ebs: store({
        inert: [
            "DefaultKmsKey",
            "EncryptionByDefault",
            "FastSnapshotRestore",
            "SnapshotBlockPublicAccess",
        ],
        mover: ["SnapshotImport", "VolumeCopy"],
    }),
    ec2: inert({
        store: ["Ami", "AmiFromInstance"],
        compute: [
            "Fleet",
            "LaunchConfiguration",
            "LaunchTemplate",
            "SpotFleetRequest",
            "SpotInstanceRequest",
        ],
        mover: [
            "SpotDatafeedSubscription",
            "TrafficMirrorSession",
            "TrafficMirrorTarget",
            "AmiLaunchPermission",
            "SnapshotCreateVolumePermission",
        ],
    }),
    ec2clientvpn: inert(),
    ec2transitgateway: inert(),
    ecr: store({
        inert: [
            "AccountSetting",
            "LifecyclePolicy",
            "RegistryPolicy",
            "RegistryScanningConfiguration",
            "RepositoryCreationTemplate",
            "RepositoryPolicy",
            "PullTimeUpdateExclusion",
        ],
        mover: ["PullThroughCacheRule"],
    }),
    ecrpublic: global({ inert: ["RepositoryPolicy"] }),
    ecs: compute({
        inert: ["AccountSettingDefault", "CapacityProvider", "ClusterCapacityProviders", "Tag"],
    }),
    efs: store({
        inert: ["BackupPolicy", "FileSystemPolicy"],
        front: ["AccessPoint", "MountTarget"],
    }),
    eks: compute({
        inert: [
            "AccessEntry",
            "AccessPolicyAssociation",
            "IdentityProviderConfig",
            "PodIdentityAssociation",
            "Capability",
        ],
    }),
    elasticache: store({
        inert: [
            "ParameterGroup",
            "ReservedCacheNode",
            "SubnetGroup",
            "User",
            "UserGroup",
            "UserGroupAssociation",
        ],
    }),
    elasticbeanstalk: compute({
        inert: ["Application", "ConfigurationTemplate"],
        store: ["ApplicationVersion"],
    }),
    elasticsearch: store({ inert: ["DomainPolicy", "DomainSamlOptions"], front: ["VpcEndpoint"] }),
    elastictranscoder: mover({ inert: ["Preset"] }),
    elb: inert({ front: ["LoadBalancer"] }),
    emr: compute({
        inert: [
            "BlockPublicAccessConfiguration",
            "ManagedScalingPolicy",
            "SecurityConfiguration",
            "StudioSessionMapping",
        ],
    }),
    emrcontainers: compute(),
    emrserverless: compute(),
    evidently: store(),
    finspace: store({
        compute: ["KxCluster", "KxEnvironment", "KxScalingGroup"],
        inert: ["KxUser"],
    }),
    fis: inert(),
    fms: inert(),
    fsx: store({ mover: ["DataRepositoryAssociation", "FileCache", "S3AccessPointAttachment"] }),
    gamelift: compute({ store: ["Build", "Script"], inert: ["Alias", "GameSessionQueue"] }),
    glacier: store({ inert: ["VaultLock"] }),
    globalaccelerator: global(),
    glue: store({
        compute: ["DevEndpoint", "MLTransform"],
        mover: ["Crawler", "Trigger", "Workflow", "Connection"],
        inert: [
            "Classifier",
            "DataCatalogEncryptionSettings",
            "DataQualityRuleset",
            "PartitionIndex",
            "ResourcePolicy",
            "SecurityConfiguration",
            "UserDefinedFunction",
            "CatalogTableOptimizer",
        ],
    }),
    grafana: front({
        inert: [
            "LicenseAssociation",
            "RoleAssociation",
            "WorkspaceApiKey",
            "WorkspaceSamlConfiguration",
            "WorkspaceServiceAccount",
            "WorkspaceServiceAccountToken",
        ],
    }),
    guardduty: inert({
        store: ["Detector"],
        mover: ["PublishingDestination", "MalwareProtectionPlan"],
    }),
    iam: global(),
    identitystore: store({ inert: ["Group", "GroupMembership"] }),
    imagebuilder: compute({
        inert: [
            "Component",
            "ContainerRecipe",
            "ImageRecipe",
            "InfrastructureConfiguration",
            "LifecyclePolicy",
            "Workflow",
        ],
        mover: ["DistributionConfiguration"],
    }),
    inspector: inert(),
    inspector2: inert(),
    invoicing: inert(),
    iot: inert({
        store: ["Thing", "ThingGroup"],
        mover: ["TopicRule", "TopicRuleDestination", "LoggingOptions"],
    }),
    ivs: front({ inert: ["PlaybackKeyPair"], mover: ["RecordingConfiguration"] }),
    ivschat: front({ mover: ["LoggingConfiguration"] }),
    kendra: store({
        mover: ["DataSource"],
        inert: ["Experience", "QuerySuggestionsBlockList", "Thesaurus"],
    }),
    keyspaces: store(),
    kinesis: store({
        inert: ["AccountSettings", "ResourcePolicy", "StreamConsumer"],
        compute: ["AnalyticsApplication"],
    }),
    kinesisanalyticsv2: compute({ store: ["ApplicationSnapshot"] }),
    kms: inert({ store: ["Ciphertext"] }),
    lakeformation: inert({ store: ["Resource"] }),
    lambda: compute({
        inert: [
            "Alias",
            "CapacityProvider",
            "CodeSigningConfig",
            "FunctionEventInvokeConfig",
            "FunctionRecursionConfig",
            "FunctionScalingConfig",
            "LayerVersionPermission",
            "Permission",
            "ProvisionedConcurrencyConfig",
            "ResourcePolicy",
            "RuntimeManagementConfig",
            "CoreNetworkConnector",
        ],
        mover: ["EventSourceMapping", "Invocation"],
        front: ["FunctionUrl"],
        store: ["LayerVersion", "MicrovmsImage"],
    }),
    lambdamicrovms: compute({ store: ["Image"] }),
    lb: inert({ front: ["LoadBalancer"] }),
    lex: compute({
        inert: [
            "V2modelsBotLocale",
            "V2modelsBotVersion",
            "V2modelsIntent",
            "V2modelsSlot",
            "V2modelsSlotType",
            "BotAlias",
            "Intent",
            "SlotType",
        ],
    }),
    licensemanager: inert(),
    lightsail: compute({
        store: ["Bucket", "Database", "Disk"],
        front: ["Distribution", "Lb", "ContainerService"],
        inert: [
            "BucketAccessKey",
            "BucketResourceAccess",
            "Certificate",
            "ContainerServiceDeploymentVersion",
            "Disk_attachment",
            "Domain",
            "DomainEntry",
            "InstancePublicPorts",
            "KeyPair",
            "LbAttachment",
            "LbCertificate",
            "LbCertificateAttachment",
            "LbHttpsRedirectionPolicy",
            "LbStickinessPolicy",
            "StaticIp",
            "StaticIpAttachment",
        ],
    }),
    location: store({ inert: ["Map", "PlaceIndex", "RouteCalculation", "TrackerAssociation"] }),
    m2: compute(),
    macie: inert(),
    macie2: inert({ mover: ["ClassificationExportConfiguration"], compute: ["ClassificationJob"] }),
    mailmanager: store({ mover: ["Relay", "IngressPoint"], inert: ["RuleSet", "TrafficPolicy"] }),
    mediaconvert: mover(),
    medialive: mover({ inert: ["InputSecurityGroup"] }),
    mediapackage: front(),
    mediapackagev2: front(),
    mediastore: store({ inert: ["ContainerPolicy"] }),
    memorydb: store({ inert: ["Acl", "ParameterGroup", "SubnetGroup", "User"] }),
    mq: store({ inert: ["Configuration"] }),
    msk: store({
        inert: [
            "ClusterPolicy",
            "Configuration",
            "ScramSecretAssociation",
            "SingleScramSecretAssociation",
            "VpcConnection",
        ],
        mover: ["Replicator"],
        compute: ["ServerlessCluster"],
    }),
    mskconnect: mover({ inert: ["CustomPlugin", "WorkerConfiguration"] }),
    mwaa: compute(),
    neptune: store({
        inert: [
            "ClusterEndpoint",
            "ClusterParameterGroup",
            "EventSubscription",
            "ParameterGroup",
            "SubnetGroup",
        ],
    }),
    neptunegraph: store({ front: ["PrivateGraphEndpoint"] }),
    networkfirewall: inert({ mover: ["LoggingConfiguration"] }),
    networkflowmonitor: inert(),
    networkmanager: global(),
    networkmonitor: inert(),
    notifications: mover({
        inert: [
            "ChannelAssociation",
            "ManagedNotificationAccountContactAssociation",
            "ManagedNotificationAdditionalChannelAssociation",
            "NotificationHub",
            "OrganizationalUnitAssociation",
            "OrganizationsAccess",
        ],
    }),
    oam: mover({ inert: ["SinkPolicy"] }),
    observabilityadmin: mover({
        inert: ["TelemetryEvaluation", "TelemetryEvaluationForOrganization"],
    }),
    odb: compute({ inert: ["IamRoleAssociation", "Network", "NetworkPeeringConnection"] }),
    opensearch: store({
        inert: [
            "AuthorizeVpcEndpointAccess",
            "DomainPolicy",
            "DomainSamlOptions",
            "Package",
            "PackageAssociation",
            "ServerlessAccessPolicy",
            "ServerlessLifecyclePolicy",
            "ServerlessSecurityConfig",
            "ServerlessSecurityPolicy",
            "ServerlessCollectionGroup",
        ],
        mover: ["InboundConnectionAccepter"],
        front: ["Application", "ServerlessVpcEndpoint", "VpcEndpoint"],
    }),
    opensearchingest: mover({ inert: ["ResourcePolicy"], front: ["PipelineEndpoint"] }),
    organizations: global(),
    outposts: inert(),
    paymentcryptography: inert(),
    pinpoint: mover({
        store: ["App", "EmailTemplate", "Smsvoicev2OptOutList"],
        inert: [
            "Smsvoicev2ConfigurationSet",
            "Smsvoicev2Keyword",
            "Smsvoicev2PhoneNumber",
            "Smsvoicev2Pool",
            "Smsvoicev2ResourcePolicy",
            "Smsvoicev2SenderId",
        ],
    }),
    pipes: mover(),
    qbusiness: store(),
    qldb: store({ mover: ["Stream"] }),
    quicksight: store({
        inert: [
            "AccountSettings",
            "AccountSubscription",
            "CustomPermissions",
            "Folder",
            "FolderMembership",
            "Group",
            "GroupMembership",
            "IamPolicyAssignment",
            "IpRestriction",
            "KeyRegistration",
            "Namespace",
            "RefreshSchedule",
            "RoleCustomPermission",
            "RoleMembership",
            "Template",
            "TemplateAlias",
            "Theme",
            "User",
            "UserCustomPermission",
            "VpcConnection",
        ],
        mover: ["Ingestion", "DataSource"],
        front: ["Dashboard", "Analysis"],
    }),
    ram: mover({
        inert: [
            "Permission",
            "PrincipalAssociation",
            "ResourceShareAccepter",
            "SharingWithOrganization",
            "ResourceShareAssociationsExclusive",
        ],
    }),
    rbin: inert(),
    rds: store({
        inert: [
            "Certificate",
            "ClusterParameterGroup",
            "ClusterRoleAssociation",
            "CustomDbEngineVersion",
            "InstanceDesiredState",
            "OptionGroup",
            "ParameterGroup",
            "ProxyDefaultTargetGroup",
            "ProxyTarget",
            "ReservedInstance",
            "RoleAssociation",
            "SubnetGroup",
            "EventSubscription",
            "ShardGroup",
        ],
        mover: ["ClusterActivityStream", "ExportTask", "Integration"],
        front: ["ClusterEndpoint", "Proxy", "ProxyEndpoint"],
    }),
    redshift: store({
        inert: [
            "AuthenticationProfile",
            "ClusterIamRoles",
            "EndpointAuthorization",
            "EventSubscription",
            "HsmClientCertificate",
            "HsmConfiguration",
            "IdcApplication",
            "ParameterGroup",
            "Partner",
            "ResourcePolicy",
            "ScheduledAction",
            "SnapshotCopyGrant",
            "SnapshotSchedule",
            "SnapshotScheduleAssociation",
            "SubnetGroup",
            "UsageLimit",
        ],
        mover: [
            "DataShareAuthorization",
            "DataShareConsumerAssociation",
            "Integration",
            "Logging",
            "NamespaceRegistration",
        ],
        front: ["EndpointAccess"],
    }),
    redshiftdata: mover(),
    redshiftserverless: store({
        inert: ["CustomDomainAssociation", "ResourcePolicy", "UsageLimit"],
        front: ["EndpointAccess"],
        compute: ["Workgroup"],
    }),
    rekognition: compute({ store: ["Collection"] }),
    resiliencehub: inert(),
    resourceexplorer: inert(),
    resourcegroups: inert(),
    rolesanywhere: inert(),
    route53: global({ mover: ["QueryLog", "ResolverQueryLogConfig"] }),
    route53domains: global(),
    route53recoverycontrol: inert(),
    route53recoveryreadiness: inert(),
    rum: mover({ front: ["AppMonitor"] }),
    s3: store({
        inert: [
            "AccountPublicAccessBlock",
            "BucketAbac",
            "BucketAccelerateConfiguration",
            "BucketAccelerateConfigurationV2",
            "BucketAcl",
            "BucketAclV2",
            "BucketCorsConfiguration",
            "BucketCorsConfigurationV2",
            "BucketIntelligentTieringConfiguration",
            "BucketLifecycleConfiguration",
            "BucketLifecycleConfigurationV2",
            "BucketMetric",
            "BucketObjectLockConfiguration",
            "BucketObjectLockConfigurationV2",
            "BucketOwnershipControls",
            "BucketPolicy",
            "BucketPublicAccessBlock",
            "BucketRequestPaymentConfiguration",
            "BucketRequestPaymentConfigurationV2",
            "BucketVersioning",
            "BucketVersioningV2",
            "FilesFileSystemPolicy",
            "VectorsVectorBucketPolicy",
        ],
        mover: [
            "AnalyticsConfiguration",
            "BucketMetadataConfiguration",
            "BucketNotification",
            "FilesSynchronizationConfiguration",
            "Inventory",
        ],
        front: [
            "AccessPoint",
            "BucketWebsiteConfiguration",
            "BucketWebsiteConfigurationV2",
            "FilesAccessPoint",
            "FilesMountTarget",
        ],
    }),
    s3control: inert({
        store: ["Bucket"],
        front: ["MultiRegionAccessPoint", "ObjectLambdaAccessPoint", "AccessGrantsLocation"],
        mover: ["MultiRegionAccessPointRoutes", "StorageLensConfiguration"],
    }),
    s3outposts: front(),
    s3tables: store({
        inert: ["Namespace", "TableBucketPolicy", "TablePolicy"],
        mover: ["TableBucketReplication", "TableReplication"],
    }),
    sagemaker: compute({
        store: [
            "FeatureGroup",
            "Model",
            "ModelCard",
            "ModelPackageGroup",
            "CodeRepository",
            "Hub",
            "Image",
            "ImageVersion",
            "Algorithm",
            "Space",
            "Domain",
            "UserProfile",
            "MlflowTrackingServer",
            "MlflowApp",
        ],
        mover: [
            "DataQualityJobDefinition",
            "ModelCardExportJob",
            "MonitoringSchedule",
            "FlowDefinition",
            "LabelingJob",
        ],
        front: ["Endpoint"],
        inert: [
            "AppImageConfig",
            "Device",
            "DeviceFleet",
            "EndpointConfiguration",
            "HubContentReference",
            "HumanTaskUI",
            "ModelPackageGroupPolicy",
            "NotebookInstanceLifecycleConfiguration",
            "Project",
            "ServicecatalogPortfolioStatus",
            "StudioLifecycleConfig",
            "Workforce",
            "Workteam",
        ],
    }),
    savingsplans: inert(),
    scheduler: mover({ inert: ["ScheduleGroup"] }),
    schemas: inert({ mover: ["Discoverer"], store: ["Schema", "Registry"] }),
    secretsmanager: store({ inert: ["SecretPolicy", "SecretRotation", "Tag"] }),
    securityhub: inert({ mover: ["ActionTarget", "FindingAggregator", "InviteAccepter"] }),
    securitylake: store({
        mover: ["AwsLogSource", "CustomLogSource", "Subscriber", "SubscriberNotification"],
    }),
    serverlessrepository: { kind: "generic" },
    servicecatalog: inert({ generic: ["ProvisionedProduct", "Product", "ProvisioningArtifact"] }),
    servicediscovery: inert(),
    servicequotas: inert(),
    ses: mover({
        inert: [
            "ActiveReceiptRuleSet",
            "DomainDkim",
            "DomainIdentity",
            "DomainIdentityVerification",
            "IdentityPolicy",
            "MailFrom",
            "ReceiptFilter",
            "ReceiptRuleSet",
            "Template",
            "ConfigurationSet",
        ],
    }),
    sesv2: mover({
        inert: [
            "AccountSuppressionAttributes",
            "AccountVdmAttributes",
            "DedicatedIpAssignment",
            "DedicatedIpPool",
            "EmailIdentityFeedbackAttributes",
            "EmailIdentityMailFromAttributes",
            "EmailIdentityPolicy",
            "Tenant",
            "TenantResourceAssociation",
            "ConfigurationSet",
            "EmailIdentity",
        ],
        store: ["ContactList"],
    }),
    sfn: compute({ inert: ["Alias", "Activity"] }),
    shield: global(),
    signer: inert({ compute: ["SigningJob"] }),
    sns: store({
        inert: ["DataProtectionPolicy", "SmsPreferences", "TopicPolicy", "PlatformApplication"],
    }),
    sqs: store({ inert: ["QueuePolicy", "RedriveAllowPolicy", "RedrivePolicy"] }),
    ssm: inert({
        store: ["Parameter"],
        mover: ["ResourceDataSync", "Association", "MaintenanceWindowTask"],
        compute: ["Document"],
    }),
    ssmcontacts: mover({ inert: ["Plan"] }),
    ssmincidents: mover({ inert: ["ResponsePlan"] }),
    ssoadmin: global(),
    storagegateway: mover({
        inert: ["Cache", "UploadBuffer", "WorkingStorage"],
        store: ["StoredIscsiVolume", "CachesIscsiVolume", "TapePool"],
    }),
    swf: store(),
    synthetics: compute({ inert: ["Group", "GroupAssociation"] }),
    timestreaminfluxdb: store(),
    timestreamquery: mover(),
    timestreamwrite: store(),
    transcribe: inert(),
    transfer: front({
        inert: [
            "Access",
            "Agreement",
            "Certificate",
            "HostKey",
            "Profile",
            "SshKey",
            "Tag",
            "WebAppCustomization",
        ],
        mover: ["Connector", "Workflow"],
    }),
    uxc: inert(),
    verifiedaccess: inert({ mover: ["InstanceLoggingConfiguration"] }),
    verifiedpermissions: inert(),
    vpc: inert(),
    vpclattice: front({
        inert: [
            "AccessLogSubscription",
            "AuthPolicy",
            "ListenerRule",
            "ResourcePolicy",
            "ServiceNetworkServiceAssociation",
            "ServiceNetworkVpcAssociation",
            "TargetGroupAttachment",
            "ResourceConfiguration",
            "ResourceGateway",
            "ServiceNetworkResourceAssociation",
            "DomainVerification",
        ],
    }),
    waf: global(),
    wafregional: inert(),
    wafv2: inert({ mover: ["WebAclLoggingConfiguration"] }),
    workmail: store({ inert: ["Domain", "Group", "Organization"] }),
    workspaces: compute({ inert: ["ConnectionAlias", "Directory", "IpGroup"] }),
    workspacesweb: front({
        inert: [
            "BrowserSettings",
            "BrowserSettingsAssociation",
            "DataProtectionSettings",
            "DataProtectionSettingsAssociation",
            "IdentityProvider",
            "IpAccessSettings",
            "IpAccessSettingsAssociation",
            "NetworkSettings",
            "NetworkSettingsAssociation",
            "TrustStore",
            "TrustStoreAssociation",
            "UserAccessLoggingSettings",
            "UserAccessLoggingSettingsAssociation",
            "UserSettings",
            "UserSettingsAssociation",
            "SessionLogger",
            "SessionLoggerAssociation",
            "Portal",
        ],
    }),
    xray: inert({ mover: ["EncryptionConfig", "ResourcePolicy"] }),
};

/** The class name of a type token: `aws:s3/bucketPolicy:BucketPolicy` → `BucketPolicy`. */
function className(type: string): string {
    return type.split(":")[2] ?? "";
}

/**
 * The kind of an AWS type: the detailed catalog's, else a global module's, else this table's;
 * undefined for a type no entry classifies (a newer `@pulumi/aws` than the table knows).
 */
export function awsTypeKind(type: string): TypeKind | undefined {
    const detailed = AWS_TYPES[type];
    if (detailed) return detailed.kind;
    const [pkg, token] = type.split(":");
    if (pkg !== "aws" || token === undefined) return undefined;
    const module = token.split("/")[0];
    const entry = AWS_MODULE_KINDS[module];
    if (!entry) return GLOBAL_MODULES.has(module) ? "global" : undefined;
    return kindIn(entry, className(type));
}

/** The kind of a type of a module or group: its exception, else the module's own. */
function kindIn(entry: ModuleKinds, name: string): TypeKind {
    for (const [kind, names] of Object.entries(entry.except ?? {}) as [TypeKind, string[]][])
        if (names.includes(name)) return kind;
    return entry.kind;
}

/**
 * What every Kubernetes kind of the installed `@pulumi/kubernetes` is, by API group with per-kind
 * exceptions, and the custom resources the project uses. Any other custom resource is not
 * classified: it may create cloud resources or move data anywhere, so it fails closed. A kind's
 * `...Patch` and `...List` types are of the kind itself.
 */
export const KUBERNETES_GROUP_KINDS: Readonly<Record<string, ModuleKinds>> = {
    core: inert({
        store: ["ConfigMap", "PersistentVolume", "PersistentVolumeClaim", "Secret"],
        compute: ["Pod", "PodTemplate", "ReplicationController"],
        front: ["Endpoints", "Service"],
    }),
    apps: compute({ inert: ["ControllerRevision"] }),
    batch: compute(),
    extensions: compute({ front: ["Ingress"], inert: ["NetworkPolicy", "PodSecurityPolicy"] }),
    "networking.k8s.io": inert({ front: ["Ingress"] }),
    "discovery.k8s.io": inert({ front: ["EndpointSlice"] }),
    "storage.k8s.io": inert(),
    "auditregistration.k8s.io": mover(),
    "admissionregistration.k8s.io": inert(),
    "apiextensions.k8s.io": inert(),
    "apiregistration.k8s.io": inert(),
    autoscaling: inert(),
    "certificates.k8s.io": inert(),
    "coordination.k8s.io": inert(),
    "events.k8s.io": inert(),
    "flowcontrol.apiserver.k8s.io": inert(),
    "lifecycle.k8s.io": inert(),
    meta: inert(),
    "node.k8s.io": inert(),
    policy: inert(),
    "rbac.authorization.k8s.io": inert(),
    "resource.k8s.io": inert(),
    "scheduling.k8s.io": inert(),
    "settings.k8s.io": inert(),
    "storagemigration.k8s.io": inert(),
    // Render arbitrary objects: what they create is only known when they are rendered.
    "helm.sh": { kind: "generic" },
    kustomize: { kind: "generic" },
    yaml: { kind: "generic" },
    // Custom resources of the project: Rook's Ceph storage and its object bucket claims.
    "ceph.rook.io": store({
        inert: ["CephClient", "CephObjectStoreUser", "CephObjectRealm", "CephObjectZoneGroup"],
        mover: [
            "CephRBDMirror",
            "CephFilesystemMirror",
            "CephObjectZone",
            "CephBucketNotification",
            "CephBucketTopic",
        ],
        front: ["CephNFS"],
    }),
    "objectbucket.io": store(),
};

/** The kind of a Kubernetes type; undefined for a custom resource the project does not use. */
export function kubernetesTypeKind(type: string): TypeKind | undefined {
    const [pkg, token, rawName] = type.split(":");
    if (pkg !== "kubernetes" || token === undefined || rawName === undefined) return undefined;
    const entry = KUBERNETES_GROUP_KINDS[token.split("/")[0]];
    if (!entry) return undefined;
    return kindIn(entry, rawName.replace(/(Patch|List)$/, ""));
}

/**
 * The kind of any resource type, from any package; undefined when the pack does not classify it
 * (another package, a dynamic provider, an unknown custom resource, a newer provider's type).
 */
export function typeKind(type: string): TypeKind | undefined {
    if (type.startsWith("aws:")) return awsTypeKind(type);
    if (type.startsWith("kubernetes:")) return kubernetesTypeKind(type);
    // random: values generated at deploy time; they hold and move no data.
    if (type.startsWith("random:")) return "inert";
    return undefined;
}
