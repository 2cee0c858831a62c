import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  extensionScope,
  resourceId,
} from './expressions';

/*
 * Audit and telemetry (LOG-01..03, OPS-01), after mspnp/aks-baseline
 * workload-team/cluster-stamp.bicep: control-plane logs, App Gateway and
 * Key Vault diagnostics, Container insights through a data collection rule
 * associated with the cluster, all into one Log Analytics workspace. The
 * NSG diagnostics follow the reference's network-team spoke template.
 */

/**
 * Control-plane log categories, as the reference enables them.
 * kube-scheduler is listed off, as there: its volume costs more than it tells
 * on a healthy cluster (turn it on while triaging scheduling).
 */
export const CLUSTER_LOG_CATEGORIES: ReadonlyArray<{
  category: string;
  enabled: boolean;
}> = [
  { category: 'cluster-autoscaler', enabled: true },
  { category: 'kube-controller-manager', enabled: true },
  { category: 'kube-audit-admin', enabled: true },
  { category: 'guard', enabled: true },
  { category: 'kube-scheduler', enabled: false },
];

export const APP_GATEWAY_LOG_CATEGORIES = [
  'ApplicationGatewayAccessLog',
  'ApplicationGatewayPerformanceLog',
  'ApplicationGatewayFirewallLog',
] as const;

export const KEY_VAULT_LOG_CATEGORIES = ['AuditEvent'] as const;

export const NSG_LOG_CATEGORIES = [
  'NetworkSecurityGroupEvent',
  'NetworkSecurityGroupRuleCounter',
] as const;

/** What Container insights collects, with the streams of the AKS docs (managed identity auth, ContainerLogV2). */
export const CONTAINER_INSIGHTS_STREAMS = [
  'Microsoft-ContainerLogV2',
  'Microsoft-KubeEvents',
  'Microsoft-KubePodInventory',
  'Microsoft-KubeNodeInventory',
  'Microsoft-KubePVInventory',
  'Microsoft-KubeServices',
  'Microsoft-KubeMonAgentEvents',
  'Microsoft-InsightsMetrics',
  'Microsoft-ContainerInventory',
  'Microsoft-ContainerNodeInventory',
  'Microsoft-Perf',
] as const;

/** Node syslog facilities collected at Info: the reference's twenty (not `*`: alert, audit, clock, ftp, nopri and ntp stay out). */
const SYSLOG_FACILITIES = [
  'auth',
  'authpriv',
  'cron',
  'daemon',
  'mark',
  'kern',
  ...[0, 1, 2, 3, 4, 5, 6, 7].map(n => `local${n}`),
  'lpr',
  'mail',
  'news',
  'syslog',
  'user',
  'uucp',
];

/** The destination's name inside the rule (rules refer to destinations by name). */
const WORKSPACE_DESTINATION = 'ciworkspace';

/**
 * The workspace everything is sent to: the one given, else the one this
 * stamp creates, written as its literal id (both are known when
 * generating), so the controls read the same value a live cluster shows.
 */
export function workspaceResourceId(
  spec: ClusterSpec,
  names: ClusterNames,
): string {
  return (
    spec.logAnalyticsWorkspaceId ??
    stampResourceId(
      spec,
      RESOURCE_TYPES.logAnalyticsWorkspace,
      names.monitoring.workspace,
    )
  );
}

/** The literal id of a resource this deployment creates in its group. */
function stampResourceId(spec: ClusterSpec, type: string, name: string) {
  return `/subscriptions/${spec.subscriptionId}/resourceGroups/${spec.resourceGroup}/providers/${type}/${name}`;
}

/** What a resource that sends to the workspace must wait for (nothing when the workspace is given). */
export function workspaceDependency(
  spec: ClusterSpec,
  names: ClusterNames,
): string[] {
  return spec.logAnalyticsWorkspaceId
    ? []
    : [
        resourceId(
          RESOURCE_TYPES.logAnalyticsWorkspace,
          names.monitoring.workspace,
        ),
      ];
}

/**
 * The stamp's workspace when none is given (the reference expects it from
 * an earlier step; here the stamp stands alone). 30 days retention: the
 * workspace's included retention, as the reference's.
 */
export function logAnalyticsWorkspace(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource[] {
  if (spec.logAnalyticsWorkspaceId) return [];
  return [
    {
      type: RESOURCE_TYPES.logAnalyticsWorkspace,
      apiVersion: API_VERSIONS.operationalInsights,
      name: names.monitoring.workspace,
      location: spec.location,
      tags,
      properties: {
        sku: { name: 'PerGB2018' },
        retentionInDays: 30,
      },
    },
  ];
}

function diagnosticSetting(
  spec: ClusterSpec,
  names: ClusterNames,
  target: { type: string; name: string },
  logs: ReadonlyArray<{ category: string; enabled: boolean }>,
  metrics: boolean,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.diagnosticSetting,
    apiVersion: API_VERSIONS.diagnosticSettings,
    name: names.monitoring.diagnosticSetting,
    scope: extensionScope(target),
    dependsOn: [
      resourceId(target.type, target.name),
      ...workspaceDependency(spec, names),
    ],
    properties: {
      workspaceId: workspaceResourceId(spec, names),
      logs: logs.map(log => ({ ...log })),
      ...(metrics
        ? { metrics: [{ category: 'AllMetrics', enabled: true }] }
        : {}),
    },
  };
}

const enabled = (categories: readonly string[]) =>
  categories.map(category => ({ category, enabled: true }));

/** The diagnostic settings of the cluster, its gateway, its vault and its four NSGs. */
export function diagnosticSettings(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource[] {
  const nsgs = [
    names.nsgs.nodes,
    names.nsgs.ingress,
    names.nsgs.appGateway,
    names.nsgs.privateEndpoints,
  ];
  return [
    diagnosticSetting(
      spec,
      names,
      { type: RESOURCE_TYPES.managedCluster, name: spec.clusterName },
      CLUSTER_LOG_CATEGORIES,
      false,
    ),
    diagnosticSetting(
      spec,
      names,
      { type: RESOURCE_TYPES.appGateway, name: names.appGateway },
      enabled(APP_GATEWAY_LOG_CATEGORIES),
      false,
    ),
    diagnosticSetting(
      spec,
      names,
      { type: RESOURCE_TYPES.keyVault, name: spec.keyVault.name },
      enabled(KEY_VAULT_LOG_CATEGORIES),
      true,
    ),
    ...nsgs.map(nsg =>
      diagnosticSetting(
        spec,
        names,
        { type: RESOURCE_TYPES.nsg, name: nsg },
        enabled(NSG_LOG_CATEGORIES),
        false,
      ),
    ),
  ];
}

/**
 * Container insights with managed identity auth: the agent sends what this
 * rule names, so the add-on flag alone collects nothing. Namespaces
 * kube-system and gatekeeper-system are excluded from container logs, and
 * node syslog is collected at Info, as in the reference.
 */
export function containerInsightsRule(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.dataCollectionRule,
    apiVersion: API_VERSIONS.dataCollectionRules,
    name: names.monitoring.containerInsightsRule,
    location: spec.location,
    kind: 'Linux',
    tags,
    dependsOn: workspaceDependency(spec, names),
    properties: {
      dataSources: {
        syslog: [
          {
            name: 'sysLogsDataSource',
            streams: ['Microsoft-Syslog'],
            facilityNames: [...SYSLOG_FACILITIES],
            logLevels: ['Info'],
          },
        ],
        extensions: [
          {
            name: 'ContainerInsightsExtension',
            extensionName: 'ContainerInsights',
            streams: [...CONTAINER_INSIGHTS_STREAMS],
            extensionSettings: {
              dataCollectionSettings: {
                interval: '1m',
                namespaceFilteringMode: 'Exclude',
                namespaces: ['kube-system', 'gatekeeper-system'],
                enableContainerLogV2: true,
              },
            },
          },
        ],
      },
      destinations: {
        logAnalytics: [
          {
            name: WORKSPACE_DESTINATION,
            workspaceResourceId: workspaceResourceId(spec, names),
          },
        ],
      },
      dataFlows: [
        {
          streams: ['Microsoft-Syslog'],
          destinations: [WORKSPACE_DESTINATION],
        },
        {
          streams: [...CONTAINER_INSIGHTS_STREAMS],
          destinations: [WORKSPACE_DESTINATION],
        },
      ],
    },
  };
}

/** The rule's association to the cluster: an extension resource on it. */
export function containerInsightsAssociation(
  spec: ClusterSpec,
  names: ClusterNames,
): ArmTemplateResource {
  const cluster = {
    type: RESOURCE_TYPES.managedCluster,
    name: spec.clusterName,
  };
  const rule = {
    type: RESOURCE_TYPES.dataCollectionRule,
    name: names.monitoring.containerInsightsRule,
  };
  return {
    type: RESOURCE_TYPES.dataCollectionRuleAssociation,
    apiVersion: API_VERSIONS.dataCollectionRules,
    name: names.monitoring.containerInsightsAssociation,
    scope: extensionScope(cluster),
    dependsOn: [
      resourceId(cluster.type, cluster.name),
      resourceId(rule.type, rule.name),
    ],
    properties: {
      description:
        'Container insights of this cluster: what the monitoring add-on collects and where it sends it.',
      dataCollectionRuleId: stampResourceId(spec, rule.type, rule.name),
    },
  };
}

/** Everything of this concern, in deployment reading order (after the resources it watches). */
export function monitoringResources(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource[] {
  return [
    containerInsightsRule(spec, names, tags),
    containerInsightsAssociation(spec, names),
    ...diagnosticSettings(spec, names),
  ];
}
