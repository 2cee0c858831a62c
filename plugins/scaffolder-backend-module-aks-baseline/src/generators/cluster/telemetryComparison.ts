import type { ReferenceComparisonRow } from './referenceComparison';

/**
 * Audit and telemetry (issue #17 item 3) against mspnp/aks-baseline
 * `workload-team/cluster-stamp.bicep` (NSG diagnostics: its network-team
 * spoke). What this stamp sets is in arm/diagnostics.ts.
 */
export const TELEMETRY_ROWS: readonly ReferenceComparisonRow[] = [
  {
    setting: 'Microsoft.OperationalInsights/workspaces',
    reference: 'la-<cluster>, created before the stamp (existing resource)',
    ours: 'the workspace given (logAnalyticsWorkspaceId), else la-<cluster> created by the stamp (PerGB2018, 30 days)',
    control: 'OPS-01, LOG-01, LOG-02, LOG-03',
    note: 'the stamp stands alone: without a given workspace it creates one, so monitoring is never off by default',
  },
  {
    setting: 'addonProfiles.omsagent',
    reference: 'enabled, the workspace, useAADAuth "true"',
    ours: 'enabled, the workspace, useAADAuth "true"',
    control: 'OPS-01, LOG-02',
    note: 'same',
  },
  {
    setting: 'managedClusters diagnosticSettings (default)',
    reference:
      'cluster-autoscaler, kube-controller-manager, kube-audit-admin, guard on; kube-scheduler off',
    ours: 'the same',
    control: 'LOG-01',
    note: 'same; LOG-01 requires kube-audit-admin (or kube-audit) and guard to a workspace',
  },
  {
    setting: 'dataCollectionRules MSCI-<region>-<cluster>',
    reference:
      'ContainerInsights extension (ContainerLogV2 and the Kube* streams, kube-system and gatekeeper-system excluded), syslog at Info, to the workspace',
    ours: 'the same streams, exclusions and syslog facilities',
    control: 'LOG-02',
    note: 'same; LOG-02 requires a ContainerInsights stream flowing to a Log Analytics destination, associated with the cluster',
  },
  {
    setting: 'dataCollectionRuleAssociations on the cluster',
    reference: 'MSCI-<region>-<cluster> -> the Container insights rule',
    ours: 'the same',
    control: 'LOG-02',
    note: 'same',
  },
  {
    setting: 'diagnosticSettings on the data collection rules (LogErrors)',
    reference: 'on, to the workspace',
    ours: 'not set',
    control: '—',
    note: "the rule's own ingestion errors; not generated (no control reads them): add a diagnostic setting on the rule if its ingestion needs auditing",
  },
  {
    setting:
      'Prometheus metrics (Microsoft.Monitor/accounts, DCE, MSProm rule and association, azureMonitorProfile.metrics)',
    reference: 'on',
    ours: 'not set',
    control: '—',
    note: 'managed Prometheus needs an Azure Monitor workspace and its own egress; out of this slice (Container insights covers the logs the controls judge)',
  },
  {
    setting: 'applicationGateways diagnosticSettings',
    reference:
      'ApplicationGatewayAccessLog, ApplicationGatewayPerformanceLog, ApplicationGatewayFirewallLog',
    ours: 'the same',
    control: 'LOG-03',
    note: 'same',
  },
  {
    setting: 'vaults diagnosticSettings',
    reference: 'AuditEvent, AllMetrics',
    ours: 'AuditEvent, AllMetrics',
    control: 'LOG-03',
    note: 'same',
  },
  {
    setting: 'networkSecurityGroups diagnosticSettings',
    reference:
      'NetworkSecurityGroupEvent, NetworkSecurityGroupRuleCounter (network-team spoke)',
    ours: 'the same, on the four NSGs of the spoke',
    control: 'LOG-03',
    note: 'same; the reference deploys them with the spoke, this stamp creates the spoke itself',
  },
  {
    setting:
      'Event Grid system topic and its diagnosticSettings, query pack, ContainerInsights and KeyVaultAnalytics solutions, alerts',
    reference: 'on',
    ours: 'not set',
    control: '—',
    note: 'operations tooling beyond what the controls judge; the legacy OperationsManagement solutions are not needed by Container insights with a data collection rule',
  },
];
