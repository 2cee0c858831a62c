import {
  type ArmResource,
  asString,
  type BaselineResources,
  normalizeArmResourceId,
  readArm,
  readArmList,
  type ResourceDiagnosticSettings,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';

/** What LOG-01..03 are judged on for one cluster. */
export type TelemetryInputs = Pick<
  BaselineResources,
  | 'diagnosticSettings'
  | 'dataCollectionRuleAssociations'
  | 'dataCollectionRules'
>;

/** The NSGs of the subnets of the cluster's VNet (ids as the subnets name them). */
export function networkSecurityGroups(vnet: ArmResource | undefined): string[] {
  const ids = readArmList(vnet, 'subnets')
    .map(subnet => asString(readArm(subnet, 'networkSecurityGroup.id')))
    .filter((id): id is string => !!id);
  return [...new Map(ids.map(id => [id.toLowerCase(), id])).values()];
}

function diagnosticsOf(
  resourceId: string,
  index: InventoryIndex,
): ResourceDiagnosticSettings {
  const settings = index.diagnosticSettingsOf(resourceId);
  if (settings) return { resourceId, settings };
  const error = (index.inventory.errors ?? []).find(
    e =>
      e.kind === 'resource' &&
      e.scope.toLowerCase() === resourceId.toLowerCase(),
  );
  return {
    resourceId,
    unavailableReason: error
      ? `its diagnostic settings could not be read: ${error.message}`
      : "its diagnostic settings were not read (not among the inventory's telemetry targets)",
  };
}

/**
 * The diagnostic settings of the cluster, its gateways, its vaults and the
 * NSGs of its VNet, its data collection rule associations and the rules
 * listed. Absent when the inventory read none of them (an inventory from
 * before they were read).
 */
export function telemetryInputs(
  cluster: ArmResource,
  related: {
    gateways: ArmResource[];
    vaults: ArmResource[];
    vnet?: ArmResource;
  },
  index: InventoryIndex,
): TelemetryInputs {
  const { inventory } = index;
  const targets = [
    cluster.id!,
    ...related.gateways.map(g => g.id!),
    ...related.vaults.map(v => v.id!),
    ...networkSecurityGroups(related.vnet),
  ].filter(Boolean);
  return {
    diagnosticSettings: inventory.diagnosticSettings
      ? targets.map(id => diagnosticsOf(id, index))
      : undefined,
    dataCollectionRuleAssociations: inventory.dataCollectionRuleAssociations
      ? index.dataCollectionRuleAssociationsOf(cluster.id!)
      : undefined,
    dataCollectionRules: rulesNamedBy(
      index.dataCollectionRuleAssociationsOf(cluster.id!) ?? [],
      index.dataCollectionRules(),
    ),
  };
}

// Per rule list, built once: the whole list for every cluster made LOG-02
// grow with clusters x rules (10,000 x 10,000 at ten thousand clusters).
const rulesById = new WeakMap<
  readonly ArmResource[],
  Map<string, ArmResource>
>();

/**
 * The rules the cluster's associations name (by id, as ARM returns them);
 * the whole list when one names its rule otherwise, for the control to match.
 */
function rulesNamedBy(
  associations: ArmResource[],
  rules: ArmResource[],
): ArmResource[] {
  let byId = rulesById.get(rules);
  if (!byId) {
    byId = new Map(
      rules.flatMap(r => (r.id ? [[normalizeArmResourceId(r.id), r]] : [])),
    );
    rulesById.set(rules, byId);
  }
  const named: ArmResource[] = [];
  for (const association of associations) {
    const ruleId = asString(
      readArm(association, 'properties.dataCollectionRuleId'),
    );
    if (!ruleId) continue;
    if (!ruleId.startsWith('/subscriptions/')) return rules;
    const rule = byId.get(normalizeArmResourceId(ruleId));
    if (rule && !named.includes(rule)) named.push(rule);
  }
  return named;
}
