import {
  ArmResource,
  parseManagedClusterId,
  policyAssignmentAppliesTo,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { InventoryIndex } from './inventoryIndex';

/**
 * The policy assignments in force on a cluster (GOV-01): of its own
 * subscription's list, those whose scope is at or above the cluster and
 * whose notScopes leave it in. One list per subscription serves every
 * cluster in it.
 */
export function policyAssignmentsOfCluster(
  cluster: ArmResource,
  index: InventoryIndex,
): ArmResource[] {
  const id = cluster.id ?? '';
  const parts = parseManagedClusterId(id);
  if (!parts) return [];
  return index
    .policyAssignmentsListedIn(parts.subscriptionId)
    .filter(assignment => policyAssignmentAppliesTo(assignment, id));
}
