import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  ClusterDetails,
  KubernetesServiceLocator,
} from '@backstage/plugin-kubernetes-node';
import { clusterPagesLocator } from './clusterPagesLocator';

const cluster = (name: string): ClusterDetails => ({
  name,
  url: `https://${name}.hcp.eastus2.azmk8s.io`,
  authMetadata: { 'kubernetes.io/auth-provider': 'aks' },
});
const fleet = [cluster('aks-a-1a2b3c4d'), cluster('aks-b'), cluster('aks-c')];

const context = {
  objectTypesToFetch: new Set<any>(),
  customResources: [],
  credentials: mockCredentials.user(),
};

/** What kubernetes.serviceLocatorMethod multiTenant does: every cluster. */
const multiTenant: KubernetesServiceLocator = {
  getClustersByEntity: async () => ({ clusters: fleet }),
};

const entity = (kind: string, name: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name },
  spec: { type, owner: 'group:default/team-a' },
});

describe('clusterPagesLocator', () => {
  const locator = clusterPagesLocator(multiTenant, {
    getClusters: async () => fleet,
  });

  it('gives a cluster entity its own cluster only (named after the entity, as the catalog locator names it)', async () => {
    const page = entity('Resource', 'aks-a-1a2b3c4d', 'kubernetes-cluster');
    expect(
      (await locator.getClustersByEntity(page, context)).clusters.map(
        c => c.name,
      ),
    ).toEqual(['aks-a-1a2b3c4d']);
    // A cluster entity the suppliers do not know: nothing, not the fleet.
    const unknown = entity('resource', 'aks-z', 'kubernetes-cluster');
    expect(
      (await locator.getClustersByEntity(unknown, context)).clusters,
    ).toEqual([]);
  });

  it('leaves every other entity to the configured locator', async () => {
    for (const other of [
      entity('Component', 'inventory-api', 'service'),
      entity('Resource', 'aks-a-1a2b3c4d', 'database'),
    ]) {
      expect(
        (await locator.getClustersByEntity(other, context)).clusters,
      ).toEqual(fleet);
    }
  });
});
