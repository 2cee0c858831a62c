import { mockServices } from '@backstage/backend-test-utils';
import { SnapshotStore, StoredCluster } from './SnapshotStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const { databases, supported } = createTestDatabases();

// The README's test command sets AKS_BASELINE_REQUIRE_POSTGRES so that a
// missing connection string fails loudly instead of skipping PostgreSQL.
const postgresRequired = Boolean(process.env.AKS_BASELINE_REQUIRE_POSTGRES);

it('runs against PostgreSQL when the test command requires it', () => {
  const hasPostgres = supported.some(([id]) => id.startsWith('POSTGRES_'));
  expect(hasPostgres || !postgresRequired).toBe(true);
});

it('always runs against SQLite, the embedded default', () => {
  expect(supported.map(([id]) => id)).toContain('SQLITE_3');
});

const PROD =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const DEV =
  '/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-dev/providers/Microsoft.ContainerService/managedClusters/aks-dev';

function cluster(
  resourceId: string,
  name: string,
  at: Date,
  snapshot: object = { hops: [name] },
): Omit<StoredCluster, 'stale' | 'staleReason'> {
  return {
    resourceId,
    name,
    subscriptionId: '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
    resourceGroup: `rg-${name}`,
    location: 'westeurope',
    worstStatus: 'pass',
    soonestExpiry: new Date('2027-01-31T00:00:00Z'),
    failingControls: 0,
    refreshedAt: at,
    snapshot,
  };
}

function run(at: Date, status: 'succeeded' | 'partial' = 'succeeded') {
  return {
    startedAt: new Date(at.getTime() - 1000),
    finishedAt: at,
    status,
    clusterCount: 2,
    requestCount: 12,
    errors: status === 'partial' ? [{ scope: DEV, message: 'timeout' }] : [],
  };
}

describe.each(supported)('SnapshotStore on %s', databaseId => {
  async function createStore() {
    const knex = await databases.init(databaseId);
    return SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
  }

  it('stores a refresh and reads every field back as written', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00.000Z');

    const runId = await store.saveRefresh({
      run: run(t1),
      refreshed: [
        {
          cluster: cluster(PROD, 'aks-prod', t1, { chain: ['a', { b: 1 }] }),
          certificates: [
            {
              purpose: 'edge',
              name: 'gateway-external-pfx-cert',
              secretId: 'https://kv.vault.azure.net/secrets/edge',
              notAfter: new Date('2027-01-31T00:00:00Z'),
            },
          ],
        },
      ],
      failed: [],
      removed: [],
    });

    expect(runId).toBeGreaterThan(0);
    expect(await store.listClusters()).toEqual([
      {
        ...cluster(PROD, 'aks-prod', t1, { chain: ['a', { b: 1 }] }),
        resourceId: PROD.toLowerCase(),
        stale: false,
        staleReason: undefined,
        summary: undefined,
      },
    ]);
    expect(await store.latestRun()).toEqual({ id: runId, ...run(t1) });
    expect(await store.certificateHistory(PROD)).toEqual([
      {
        purpose: 'edge',
        name: 'gateway-external-pfx-cert',
        secretId: 'https://kv.vault.azure.net/secrets/edge',
        notAfter: new Date('2027-01-31T00:00:00Z'),
        observedAt: t1,
      },
    ]);
  });

  it('reads the latest runs newest first, for the discovered-clusters publication', async () => {
    const store = await createStore();
    expect(await store.latestRuns(2)).toEqual([]);
    const saved = [];
    for (const at of [
      new Date('2026-11-26T10:00:00.000Z'),
      new Date('2026-11-26T10:30:00.000Z'),
      new Date('2026-11-26T11:00:00.000Z'),
    ]) {
      saved.push({
        id: await store.saveRefresh({
          run: run(at),
          refreshed: [],
          failed: [],
          removed: [],
        }),
        ...run(at),
      });
    }
    expect(await store.latestRuns(2)).toEqual([saved[2], saved[1]]);
    expect(await store.latestRun()).toEqual(saved[2]);
  });

  it('lists summaries without reading snapshots', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00Z');
    await store.saveRefresh({
      run: run(t1),
      refreshed: [
        {
          cluster: {
            ...cluster(PROD, 'aks-prod', t1),
            summary: { errorCount: 2 },
          },
          certificates: [],
        },
      ],
      failed: [],
      removed: [],
    });

    const [summary] = await store.listSummaries();

    expect(summary).toMatchObject({
      name: 'aks-prod',
      summary: { errorCount: 2 },
    });
    expect(summary).not.toHaveProperty('snapshot');
  });

  it('keeps the last good snapshot of a cluster that failed, marked stale', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00Z');
    const t2 = new Date('2026-11-26T11:00:00Z');
    await store.saveRefresh({
      run: run(t1),
      refreshed: [
        { cluster: cluster(PROD, 'aks-prod', t1), certificates: [] },
        { cluster: cluster(DEV, 'aks-dev', t1), certificates: [] },
      ],
      failed: [],
      removed: [],
    });

    await store.saveRefresh({
      run: run(t2, 'partial'),
      refreshed: [{ cluster: cluster(PROD, 'aks-prod', t2), certificates: [] }],
      failed: [{ resourceId: DEV, reason: 'timeout after 30s' }],
      removed: [],
    });

    const dev = await store.getCluster(DEV);
    expect(dev).toMatchObject({
      stale: true,
      staleReason: 'timeout after 30s',
      refreshedAt: t1,
      snapshot: { hops: ['aks-dev'] },
    });
    expect(await store.getCluster(PROD)).toMatchObject({
      stale: false,
      refreshedAt: t2,
    });
  });

  it('stores a refreshed cluster that kept part of its last good data as stale, until a clean refresh', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00Z');
    const t2 = new Date('2026-11-26T11:00:00Z');
    const reason =
      'Listing Microsoft.Network/applicationGateways failed: 500 (subscription 6f1e…)';
    await store.saveRefresh({
      run: run(t1, 'partial'),
      refreshed: [
        {
          cluster: { ...cluster(PROD, 'aks-prod', t1), staleReason: reason },
          certificates: [],
        },
      ],
      failed: [],
      removed: [],
    });

    expect(await store.getCluster(PROD)).toMatchObject({
      stale: true,
      staleReason: reason,
      refreshedAt: t1,
    });
    expect((await store.listSummaries())[0]).toMatchObject({
      stale: true,
      staleReason: reason,
    });

    await store.saveRefresh({
      run: run(t2),
      refreshed: [{ cluster: cluster(PROD, 'aks-prod', t2), certificates: [] }],
      failed: [],
      removed: [],
    });
    expect(await store.getCluster(PROD)).toMatchObject({
      stale: false,
      staleReason: undefined,
    });
  });

  it('finds a cluster whatever the case of its ARM id, and forgets removed ones', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00Z');
    await store.saveRefresh({
      run: run(t1),
      refreshed: [
        { cluster: cluster(PROD, 'aks-prod', t1), certificates: [] },
        { cluster: cluster(DEV, 'aks-dev', t1), certificates: [] },
      ],
      failed: [],
      removed: [],
    });

    expect(await store.getCluster(PROD.toUpperCase())).toBeDefined();

    await store.saveRefresh({
      run: run(t1),
      refreshed: [],
      failed: [],
      removed: [DEV.toUpperCase()],
    });
    expect((await store.listClusters()).map(c => c.name)).toEqual(['aks-prod']);
    expect(await store.getCluster(DEV)).toBeUndefined();
  });

  it('writes clusters ahead of their run, and reads them back by id, streamed and as ids', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00.000Z');
    const t2 = new Date('2026-11-26T10:05:00.000Z');

    await store.saveClusters(
      [
        {
          cluster: cluster(PROD, 'aks-prod', t1),
          certificates: [
            { purpose: 'edge', name: 'gateway-cert', notAfter: t2 },
          ],
        },
      ],
      t1,
    );
    await store.saveClusters(
      [{ cluster: cluster(DEV, 'aks-dev', t1), certificates: [] }],
      t1,
    );
    await store.saveClusters([], t2);
    const runId = await store.saveRefresh({
      run: run(t2),
      refreshed: [],
      failed: [],
      removed: [],
    });

    expect((await store.latestRun())?.id).toBe(runId);
    expect(
      (await store.getClusters([PROD.toUpperCase(), DEV, DEV])).map(
        c => c.name,
      ),
    ).toEqual(expect.arrayContaining(['aks-prod', 'aks-dev']));
    expect(await store.getClusters([PROD.toUpperCase(), DEV])).toHaveLength(2);
    expect(await store.listClusterIds()).toEqual([
      {
        resourceId: DEV.toLowerCase(),
        subscriptionId: cluster(DEV, '', t1).subscriptionId,
      },
      {
        resourceId: PROD.toLowerCase(),
        subscriptionId: cluster(PROD, '', t1).subscriptionId,
      },
    ]);
    const streamed = [];
    for await (const c of store.streamClusters()) streamed.push(c);
    expect(streamed).toEqual(await store.listClusters());
    expect(await store.certificateHistory(PROD)).toEqual([
      {
        purpose: 'edge',
        name: 'gateway-cert',
        secretId: undefined,
        notAfter: t2,
        observedAt: t1,
      },
    ]);
  });

  it('records a certificate again only when its secret or expiry changed: rotations, not every refresh', async () => {
    const store = await createStore();
    const times = [0, 30, 60, 90].map(
      m => new Date(Date.UTC(2026, 10, 26, 10, m)),
    );
    const first = new Date('2027-01-31T00:00:00Z');
    const rotated = new Date('2027-04-30T00:00:00Z');
    const edge = (
      notAfter: Date,
      secretId = 'https://kv.vault.azure.net/secrets/edge',
    ) => ({
      purpose: 'edge',
      name: 'gateway-cert',
      secretId,
      notAfter,
    });
    const observed = [
      [edge(first)],
      [edge(first)],
      [edge(rotated)],
      [
        edge(rotated),
        { purpose: 'backend', name: 'traefik-tls', notAfter: rotated },
      ],
    ];
    for (const [i, at] of times.entries()) {
      await store.saveClusters(
        [{ cluster: cluster(PROD, 'aks-prod', at), certificates: observed[i] }],
        at,
      );
    }

    expect(await store.certificateHistory(PROD)).toEqual([
      { ...edge(first), observedAt: times[0] },
      { ...edge(rotated), observedAt: times[2] },
      {
        purpose: 'backend',
        name: 'traefik-tls',
        secretId: undefined,
        notAfter: rotated,
        observedAt: times[3],
      },
    ]);
  });

  it('writes a batch larger than one statement may bind, and a cluster given twice once, the last as given', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00.000Z');
    const ids = Array.from(
      { length: 250 },
      (_, i) =>
        `/subscriptions/6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-${i}/providers/Microsoft.ContainerService/managedClusters/aks-${i}`,
    );
    await store.saveClusters(
      [
        ...ids.map((id, i) => ({
          cluster: cluster(id, `aks-${i}`, t1),
          certificates: [{ purpose: 'edge', name: `cert-${i}`, notAfter: t1 }],
        })),
        {
          cluster: cluster(ids[7].toUpperCase(), 'aks-7-again', t1),
          certificates: [],
        },
      ],
      t1,
    );
    await store.saveRefresh({
      run: run(t1, 'partial'),
      refreshed: [],
      failed: ids.map(resourceId => ({ resourceId, reason: 'timeout' })),
      removed: [],
    });

    const stored = await store.listClusters();
    expect(stored).toHaveLength(250);
    expect(stored.every(c => c.stale && c.staleReason === 'timeout')).toBe(
      true,
    );
    expect((await store.getCluster(ids[7]))?.name).toBe('aks-7-again');
    expect(await store.certificateHistory(ids[249])).toEqual([
      {
        purpose: 'edge',
        name: 'cert-249',
        secretId: undefined,
        notAfter: t1,
        observedAt: t1,
      },
    ]);
    const page = await store.pageSummaries({
      filters: {},
      sort: 'name',
      order: 'asc',
      offset: 0,
      limit: 5,
      now: t1,
    });
    expect(page.total).toBe(250);
    expect(page.rows.every(r => r.stale)).toBe(true);
  });

  it('bumps the data generation with each committed write, and not with one rolled back', async () => {
    const store = await createStore();
    const t1 = new Date('2026-11-26T10:00:00.000Z');
    const generations = [await store.dataGeneration()];
    const saved = async (write: Promise<unknown>) => {
      await write.catch(() => undefined);
      generations.push(await store.dataGeneration());
    };

    await saved(
      store.saveClusters(
        [{ cluster: cluster(PROD, 'aks-prod', t1), certificates: [] }],
        t1,
      ),
    );
    await saved(store.saveClusters([], t1));
    // A name is required: the write fails and its transaction rolls back.
    await saved(
      store.saveClusters(
        [{ cluster: cluster(DEV, null as any, t1), certificates: [] }],
        t1,
      ),
    );
    await saved(
      store.saveRefresh({
        run: run(t1),
        refreshed: [],
        failed: [],
        removed: [PROD],
      }),
    );

    expect(generations).toEqual([0, 1, 1, 1, 2]);
    expect(await store.getCluster(DEV)).toBeUndefined();
  });
});
