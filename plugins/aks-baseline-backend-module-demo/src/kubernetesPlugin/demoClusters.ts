import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import {
  ANNOTATION_RESOURCE_ID,
  parseManagedClusterId,
} from '@aks-baseline/plugin-aks-baseline-common';
import { DISCOVERED_CLUSTERS_LOCATION } from '@aks-baseline/plugin-aks-baseline-node';
import { DEMO_TOKEN, DemoKubernetes } from '../demoKubernetes';

/**
 * The clusters the demo's fixture API server serves, as the Kubernetes
 * backend needs them. Their ARM names (`*.azmk8s.io`) resolve nowhere in the
 * demo, so their address is the fixture's loopback URL and their CA the one
 * the fixture made at start, exactly what `listClusterUserCredential`'s
 * kubeconfig gives the AKS baseline backend.
 *
 * Auth: the Kubernetes backend's built-in `serviceAccount` strategy with the
 * fixture's public test token. A custom strategy name would not do: the
 * plugin's frontend knows a fixed list of auth providers and fails the whole
 * tab on any other. The token stays in the backend (the `/clusters` route
 * presents no auth metadata for this strategy) and in no catalog entity.
 */
export async function demoClusterDetails(
  kubernetes: DemoKubernetes,
  entityNames: Map<string, string> = new Map(),
): Promise<ClusterDetails[]> {
  const endpoints = await kubernetes.reachableEndpoints();
  return endpoints.map(endpoint => ({
    // As the catalog locator names a cluster: after its entity.
    name: entityNames.get(endpoint.name.toLowerCase()) ?? endpoint.name,
    title: `${endpoint.name} (demo fixture API server)`,
    url: endpoint.server,
    caData: Buffer.from(endpoint.caPem).toString('base64'),
    authMetadata: {
      'kubernetes.io/auth-provider': 'serviceAccount',
      serviceAccountToken: DEMO_TOKEN,
    },
    // The fixture serves no metrics.k8s.io.
    skipMetricsLookup: true,
  }));
}

/**
 * The name of the catalog entity describing each managed cluster, by
 * lower-cased ARM cluster name: a hand-written entity where there is one,
 * else the catalog module's discovered one (as the catalog module decides).
 */
export function entityNamesOf(entities: Entity[]): Map<string, string> {
  const names = new Map<string, string>();
  const discoveredLast = [...entities].sort(
    (a, b) => Number(isDiscovered(b)) - Number(isDiscovered(a)),
  );
  for (const entity of discoveredLast) {
    const id = entity.metadata.annotations?.[ANNOTATION_RESOURCE_ID];
    const name = id && parseManagedClusterId(id)?.name;
    if (name) names.set(name.toLowerCase(), entity.metadata.name);
  }
  return names;
}

function isDiscovered(entity: Entity): boolean {
  return (
    entity.metadata.annotations?.['backstage.io/managed-by-origin-location'] ===
    DISCOVERED_CLUSTERS_LOCATION
  );
}

/**
 * The configured suppliers' clusters (the catalog locator's, in this app)
 * followed by the demo's, so a real cluster entity keeps working next to the
 * demo. The demo's are named after their catalog entities, as the catalog
 * locator would name them, so a cluster page finds its own cluster
 * (`kubernetesModuleAksBaselineClusterPages`).
 */
export function withDemoClusters(
  configured: KubernetesClustersSupplier,
  kubernetes: DemoKubernetes,
  clusterEntities: () => Promise<Entity[]> = async () => [],
): KubernetesClustersSupplier {
  return {
    async getClusters(options) {
      const [fromConfig, fromDemo] = await Promise.all([
        configured.getClusters(options),
        clusterEntities().then(entities =>
          demoClusterDetails(kubernetes, entityNamesOf(entities)),
        ),
      ]);
      const names = new Set(fromConfig.map(c => c.name));
      return [...fromConfig, ...fromDemo.filter(c => !names.has(c.name))];
    },
  };
}
