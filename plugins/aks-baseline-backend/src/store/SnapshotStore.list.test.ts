import {
  ClusterSummary,
  HopStatus,
} from '@aks-baseline/plugin-aks-baseline-common';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { byAttention } from '../service/FleetReader';
import {
  SnapshotStore,
  StoredCluster,
  StoredClusterSummary,
  SummaryPageRequest,
} from './SnapshotStore';

const { databases, supported } = createTestDatabases();

const NOW = new Date('2026-12-07T12:00:00.000Z');
const SUBSCRIPTIONS = [
  '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  '9A8B7C6D-5E4F-4A3B-9C2D-1E0F9A8B7C6D',
];
const STATUSES: HopStatus[] = ['ok', 'warning', 'error', 'not-observed'];
const REGIONS = ['westeurope', 'northeurope', 'eastus2'];
const OWNERS = ['platform-team', 'payments_team', undefined];

type Row = Omit<StoredCluster, 'stale' | 'snapshot'>;

/**
 * 47 clusters whose sort keys repeat (4 statuses, 3 regions, 3 owners, 5
 * expiries): every sort has long runs of ties for paging to keep apart.
 */
function fleet(): Row[] {
  return Array.from({ length: 47 }, (_, i) => {
    const subscriptionId = SUBSCRIPTIONS[i % 2];
    const name = `aks-${String(i % 23).padStart(2, '0')}-${
      i % 3 === 0 ? 'a%b' : 'c_d'
    }`;
    const expiryDays = [-3, 5, 20, 90, undefined][i % 5];
    return {
      resourceId: `/subscriptions/${subscriptionId}/resourceGroups/rg-${i}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      subscriptionId,
      subscriptionName: i % 2 === 0 ? 'Contoso Production' : undefined,
      resourceGroup: `rg-${i}`,
      location: REGIONS[i % 3],
      owner: OWNERS[i % 3],
      worstStatus: STATUSES[i % 4],
      soonestExpiry:
        expiryDays === undefined
          ? undefined
          : new Date(NOW.getTime() + expiryDays * 86_400_000),
      failingControls: i % 4,
      refreshedAt: new Date(NOW.getTime() - (i % 6) * 60_000),
      staleReason: i % 7 === 0 ? 'vault listing failed' : undefined,
    };
  });
}

/** The same rows as the unpaged list's summaries, for its own comparator. */
function asSummary(row: StoredClusterSummary | Row): ClusterSummary {
  return {
    resourceId: row.resourceId.toLowerCase(),
    name: row.name,
    subscriptionId: row.subscriptionId,
    resourceGroup: row.resourceGroup,
    location: row.location,
    worstStatus: row.worstStatus as HopStatus,
    soonestExpiry: row.soonestExpiry && {
      name: 'tls',
      purpose: 'ingress',
      notAfter: row.soonestExpiry.toISOString(),
      status: 'ok',
    },
    failingControls: row.failingControls,
    reasons: [],
    errorCount: 0,
    refreshedAt: row.refreshedAt.toISOString(),
    stale: !!row.staleReason,
  };
}

const ids = (rows: Array<{ resourceId: string }>) =>
  rows.map(r => r.resourceId.toLowerCase());

function request(
  overrides: Partial<SummaryPageRequest> = {},
): SummaryPageRequest {
  return {
    filters: {},
    sort: 'attention',
    order: 'asc',
    offset: 0,
    limit: 100,
    now: NOW,
    ...overrides,
  };
}

describe.each(supported)('SnapshotStore fleet list on %s', databaseId => {
  let store: SnapshotStore;
  const rows = fleet();

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    store = await SnapshotStore.create({
      database: mockServices.database({ knex }),
    });
    await store.saveRefresh({
      run: {
        startedAt: NOW,
        finishedAt: NOW,
        status: 'succeeded',
        clusterCount: rows.length,
        requestCount: 1,
        errors: [],
      },
      refreshed: rows.map(row => ({
        cluster: { ...row, snapshot: {} },
        certificates: [],
      })),
      failed: [],
      removed: [],
    });
  });

  async function allPages(
    overrides: Partial<SummaryPageRequest>,
    pageSize: number,
  ) {
    const seen: StoredClusterSummary[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await store.pageSummaries(
        request({ ...overrides, offset, limit: pageSize }),
      );
      expect(page.total).toBe(rows.length);
      seen.push(...page.rows);
      if (page.rows.length < pageSize) return seen;
    }
  }

  it('sorts by attention exactly as the unpaged list did', async () => {
    const page = await store.pageSummaries(request());
    const expected = rows.map(asSummary).sort(byAttention);
    expect(ids(page.rows)).toEqual(ids(expected));
    expect(page.total).toBe(47);
  });

  it.each([
    'attention',
    'status',
    'region',
    'owner',
    'expiry',
    'subscription',
    'failingControls',
    'refreshedAt',
    'name',
  ] as const)(
    'pages sorted by %s in pages of 5 without repeating or skipping a row, both orders',
    async sort => {
      for (const order of ['asc', 'desc'] as const) {
        const paged = await allPages({ sort, order }, 5);
        const whole = await store.pageSummaries(request({ sort, order }));
        expect(ids(paged)).toEqual(ids(whole.rows));
        expect(new Set(ids(paged)).size).toBe(rows.length);
      }
    },
  );

  it('sorts by region, ties by name then id, as a reference sort does', async () => {
    const page = await store.pageSummaries(request({ sort: 'region' }));
    const expected = [...rows].sort(
      (a, b) =>
        a.location.localeCompare(b.location) ||
        (a.name < b.name ? -1 : Number(a.name > b.name)) ||
        (a.resourceId.toLowerCase() < b.resourceId.toLowerCase() ? -1 : 1),
    );
    expect(ids(page.rows)).toEqual(ids(expected));
  });

  it('sorts by expiry soonest first, clusters without certificates after every date', async () => {
    const withExpiry = rows.filter(r => r.soonestExpiry).length;
    for (const order of ['asc', 'desc'] as const) {
      const page = await store.pageSummaries(
        request({ sort: 'expiry', order }),
      );
      const expiries = page.rows.map(r => r.soonestExpiry?.getTime());
      // Ascending: soonest first, none last; descending: the reverse.
      const [known, missing] =
        order === 'asc'
          ? [expiries.slice(0, withExpiry), expiries.slice(withExpiry)]
          : [expiries.slice(-withExpiry), expiries.slice(0, -withExpiry)];
      expect(missing.every(e => e === undefined)).toBe(true);
      expect(missing).toHaveLength(rows.length - withExpiry);
      const sorted = [...(known as number[])].sort((a, b) =>
        order === 'asc' ? a - b : b - a,
      );
      expect(known).toEqual(sorted);
    }
  });

  it.each([
    [
      { status: ['error' as const, 'warning' as const] },
      (r: Row) => ['error', 'warning'].includes(r.worstStatus),
    ],
    [
      { subscriptionId: [SUBSCRIPTIONS[1].toLowerCase()] },
      (r: Row) => r.subscriptionId === SUBSCRIPTIONS[1],
    ],
    [
      { subscriptionId: [SUBSCRIPTIONS[0].toUpperCase()] },
      (r: Row) => r.subscriptionId === SUBSCRIPTIONS[0],
    ],
    [
      { region: ['eastus2', 'northeurope'] },
      (r: Row) => r.location !== 'westeurope',
    ],
    [{ owner: ['payments_team'] }, (r: Row) => r.owner === 'payments_team'],
    [
      { expiringWithinDays: 5 },
      (r: Row) =>
        !!r.soonestExpiry &&
        r.soonestExpiry.getTime() <= NOW.getTime() + 5 * 86_400_000,
    ],
    [
      { expiringWithinDays: 0 },
      (r: Row) => !!r.soonestExpiry && r.soonestExpiry < NOW,
    ],
    [{ search: 'A%B' }, (r: Row) => r.name.includes('a%b')],
    [{ search: 'c_d' }, (r: Row) => r.name.includes('c_d')],
    // `_` and `%` are literal: "0_" matches nothing, where LIKE's wildcard would.
    [{ search: '0_' }, () => false],
    [
      { search: 'contoso prod' },
      (r: Row) => r.subscriptionName === 'Contoso Production',
    ],
    [{ search: 'PLATFORM' }, (r: Row) => r.owner === 'platform-team'],
    [{ search: 'rg-4' }, (r: Row) => r.resourceGroup.startsWith('rg-4')],
    [
      {
        status: ['ok' as const],
        region: ['westeurope'],
        owner: ['platform-team'],
      },
      (r: Row) =>
        r.worstStatus === 'ok' &&
        r.location === 'westeurope' &&
        r.owner === 'platform-team',
    ],
  ])('filters by %j on the server', async (filters, keep) => {
    const expected = rows.filter(keep);
    const page = await store.pageSummaries(request({ filters, limit: 10 }));
    expect(page.total).toBe(expected.length);
    const whole = await store.pageSummaries(request({ filters }));
    expect(ids(whole.rows).sort()).toEqual(ids(expected).sort());
    expect(ids(page.rows)).toEqual(ids(whole.rows).slice(0, 10));
  });

  it('streams every matching row in attention order, for the export', async () => {
    const filters = { region: ['westeurope'] };
    const streamed: StoredClusterSummary[] = [];
    for await (const row of store.streamSummaries(filters, NOW)) {
      streamed.push(row);
    }
    const page = await store.pageSummaries(request({ filters }));
    expect(ids(streamed)).toEqual(ids(page.rows));
    expect(streamed).toHaveLength(
      rows.filter(r => r.location === 'westeurope').length,
    );
    expect(streamed[0]).not.toHaveProperty('snapshot');
  });

  it('offers each subscription, region and owner once', async () => {
    const options = await store.filterOptions();
    expect(options.regions).toEqual(['eastus2', 'northeurope', 'westeurope']);
    expect(options.owners).toEqual(['payments_team', 'platform-team']);
    expect(options.subscriptions).toEqual(
      expect.arrayContaining([
        { id: SUBSCRIPTIONS[0], name: 'Contoso Production' },
        { id: SUBSCRIPTIONS[1], name: undefined },
      ]),
    );
    expect(options.subscriptions).toHaveLength(2);
  });

  it('reads owner and subscription name back with the summary', async () => {
    const page = await store.pageSummaries(
      request({ filters: { search: 'rg-' }, sort: 'name' }),
    );
    const row = page.rows.find(r => r.resourceGroup === 'rg-5')!;
    expect(row).toMatchObject({
      owner: undefined,
      subscriptionName: undefined,
      location: 'eastus2',
    });
    const other = page.rows.find(r => r.resourceGroup === 'rg-30')!;
    expect(other).toMatchObject({
      owner: 'platform-team',
      subscriptionName: 'Contoso Production',
    });
  });
});
