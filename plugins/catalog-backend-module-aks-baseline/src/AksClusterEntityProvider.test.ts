import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DiscoveredAksCluster,
  DiscoveredClusterList,
  DiscoveredClustersHub,
} from '@aks-baseline/plugin-aks-baseline-node';
import { discoveredCluster } from './__testUtils__/clusters';
import { AksClusterEntityProvider } from './AksClusterEntityProvider';
import { clusterEntityName } from './clusterEntity';
import { providerConfigSchema } from './config';

/** The provider on a hub whose fleet the test sets, recording every mutation. */
function setUp(catalogEntities: Entity[] = []) {
  let fleet: DiscoveredClusterList | undefined;
  const hub = new DiscoveredClustersHub(error => {
    throw error;
  });
  hub.setReader(async () => fleet);
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  const provider = new AksClusterEntityProvider({
    config: providerConfigSchema.parse({}),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth(),
    catalog: {
      // Reads the array at each call, so a test can add entities later.
      getEntities: (request, options) =>
        catalogServiceMock({ entities: catalogEntities }).getEntities(
          request,
          options,
        ),
    },
    discoveredClusters: hub,
  });
  const publish = async (list: DiscoveredClusterList) => {
    fleet = list;
    await hub.refreshed();
  };
  return { provider, connection, mutations, publish };
}

const names = (entities: Array<{ entity: Entity } | { entityRef: string }>) =>
  entities
    .map(e => ('entity' in e ? e.entity.metadata.name : e.entityRef))
    .sort();

const fleetOf = (
  runId: number,
  previousRunId: number | undefined,
  clusters: DiscoveredAksCluster[],
): DiscoveredClusterList => ({ runId, previousRunId, clusters });

const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(n => discoveredCluster(n));

describe('AksClusterEntityProvider', () => {
  it('applies a full mutation first, then deltas of exactly the changed clusters', async () => {
    const { provider, connection, mutations, publish } = setUp();
    await provider.connect(connection);
    await publish(fleetOf(1, undefined, [a, b, c]));
    await publish(fleetOf(2, 1, [a, { ...b, tags: { owner: 'team-b' } }, d]));
    // Nothing changed: no mutation at all.
    await publish(fleetOf(3, 2, [a, { ...b, tags: { owner: 'team-b' } }, d]));

    expect(mutations).toHaveLength(2);
    const [full, delta] = mutations;
    expect(full.type).toBe('full');
    expect(full.type === 'full' && names(full.entities)).toEqual(
      [a, b, c].map(clusterEntityName).sort(),
    );
    expect(delta.type).toBe('delta');
    if (delta.type !== 'delta') throw new Error('expected a delta');
    expect(names(delta.added)).toEqual([b, d].map(clusterEntityName).sort());
    expect(names(delta.removed)).toEqual([clusterEntityName(c)]);
    expect(
      delta.added.find(e => e.entity.metadata.name === clusterEntityName(b))
        ?.entity.spec?.owner,
    ).toBe('group:default/team-b');
  });

  it('takes the list whole when it missed a refresh (another replica applied it)', async () => {
    const { provider, connection, mutations, publish } = setUp();
    await provider.connect(connection);
    await publish(fleetOf(1, undefined, [a, b]));
    await publish(fleetOf(5, 4, [a]));
    expect(mutations.map(m => m.type)).toEqual(['full', 'full']);
    const last = mutations[1];
    expect(last.type === 'full' && names(last.entities)).toEqual([
      clusterEntityName(a),
    ]);
  });

  it('leaves out clusters a hand-written entity carries, but not its own', async () => {
    const handWritten: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'b-by-hand',
        annotations: { 'aks-baseline.io/resource-id': b.resourceId },
      },
      spec: { type: 'kubernetes-cluster', owner: 'team-b' },
    };
    const { provider, connection, mutations, publish } = setUp([handWritten]);
    await provider.connect(connection);
    await publish(fleetOf(1, undefined, [a, b]));
    const run = await provider.apply(fleetOf(1, undefined, [a, b]));
    expect(run?.claimedByOthers).toEqual([b.resourceId.toLowerCase()]);
    expect(
      mutations[0].type === 'full' && names(mutations[0].entities),
    ).toEqual([clusterEntityName(a)]);
  });

  it('gives a cluster up to a hand-written entity that appears after the refresh', async () => {
    const catalogEntities: Entity[] = [];
    const { provider, connection, mutations, publish } = setUp(catalogEntities);
    await provider.connect(connection);
    await publish(fleetOf(1, undefined, [a, b]));
    catalogEntities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'a-by-hand',
        annotations: { 'aks-baseline.io/resource-id': a.resourceId },
      },
      spec: { type: 'kubernetes-cluster', owner: 'team-a' },
    });
    await provider.recheckClaims();
    // Unchanged claims: no mutation.
    await provider.recheckClaims();

    expect(mutations.map(m => m.type)).toEqual(['full', 'delta']);
    const withdrawal = mutations[1];
    if (withdrawal.type !== 'delta') throw new Error('expected a delta');
    expect(withdrawal.added).toEqual([]);
    expect(names(withdrawal.removed)).toEqual([clusterEntityName(a)]);
  });
});
