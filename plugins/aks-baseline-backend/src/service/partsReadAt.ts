import {
  ArmResource,
  ClusterSnapshot,
  normalizeArmResourceId,
  SnapshotPartsReadAt,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { SlowTierReadTimes } from '../inventory';
import { parseKeyVaultSecretId } from '../resolver';

/**
 * When each part of a cluster's snapshot was read: topology now, the
 * certificates when the oldest listing of their vaults was, the governance
 * and telemetry settings when the cluster's oldest such list was (its
 * maintenance, diagnostic and association lists, and its subscription's
 * policy assignment and data collection rule lists). A part
 * with nothing read from the slow tier has no time. Without a slow tier
 * (no times) every part was read by this refresh.
 */
export function partsReadAt(
  snapshot: ClusterSnapshot,
  inventory: { keyVaults: ArmResource[]; slowTierReadAt?: SlowTierReadTimes },
  refreshedAt: Date,
): SnapshotPartsReadAt {
  const readAt = inventory.slowTierReadAt;
  const topology = refreshedAt.toISOString();
  if (!readAt) {
    return { topology, certificates: topology, governance: topology };
  }
  const vaultIds = vaultIdsByName(inventory.keyVaults);
  const certificateVaults = snapshot.certificates.flatMap(c => {
    const parsed = c.keyVaultSecretId
      ? parseKeyVaultSecretId(c.keyVaultSecretId)
      : undefined;
    const id = parsed && vaultIds.get(parsed.vaultName.toLowerCase());
    return id ? [id] : [];
  });
  const clusterId = normalizeArmResourceId(snapshot.resourceId);
  // `/subscriptions/<id>/...`, lower-cased as the slow tier keys it.
  const subscription = clusterId.split('/')[2];
  return {
    topology,
    certificates: oldest(certificateVaults.map(id => readAt.vaultSecrets[id])),
    governance: oldest([
      readAt.maintenanceConfigurations[clusterId],
      readAt.diagnosticSettings[clusterId],
      readAt.dataCollectionRuleAssociations[clusterId],
      // Subscription-wide: the list of the cluster's own subscription holds
      // the assignments above and in it, and the rules its associations name.
      readAt.policyAssignments?.[subscription],
      readAt.dataCollectionRules?.[subscription],
    ]),
  };
}

// Per vault list, built once: rebuilding it for each cluster grew with
// clusters x vaults (at 10,000 clusters, 10^8 normalised ids per refresh).
const vaultIndexes = new WeakMap<readonly ArmResource[], Map<string, string>>();

/** Lower-cased vault name -> normalised vault id. */
function vaultIdsByName(vaults: readonly ArmResource[]): Map<string, string> {
  let ids = vaultIndexes.get(vaults);
  if (!ids) {
    ids = new Map(
      vaults.flatMap(v =>
        v.id && v.name
          ? [[v.name.toLowerCase(), normalizeArmResourceId(v.id)] as const]
          : [],
      ),
    );
    vaultIndexes.set(vaults, ids);
  }
  return ids;
}

/** ISO times compare as strings. */
function oldest(times: Array<string | undefined>): string | undefined {
  const known = times.filter((t): t is string => !!t).sort();
  return known[0];
}
