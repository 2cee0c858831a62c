import {
  type ArmResource,
  asString,
  type BaselineResources,
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
    dataCollectionRules: index.dataCollectionRules(),
  };
}
