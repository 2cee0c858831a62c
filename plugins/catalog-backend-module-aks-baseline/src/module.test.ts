import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
} from '@backstage/plugin-catalog-node';
import {
  aksBaselineDiscoveredClustersServiceRef,
  DiscoveredClusterList,
  DiscoveredClustersHub,
} from '@aks-baseline/plugin-aks-baseline-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { discoveredCluster } from './__testUtils__/clusters';
import { eventually } from './__testUtils__/eventually';
import { clusterEntityName } from './clusterEntity';
import { catalogModuleAksBaseline } from './module';

// Its CA came from listClusterUserCredential at the backend's refresh.
const alpha = discoveredCluster('aks-alpha', {
  certificateAuthorityData: Buffer.from(
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  ).toString('base64'),
});
const bravo = discoveredCluster('aks-bravo');
const handWrittenCluster = discoveredCluster('aks-charlie');
const delta = discoveredCluster('aks-delta', {
  resourceGroup: 'rg-other',
  location: 'westeurope',
});

const HAND_WRITTEN_LOCATION = 'url:https://example.com/catalog-info.yaml';

/** A cluster someone described by hand, as a catalog-info.yaml would. */
const handWritten: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'charlie-by-hand',
    annotations: {
      [ANNOTATION_LOCATION]: HAND_WRITTEN_LOCATION,
      [ANNOTATION_ORIGIN_LOCATION]: HAND_WRITTEN_LOCATION,
      // ARM ids are case-insensitive; people type them in any case.
      'aks-baseline.io/resource-id':
        handWrittenCluster.resourceId.toUpperCase(),
    },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/team-c' },
};

const handWrittenModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'hand-written-test',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        const provider: EntityProvider = {
          getProviderName: () => 'hand-written-test',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: [
                { entity: handWritten, locationKey: HAND_WRITTEN_LOCATION },
              ],
            }),
        };
        catalog.addEntityProvider(provider);
      },
    });
  },
});

// Starting the real catalog backend (migrations, processing loop) takes
// several seconds on a loaded machine: past jest's default 5 s.
jest.setTimeout(60_000);

describe('catalogModuleAksBaseline with the catalog backend', () => {
  it('adds discovered clusters, applies deltas, and yields to hand-written entities', async () => {
    let fleet: DiscoveredClusterList | undefined;
    const hub = new DiscoveredClustersHub(error => {
      throw error;
    });
    hub.setReader(async () => fleet);
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleAksBaseline,
        handWrittenModule,
        createServiceFactory({
          service: aksBaselineDiscoveredClustersServiceRef,
          deps: {},
          factory: () => hub,
        }),
      ],
    });

    const clusterEntities = async () => {
      const response = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: 'kind=resource,spec.type=kubernetes-cluster' })
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      return new Map<string, Entity>(
        (response.body.items as Entity[]).map(e => [e.metadata.name, e]),
      );
    };

    await eventually(async () =>
      expect((await clusterEntities()).has('charlie-by-hand')).toBe(true),
    );

    fleet = { runId: 1, clusters: [alpha, bravo, handWrittenCluster] };
    await hub.refreshed();
    const first = await eventually(async () => {
      const entities = await clusterEntities();
      expect([...entities.keys()].sort()).toEqual(
        [
          clusterEntityName(alpha),
          clusterEntityName(bravo),
          'charlie-by-hand',
        ].sort(),
      );
      return entities;
    });
    // The catalog accepted them whole: its processors ran (relations exist).
    expect(first.get(clusterEntityName(alpha))?.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'ownedBy',
          targetRef: 'group:default/unknown',
        }),
      ]),
    );

    // What the Kubernetes backend's catalog cluster locator asks the catalog
    // for (plugin-kubernetes-backend 0.21: kind, type and three annotations
    // present): alpha, whose CA the backend published, and no other.
    const located = await request(server)
      .get('/api/catalog/entities/by-query')
      .query({
        filter: [
          'kind=Resource',
          'spec.type=kubernetes-cluster',
          'metadata.annotations.kubernetes.io/api-server',
          'metadata.annotations.kubernetes.io/api-server-certificate-authority',
          'metadata.annotations.kubernetes.io/auth-provider',
        ].join(','),
      })
      .set('Authorization', mockCredentials.user.header());
    expect((located.body.items as Entity[]).map(e => e.metadata.name)).toEqual([
      clusterEntityName(alpha),
    ]);

    // bravo deleted in Azure, alpha re-tagged, delta created.
    fleet = {
      runId: 2,
      previousRunId: 1,
      clusters: [
        { ...alpha, tags: { owner: 'team-a' } },
        handWrittenCluster,
        delta,
      ],
    };
    await hub.refreshed();
    await eventually(async () => {
      const entities = await clusterEntities();
      expect([...entities.keys()].sort()).toEqual(
        [
          clusterEntityName(alpha),
          'charlie-by-hand',
          clusterEntityName(delta),
        ].sort(),
      );
      expect(entities.get(clusterEntityName(alpha))?.spec?.owner).toBe(
        'group:default/team-a',
      );
      expect(entities.get(clusterEntityName(delta))?.metadata.labels).toEqual(
        expect.objectContaining({ 'aks-baseline.io/region': 'westeurope' }),
      );
    });
  });
});
