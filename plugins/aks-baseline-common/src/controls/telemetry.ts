import {
  armId,
  asBoolean,
  asString,
  isRecord,
  readArm,
  readArmList,
  referenceName,
  refersTo,
  resourceLabel,
  sameText,
  virtualNetworkOfSubnet,
} from '../arm/read';
import { sameArmResourceId } from '../arm/armId';
import type { ArmResource } from '../arm/types';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  about,
  combine,
  fail,
  judge,
  notObserved,
  pass,
} from './judgement';
import { clusterVirtualNetworks } from './registryPrivate';
import type { BaselineResources, ResourceDiagnosticSettings } from './types';

/*
 * Audit and telemetry (LOG-01..03), after mspnp/aks-baseline
 * workload-team/cluster-stamp.bicep (diagnostic settings on the cluster, App
 * Gateway and Key Vault, Container insights through a data collection rule
 * associated with the cluster) and the network-team spoke (NSG diagnostics).
 * A category counts when an enabled log entry names it, or its category
 * group (`allLogs`, or `audit` for audit categories), in a setting that sends
 * to a Log Analytics workspace: storage or Event Hubs alone cannot be queried
 * next to the cluster's other logs.
 */

const DIAGNOSTICS_DOC =
  'https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings';
const AKS_LOGS_DOC =
  'https://learn.microsoft.com/azure/aks/monitor-aks#aks-control-planeresource-logs';
const CONTAINER_INSIGHTS_DOC =
  'https://learn.microsoft.com/azure/azure-monitor/containers/kubernetes-monitoring-enable';

/** Categories the `audit` category group carries (AKS and Key Vault). */
const AUDIT_GROUP = new Set([
  'kube-audit',
  'kube-audit-admin',
  'guard',
  'auditevent',
]);

interface Coverage {
  categories: Set<string>;
  groups: Set<string>;
  /** Settings read, as `name -> destination`. */
  described: string[];
}

function destinationOf(setting: ArmResource): string | undefined {
  const workspace = asString(readArm(setting, 'properties.workspaceId'));
  return workspace ? referenceName(workspace) ?? workspace : undefined;
}

/** What the settings send to a workspace. */
function coverage(settings: ArmResource[]): Coverage {
  const result: Coverage = {
    categories: new Set(),
    groups: new Set(),
    described: [],
  };
  for (const setting of settings) {
    const workspace = destinationOf(setting);
    const logs = readArmList(setting, 'properties.logs').filter(
      log => asBoolean(readArm(log, 'enabled')) === true,
    );
    const names = logs.map(
      log =>
        asString(readArm(log, 'category')) ??
        `group ${asString(readArm(log, 'categoryGroup'))}`,
    );
    result.described.push(
      `${resourceLabel(setting)} -> ${
        workspace ? `workspace ${workspace}` : 'no workspace'
      }: ${names.join(', ') || '(no log enabled)'}`,
    );
    if (!workspace) continue;
    for (const log of logs) {
      const category = asString(readArm(log, 'category'));
      const group = asString(readArm(log, 'categoryGroup'));
      if (category) result.categories.add(category.toLowerCase());
      if (group) result.groups.add(group.toLowerCase());
    }
  }
  return result;
}

function covers(cover: Coverage, category: string): boolean {
  const key = category.toLowerCase();
  return (
    cover.categories.has(key) ||
    cover.groups.has('alllogs') ||
    (cover.groups.has('audit') && AUDIT_GROUP.has(key))
  );
}

const ARM_ID = /^\/subscriptions\//i;

/**
 * Type and name of a reference: an ARM id, a template's
 * `[resourceId('<type>', '<name>')]`, or a template scope `<ns>/<type>/<name>`.
 */
function typeAndName(reference: string): { type?: string; name?: string } {
  if (ARM_ID.test(reference)) {
    const match = /\/providers\/([^/]+\/[^/]+)\/([^/]+)\/?$/i.exec(reference);
    return match ? { type: match[1], name: match[2] } : {};
  }
  if (reference.startsWith('[')) {
    const literals = [...reference.matchAll(/'([^']*)'/g)].map(m => m[1]);
    return literals.length >= 2
      ? { type: literals[0], name: literals[literals.length - 1] }
      : {};
  }
  const parts = reference.split('/');
  return parts.length === 3
    ? { type: `${parts[0]}/${parts[1]}`, name: parts[2] }
    : { name: referenceName(reference) };
}

/**
 * Whether a diagnostics entry is about `target` (a resource, or a reference
 * to one): by id when both have one, else by type and name (a vault and a
 * cluster may share a name).
 */
function isAbout(entry: ResourceDiagnosticSettings, target: unknown): boolean {
  const targetId =
    typeof target === 'string' ? target : armId(target) ?? undefined;
  if (targetId && ARM_ID.test(targetId) && ARM_ID.test(entry.resourceId))
    return sameArmResourceId(targetId, entry.resourceId);
  const wanted =
    typeof target === 'string'
      ? typeAndName(target)
      : {
          type: asString(readArm(target, 'type')),
          name: asString(readArm(target, 'name')),
        };
  const found = typeAndName(entry.resourceId);
  if (!wanted.name || !found.name || !sameText(wanted.name, found.name))
    return false;
  return !wanted.type || !found.type || sameText(wanted.type, found.type);
}

/** The settings of one resource, or why they cannot be judged. */
function settingsOf(
  input: BaselineResources,
  target: unknown,
  what: string,
): { settings: ArmResource[] } | { judgement: Judgement } {
  if (!input.diagnosticSettings)
    return {
      judgement: notObserved('the diagnostic settings were not read'),
    };
  const entry = input.diagnosticSettings.find(e => isAbout(e, target));
  if (!entry)
    return {
      judgement: notObserved(
        `the diagnostic settings of ${what} were not read`,
      ),
    };
  if (!entry.settings)
    return {
      judgement: notObserved(
        entry.unavailableReason ??
          `the diagnostic settings of ${what} could not be read`,
      ),
    };
  return { settings: entry.settings };
}

/**
 * Every category in `required` (each an alternative list: the first is
 * named) reaches a workspace; the reason names what is missing and the fix.
 */
function categoriesJudgement(
  settings: ArmResource[],
  required: ReadonlyArray<readonly string[]>,
  fix: (missing: string[]) => string,
): Judgement {
  const cover = coverage(settings);
  const found = cover.described.join('; ') || '(no diagnostic setting)';
  const missing = required
    .filter(alternatives => !alternatives.some(c => covers(cover, c)))
    .map(alternatives => alternatives[0]);
  if (missing.length === 0) return pass(found);
  return fail(found, fix(missing));
}

function diagnosticsCommand(resource: string, missing: string[]): string {
  const logs = JSON.stringify(
    missing.map(category => ({ category, enabled: true })),
  );
  return `az monitor diagnostic-settings create --name default --resource ${resource} --workspace <Log Analytics workspace id> --logs '${logs}' (${DIAGNOSTICS_DOC})`;
}

function idOrName(resource: unknown): string {
  return (
    (isRecord(resource) && asString(resource.id)) || resourceLabel(resource)
  );
}

/** LOG-01: the control plane's audit logs reach a workspace. */
function controlPlaneAudit(input: BaselineResources): Judgement {
  const cluster = input.cluster;
  if (!cluster) return notObserved('no managed cluster in the input');
  const read = settingsOf(input, cluster, 'the cluster');
  if ('judgement' in read) return about(cluster, read.judgement);
  return about(
    cluster,
    categoriesJudgement(
      read.settings,
      // kube-audit carries every audit event, kube-audit-admin's included.
      [['kube-audit-admin', 'kube-audit'], ['guard']],
      missing =>
        `${missing.join(
          ' and ',
        )} not sent to a Log Analytics workspace: who changed what in the cluster (kube-audit-admin) and Entra ID/Azure RBAC decisions (guard) are then lost; ${diagnosticsCommand(
          idOrName(cluster),
          missing,
        )}; see ${AKS_LOGS_DOC}`,
    ),
  );
}

const CONTAINER_INSIGHTS_EXTENSION = 'ContainerInsights';

/** The streams of the rule's ContainerInsights extension that flow to a Log Analytics destination. */
function containerInsightsStreamsToWorkspace(rule: ArmResource): string[] {
  const extensions = readArmList(rule, 'properties.dataSources.extensions');
  const streams = extensions
    .filter(e =>
      sameText(readArm(e, 'extensionName'), CONTAINER_INSIGHTS_EXTENSION),
    )
    .flatMap(e => readArmList(e, 'streams').map(asString))
    .filter((s): s is string => !!s);
  const workspaces = readArmList(
    rule,
    'properties.destinations.logAnalytics',
  ).map(d => asString(readArm(d, 'name')));
  const flowing = readArmList(rule, 'properties.dataFlows')
    .filter(flow =>
      readArmList(flow, 'destinations').some(d =>
        workspaces.includes(asString(d)),
      ),
    )
    .flatMap(flow => readArmList(flow, 'streams').map(asString));
  return streams.filter(s => flowing.includes(s));
}

function authFinding(input: BaselineResources): Finding | undefined {
  const addon = readArm(input.cluster, 'properties.addonProfiles.omsagent');
  // The add-on itself is OPS-01's; its auth mode decides whether a rule is used.
  if (asBoolean(readArm(addon, 'enabled')) !== true) return undefined;
  const aad = asString(readArm(addon, 'config.useAADAuth'));
  if (aad?.toLowerCase() === 'true') return undefined;
  return {
    status: 'fail',
    reason: `the monitoring add-on uses the workspace key (useAADAuth ${
      aad ?? 'absent'
    }), not managed identity: set addonProfiles.omsagent.config.useAADAuth "true" (az aks enable-addons -a monitoring --workspace-resource-id <id> on a current CLI does; ${CONTAINER_INSIGHTS_DOC})`,
  };
}

/** LOG-02: Container insights through a data collection rule associated with the cluster. */
function containerInsightsRule(input: BaselineResources): Judgement {
  const cluster = input.cluster;
  if (!cluster) return notObserved('no managed cluster in the input');
  const associations = input.dataCollectionRuleAssociations;
  if (!associations)
    return about(
      cluster,
      notObserved(
        "the cluster's data collection rule associations were not read",
      ),
    );
  const findings: Finding[] = [];
  const auth = authFinding(input);
  if (auth) findings.push(auth);
  const described: string[] = [];
  let collecting = false;
  for (const association of associations) {
    const ruleId = asString(
      readArm(association, 'properties.dataCollectionRuleId'),
    );
    if (!ruleId) continue;
    const rule = input.dataCollectionRules?.find(r => refersTo(ruleId, r));
    if (!rule) {
      described.push(
        `${resourceLabel(association)} -> ${referenceName(
          ruleId,
        )} (rule not read)`,
      );
      findings.push({
        status: 'not-observed',
        reason: `the rule ${ruleId} the association ${resourceLabel(
          association,
        )} names was not read`,
      });
      continue;
    }
    const streams = containerInsightsStreamsToWorkspace(rule);
    described.push(
      `${resourceLabel(association)} -> ${resourceLabel(rule)} (${
        streams.length
          ? `ContainerInsights to a workspace: ${streams.join(', ')}`
          : 'no ContainerInsights stream to a workspace'
      })`,
    );
    if (streams.length) collecting = true;
  }
  const found = described.join('; ') || '(no association)';
  if (collecting)
    return about(
      cluster,
      judge(
        found,
        findings.filter(f => f.status !== 'not-observed'),
        'Container insights collects through its associated rule',
      ),
    );
  findings.push({
    status: findings.some(f => f.status === 'not-observed')
      ? 'not-observed'
      : 'fail',
    reason: `no data collection rule with the ${CONTAINER_INSIGHTS_EXTENSION} extension sending to a Log Analytics workspace is associated with the cluster: with managed identity auth the monitoring agent collects what such a rule names, so the add-on flag alone collects nothing; create the rule (dataSources.extensions ContainerInsights, streams such as Microsoft-ContainerLogV2, a dataFlow to the workspace) and a Microsoft.Insights/dataCollectionRuleAssociations on the cluster (az aks enable-addons -a monitoring --workspace-resource-id <id> creates both; ${CONTAINER_INSIGHTS_DOC})`,
  });
  return about(cluster, judge(found, findings));
}

/** The NSGs of the subnets of the cluster's VNets, as references (ids or template expressions). */
function clusterNetworkSecurityGroups(input: BaselineResources): string[] {
  if (!input.cluster) return [];
  const vnets = clusterVirtualNetworks(input.cluster);
  const inClusterVnets = (input.virtualNetworks ?? []).filter(vnet =>
    vnets.some(v => refersTo(v.id ?? v.name, vnet)),
  );
  const subnets = [
    ...inClusterVnets.flatMap(vnet => readArmList(vnet, 'properties.subnets')),
    ...(input.subnets ?? []).filter(subnet => {
      const vnet = virtualNetworkOfSubnet(asString(readArm(subnet, 'id')));
      return !!vnet && vnets.some(v => sameText(v.name, vnet.name));
    }),
  ];
  const nsgs = subnets
    .map(subnet =>
      asString(readArm(subnet, 'properties.networkSecurityGroup.id')),
    )
    .filter((id): id is string => !!id);
  return nsgs.filter(
    (id, index) => nsgs.findIndex(other => sameText(other, id)) === index,
  );
}

const APP_GATEWAY_CATEGORIES = [
  ['ApplicationGatewayAccessLog'],
  ['ApplicationGatewayPerformanceLog'],
  ['ApplicationGatewayFirewallLog'],
];
const KEY_VAULT_CATEGORIES = [['AuditEvent']];
const NSG_CATEGORIES = [
  ['NetworkSecurityGroupEvent'],
  ['NetworkSecurityGroupRuleCounter'],
];

function resourceDiagnostics(
  input: BaselineResources,
  target: unknown,
  label: string,
  required: ReadonlyArray<readonly string[]>,
): { label: string; judgement: Judgement } {
  const read = settingsOf(input, target, label);
  const judgement =
    'judgement' in read
      ? read.judgement
      : categoriesJudgement(
          read.settings,
          required,
          missing =>
            `${missing.join(
              ', ',
            )} not sent to a Log Analytics workspace; ${diagnosticsCommand(
              typeof target === 'string' ? target : idOrName(target),
              missing,
            )}`,
        );
  return {
    label,
    judgement:
      typeof target === 'string' ? judgement : about(target, judgement),
  };
}

/** LOG-03: App Gateway, Key Vault and NSG diagnostics reach a workspace. */
function edgeDiagnostics(input: BaselineResources): Judgement {
  if (!input.cluster) return notObserved('no managed cluster in the input');
  const items: Array<{ label: string; judgement: Judgement }> = [];
  const unread = (label: string, what: string) =>
    items.push({ label, judgement: notObserved(`${what} were not read`) });
  if (!input.applicationGateways) unread('App Gateway', 'the gateways');
  if (!input.keyVaults) unread('Key Vault', 'the vaults');
  if (!input.virtualNetworks && !input.subnets)
    unread('NSGs', "the cluster's VNet and its subnets' NSGs");
  for (const gateway of input.applicationGateways ?? [])
    items.push(
      resourceDiagnostics(
        input,
        gateway,
        `App Gateway ${resourceLabel(gateway)}`,
        APP_GATEWAY_CATEGORIES,
      ),
    );
  for (const vault of input.keyVaults ?? [])
    items.push(
      resourceDiagnostics(
        input,
        vault,
        `Key Vault ${resourceLabel(vault)}`,
        KEY_VAULT_CATEGORIES,
      ),
    );
  for (const nsg of clusterNetworkSecurityGroups(input))
    items.push(
      resourceDiagnostics(
        input,
        nsg,
        `NSG ${referenceName(nsg) ?? nsg}`,
        NSG_CATEGORIES,
      ),
    );
  if (items.length === 0)
    return notObserved(
      'no App Gateway, Key Vault or NSG of the cluster in the input',
    );
  return combine(items);
}

export const telemetryEvaluators: ControlEvaluators = {
  'LOG-01': controlPlaneAudit,
  'LOG-02': containerInsightsRule,
  'LOG-03': edgeDiagnostics,
};
