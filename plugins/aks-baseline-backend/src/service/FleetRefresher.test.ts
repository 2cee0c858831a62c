import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  type ArmFixtureFault,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  buildDemoEstate,
  DEMO_SUBSCRIPTIONS,
  DemoConnection,
} from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { ConfigReader } from '@backstage/config';
import { readPluginConfig } from '../config/pluginConfig';
import {
  azureAccess,
  createKubernetesFleetReader,
} from '../sources/clusterSources';
import { DEFAULT_EXPIRY_THRESHOLDS } from '@aks-baseline/plugin-aks-baseline-common';
import { attachServedCertificates } from '../tls/servedCertificates';
import { SnapshotStore } from '../store/SnapshotStore';
import {
  ClusterSelection,
  FleetRefresher,
  FleetRefresherOptions,
} from './FleetRefresher';
import { fixtureCollector } from '../__testUtils__/fixtureCollector';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const NOW = new Date('2026-11-26T12:00:00Z');
const SUBSCRIPTIONS = Object.values(DEMO_SUBSCRIPTIONS);
const everything: ClusterSelection = {
  all: true,
  ids: new Set(),
  subscriptions: SUBSCRIPTIONS,
  entityRefs: new Map(),
};

/** A refresher over the demo estate at NOW; `options` replace any part. */
function demoRefresher(
  store: SnapshotStore,
  options: Partial<FleetRefresherOptions> = {},
) {
  return new FleetRefresher({
    store,
    logger: mockServices.logger.mock(),
    select: async () => everything,
    collect: fixtureCollector(() => buildDemoEstate(NOW)),
    thresholds: DEFAULT_EXPIRY_THRESHOLDS,
    kubernetesUnavailableReason: 'not read in this test',
    now: () => NOW,
    ...options,
  });
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await SnapshotStore.create({
    database: mockServices.database({ knex }),
  });
  let faults: ArmFixtureFault[] = [];
  let clock = NOW;
  const refresher = demoRefresher(store, {
    collect: fixtureCollector(
      () => buildDemoEstate(NOW),
      () => faults,
    ),
    now: () => clock,
  });
  return {
    store,
    refresher,
    failWith: (next: ArmFixtureFault[]) => {
      faults = next;
    },
    advance: (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

describe('FleetRefresher', () => {
  it('refreshes every cluster of the estate from one inventory', async () => {
    const { refresher, store } = await setup();

    const outcome = await refresher.refresh();

    expect(outcome).toMatchObject({
      status: 'succeeded',
      clusterCount: 5,
      errors: [],
    });
    // 14 resource types in each of 2 subscriptions, then one secrets list
    // per vault, one rule collection group list per firewall policy, one
    // maintenance configurations list per cluster, and the telemetry reads
    // (LOG-01..03): per cluster its diagnostic settings and rule
    // associations, the diagnostic settings of each gateway and vault, and
    // of the generated stamp's four NSGs (the hand-built stamps have none).
    expect(outcome.requestCount).toBe(15 * 2 + 5 + 2 + 5 + 5 * 2 + 5 + 5 + 4);
    expect((await store.listClusters()).map(c => c.name)).toEqual([
      'aks-dev-neu',
      'aks-generated-weu',
      'aks-legacy-neu',
      'aks-prod-weu',
      'aks-staging-weu',
    ]);
  });

  it('keeps the last good data of a subscription that answers 403, marked stale, and refreshes the rest', async () => {
    const { refresher, store, failWith, advance } = await setup();
    await refresher.refresh();
    advance(60 * 60 * 1000);
    failWith([
      {
        match: url =>
          url.pathname
            .toLowerCase()
            .startsWith(
              `/subscriptions/${DEMO_SUBSCRIPTIONS.nonProd}/providers/microsoft.containerservice`,
            ),
        status: 403,
      },
    ]);

    const outcome = await refresher.refresh();

    expect(outcome.status).toBe('partial');
    expect(outcome.errors).toEqual([
      expect.objectContaining({
        kind: 'subscription',
        scope: DEMO_SUBSCRIPTIONS.nonProd,
        status: 403,
      }),
    ]);
    const clusters = await store.listClusters();
    const byName = Object.fromEntries(clusters.map(c => [c.name, c]));
    expect(byName['aks-legacy-neu']).toMatchObject({
      stale: true,
      refreshedAt: NOW,
    });
    expect(byName['aks-legacy-neu'].staleReason).toMatch(/403/);
    expect(byName['aks-dev-neu'].stale).toBe(true);
    expect(byName['aks-prod-weu']).toMatchObject({
      stale: false,
      refreshedAt: new Date(NOW.getTime() + 60 * 60 * 1000),
    });
  });

  it('attaches a vault that cannot be listed to the clusters whose certificates live there', async () => {
    const { refresher, store, failWith } = await setup();
    failWith([
      {
        match: url => url.pathname.includes('/vaults/kv-aks-prod-weu/secrets'),
        status: 403,
      },
    ]);

    await refresher.refresh();

    const prod = await store.getCluster<any>(
      `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-aks-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu`,
    );
    expect(prod!.snapshot.errors).toEqual([
      expect.objectContaining({
        kind: 'vault',
        scope: expect.stringContaining('kv-aks-prod-weu'),
      }),
    ]);
    expect(prod!.snapshot.certificates[0]).toMatchObject({ status: 'unknown' });
    expect(prod!.snapshot.certificates[0].error).toMatch(/403/);
    const staging = await store.getCluster<any>(
      `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-aks-staging-weu/providers/Microsoft.ContainerService/managedClusters/aks-staging-weu`,
    );
    expect(staging!.snapshot.certificates[0].status).toBe('ok');
  });

  it('records a failed run and keeps every cluster when the inventory itself fails', async () => {
    const { refresher, store } = await setup();
    await refresher.refresh();
    const failing = demoRefresher(store, {
      collect: async () => {
        throw new Error('credential unavailable: no managed identity');
      },
    });

    const outcome = await failing.refresh();

    expect(outcome.status).toBe('failed');
    expect((await store.latestRun())?.status).toBe('failed');
    const clusters = await store.listClusters();
    expect(clusters).toHaveLength(5);
    expect(
      clusters.every(
        c => c.stale && c.staleReason?.includes('credential unavailable'),
      ),
    ).toBe(true);
  });

  describe('abandoned by the scheduler (timeout or shutdown)', () => {
    /** A good refresh, then one whose `stage` never ends until aborted. */
    async function abandonedRun(stage: Partial<FleetRefresherOptions>) {
      const { refresher, store } = await setup();
      await refresher.refresh();
      const hanging = demoRefresher(store, stage);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const outcome = await hanging.refresh(controller.signal);
      return { outcome, store, ms: Date.now() - started };
    }

    it('stops listing Azure, records a failed run and keeps every cluster', async () => {
      const { outcome, store, ms } = await abandonedRun({
        collect: fixtureCollector(
          () => buildDemoEstate(NOW),
          () => [{ match: () => true, hang: true }],
        ),
      });

      expect(ms).toBeLessThan(5_000);
      expect(outcome.status).toBe('failed');
      const clusters = await store.listClusters();
      expect(clusters).toHaveLength(5);
      expect(clusters.every(c => c.stale)).toBe(true);
    });

    it('stops reading API servers and stores nothing of the run but its failure', async () => {
      const { outcome, store, ms } = await abandonedRun({
        readKubernetes: (_clusters, signal) =>
          new Promise(resolve =>
            signal?.addEventListener('abort', () =>
              resolve({
                results: new Map(),
                kubernetesRequestCount: 0,
                armRequestCount: 0,
              }),
            ),
          ),
      });

      expect(ms).toBeLessThan(5_000);
      expect(outcome).toMatchObject({
        status: 'failed',
        errors: [{ message: expect.stringMatching(/abandoned/) }],
      });
      const clusters = await store.listClusters();
      expect(clusters.map(c => [c.stale, c.refreshedAt])).toEqual(
        clusters.map(() => [true, NOW]),
      );
    });
  });

  it('stores what the live TLS probe saw, and a failed probe as an error of that cluster', async () => {
    const { store } = await setup();
    const probed = demoRefresher(store, {
      probeServedCertificates: snapshots =>
        attachServedCertificates(snapshots, async host => ({
          ok: false,
          error: `getaddrinfo ENOTFOUND ${host}`,
        })),
    });

    await probed.refresh();

    const prod = await store.getCluster<any>(
      `/subscriptions/${DEMO_SUBSCRIPTIONS.prod}/resourceGroups/rg-aks-prod-weu/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu`,
    );
    expect(prod!.snapshot.errors).toContainEqual({
      scope: 'payments.contoso-demo.com',
      kind: 'tls-probe',
      message: 'getaddrinfo ENOTFOUND payments.contoso-demo.com',
    });
  });

  describe('with the clusters read from their API servers', () => {
    const demo = new DemoConnection(() => NOW);
    afterAll(() => demo.close());

    /** The demo's API servers, asked with `token` instead of the demo's. */
    async function refreshReadingAs(token: string) {
      const { store } = await setup();
      const config = readPluginConfig(
        new ConfigReader({ aksBaseline: { sources: ['catalog'] } }),
      );
      const access = azureAccess(config, {
        name: 'demo with another token',
        credential: new StaticTokenCredential(token),
        openRefresh: () => demo.openRefresh(),
      });
      const refresher = demoRefresher(store, {
        readKubernetes: createKubernetesFleetReader(config, access),
      });
      return { outcome: await refresher.refresh(), store };
    }

    it('counts API servers that reject the portal as errors of the run', async () => {
      const { outcome, store } = await refreshReadingAs('expired-token');

      // aks-generated-weu, aks-prod-weu and aks-staging-weu answer 401; the
      // two private clusters out of reach are the baseline working, not errors.
      expect(outcome.status).toBe('partial');
      expect(outcome.errors).toEqual([
        expect.objectContaining({
          kind: 'kubernetes',
          scope: expect.stringMatching(/managedClusters\/aks-generated-weu$/),
          status: 401,
        }),
        expect.objectContaining({
          kind: 'kubernetes',
          scope: expect.stringMatching(/managedClusters\/aks-prod-weu$/),
          status: 401,
        }),
        expect.objectContaining({
          kind: 'kubernetes',
          scope: expect.stringMatching(/managedClusters\/aks-staging-weu$/),
          status: 401,
        }),
      ]);
      expect((await store.latestRun())?.errors).toEqual(outcome.errors);
    });

    it('counts a reader that fails as one error, every cluster keeping its ARM half', async () => {
      const { store } = await setup();
      const refresher = demoRefresher(store, {
        readKubernetes: async () => {
          throw new Error('no Entra token for the AKS server application');
        },
      });

      const outcome = await refresher.refresh();

      expect(outcome).toMatchObject({
        status: 'partial',
        clusterCount: 5,
        errors: [
          {
            kind: 'kubernetes',
            scope: 'kubernetes',
            message:
              'the Kubernetes reader failed: no Entra token for the AKS server application',
          },
        ],
      });
    });

    it('adds no error when every reachable API server answers', async () => {
      const { outcome } = await refreshReadingAs('fixture-token');

      expect(outcome).toMatchObject({ status: 'succeeded', errors: [] });
    });
  });

  describe('streamed in batches', () => {
    /** The stored clusters without the row times (runs differ only in those). */
    async function stored(store: SnapshotStore) {
      return (await store.listClusters()).map(c => ({
        name: c.name,
        stale: c.stale,
        staleReason: c.staleReason,
        snapshot: c.snapshot,
      }));
    }

    it('stores what one batch does, writing and telling each batch before resolving the next', async () => {
      const whole = await setup();
      await whole.refresher.refresh();
      const knex = await databases.init('SQLITE_3');
      const store = await SnapshotStore.create({
        database: mockServices.database({ knex }),
      });
      const written: number[] = [];
      const saveClusters = store.saveClusters.bind(store);
      store.saveClusters = async (refreshed, observedAt) => {
        written.push(refreshed.length);
        return saveClusters(refreshed, observedAt);
      };
      const told: Array<{ first: boolean; clusters: number; stored: number }> =
        [];
      const refresher = demoRefresher(store, {
        batchSize: 2,
        notifyOwners: async (clusters, batch) => {
          told.push({
            first: batch.first,
            clusters: clusters.length,
            stored: (await store.listClusterIds()).length,
          });
        },
      });

      const outcome = await refresher.refresh();

      expect(outcome).toMatchObject({ status: 'succeeded', clusterCount: 5 });
      expect(written).toEqual([2, 2, 1]);
      expect(told).toEqual([
        { first: true, clusters: 2, stored: 2 },
        { first: false, clusters: 2, stored: 4 },
        { first: false, clusters: 1, stored: 5 },
      ]);
      expect(await stored(store)).toEqual(await stored(whole.store));
      expect((await store.latestRun())?.clusterCount).toBe(5);
    });

    it('keeps each batch its own last good data when a subscription answers 403', async () => {
      const runs = await Promise.all(
        [undefined, 1].map(async batchSize => {
          const knex = await databases.init('SQLITE_3');
          const store = await SnapshotStore.create({
            database: mockServices.database({ knex }),
          });
          let faults: ArmFixtureFault[] = [];
          const refresher = demoRefresher(store, {
            batchSize,
            collect: fixtureCollector(
              () => buildDemoEstate(NOW),
              () => faults,
            ),
          });
          await refresher.refresh();
          faults = [
            {
              match: url =>
                url.pathname
                  .toLowerCase()
                  .startsWith(
                    `/subscriptions/${DEMO_SUBSCRIPTIONS.nonProd}/providers/microsoft.network`,
                  ),
              status: 403,
            },
          ];
          const outcome = await refresher.refresh();
          return { outcome, clusters: await stored(store) };
        }),
      );

      const [whole, oneByOne] = runs;
      expect(oneByOne.outcome.status).toBe('partial');
      expect(oneByOne.clusters.some(c => c.stale)).toBe(true);
      expect(oneByOne.clusters).toEqual(whole.clusters);
    });

    it('abandoned between batches, keeps what it wrote fresh and marks the rest stale', async () => {
      const { refresher, store, advance } = await setup();
      await refresher.refresh();
      advance(60 * 60 * 1000);
      const controller = new AbortController();
      const later = new Date(NOW.getTime() + 60 * 60 * 1000);
      const abandoning = demoRefresher(store, {
        batchSize: 2,
        now: () => later,
        notifyOwners: async () => controller.abort(),
      });

      const outcome = await abandoning.refresh(controller.signal);

      expect(outcome.status).toBe('failed');
      const clusters = await store.listClusters();
      expect(clusters).toHaveLength(5);
      const fresh = clusters.filter(c => !c.stale);
      expect(fresh).toHaveLength(2);
      expect(
        fresh.every(c => c.refreshedAt.getTime() === later.getTime()),
      ).toBe(true);
      expect(
        clusters
          .filter(c => c.stale)
          .every(
            c =>
              c.refreshedAt.getTime() === NOW.getTime() &&
              /abandoned/.test(c.staleReason ?? ''),
          ),
      ).toBe(true);
    });
  });

  it('shares one run between concurrent callers', async () => {
    const { refresher } = await setup();

    const [a, b] = await Promise.all([
      refresher.refresh(),
      refresher.refresh(),
    ]);

    expect(a.runId).toBe(b.runId);
  });

  it('tells owners after the save, and a notifier that fails does not fail the refresh', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
    const told: Array<{ stored: number; clusters: string[] }> = [];
    const refresher = demoRefresher(store, {
      notifyOwners: async clusters => {
        told.push({
          stored: (await store.listSummaries()).length,
          clusters: clusters.map(c => c.snapshot.name).sort(),
        });
        throw new Error('the notice ledger is down');
      },
    });

    const outcome = await refresher.refresh();

    expect(told).toEqual([
      {
        stored: 5,
        clusters: [
          'aks-dev-neu',
          'aks-generated-weu',
          'aks-legacy-neu',
          'aks-prod-weu',
          'aks-staging-weu',
        ],
      },
    ]);
    expect(outcome.status).toBe('succeeded');
  });
});
