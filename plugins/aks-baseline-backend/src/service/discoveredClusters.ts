import {
  ArmResource,
  asString,
  ClusterArmFacts,
  ClusterSnapshot,
  readArm,
} from '@aks-baseline/plugin-aks-baseline-common';
import type {
  DiscoveredAksCluster,
  DiscoveredClusterList,
} from '@aks-baseline/plugin-aks-baseline-node';
import type { SnapshotStore } from '../store/SnapshotStore';

/**
 * What the catalog needs of a managed cluster: its ARM resource, and the CA
 * of the kubeconfig `listClusterUserCredential` returned at this refresh.
 */
export function armFactsOf(
  cluster: ArmResource,
  certificateAuthorityData?: string,
): ClusterArmFacts {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(cluster.tags ?? {})) {
    if (typeof value === 'string') tags[key] = value;
  }
  return {
    apiServerFqdn: asString(readArm(cluster, 'fqdn')),
    privateApiServerFqdn: asString(readArm(cluster, 'privateFQDN')),
    ...(certificateAuthorityData && { certificateAuthorityData }),
    tags,
  };
}

/**
 * The fleet the store holds, as the discovered-clusters service publishes
 * it: every stored cluster (stale ones too: a failed listing is not a
 * deletion), and the two latest runs so a consumer knows whether it may
 * apply the difference.
 */
export async function readDiscoveredClusters(
  store: Pick<SnapshotStore, 'streamClusters' | 'latestRuns'>,
): Promise<DiscoveredClusterList | undefined> {
  const [latest, previous] = await store.latestRuns(2);
  if (latest?.id === undefined) return undefined;
  // Row by row: after each refresh, never the whole fleet's snapshots at once.
  const clusters: DiscoveredAksCluster[] = [];
  for await (const c of store.streamClusters<ClusterSnapshot>()) {
    clusters.push({
      resourceId: c.snapshot.resourceId || c.resourceId,
      name: c.name,
      subscriptionId: c.subscriptionId,
      resourceGroup: c.resourceGroup,
      location: c.location,
      apiServerFqdn: c.snapshot.armFacts?.apiServerFqdn,
      privateApiServerFqdn: c.snapshot.armFacts?.privateApiServerFqdn,
      certificateAuthorityData: c.snapshot.armFacts?.certificateAuthorityData,
      tags: c.snapshot.armFacts?.tags ?? {},
      stale: c.stale,
    });
  }
  return { runId: latest.id, previousRunId: previous?.id, clusters };
}
