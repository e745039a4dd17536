export { AuditArchive, ARCHIVE_PREFIXES, validateAuditArchiveArgs } from "./archive";
export type { AuditArchiveArgs } from "./archive";
export { SiteMonitor, AUDITOR_DESCRIBE_POLICY, validateSiteMonitorArgs } from "./site-monitor";
export type { SiteMonitorArgs } from "./site-monitor";
export { monitorNames, monitorRoleArns } from "./names";
export {
    ClusterAuditor,
    LogShipper,
    AUDITOR_CLUSTER_ROLE,
    AUDITOR_RULES,
    MONITOR_NAMESPACE,
    fluentBitConfig,
    validateClusterAuditorArgs,
    validateLogShipperArgs,
} from "./kubernetes";
export type { ClusterAuditorArgs, LogShipperArgs } from "./kubernetes";
