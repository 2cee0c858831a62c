import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { SnapshotStore } from '../store/SnapshotStore';
import { fleetRouteApp } from '../__testUtils__/fleetRouteApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { FleetReader } from './FleetReader';

const { databases } = createTestDatabases();

const SUBSCRIPTION = '6f1e4b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b';
const NOW = new Date();

/** 30 clusters: every third is failing, named so sort order is known. */
async function storeWithFleet() {
  const knex = await databases.init('SQLITE_3');
  const store = await SnapshotStore.create({
    database: mockServices.database({ knex }),
  });
  await store.saveRefresh({
    run: {
      startedAt: NOW,
      finishedAt: NOW,
      status: 'succeeded',
      clusterCount: 30,
      requestCount: 3,
      errors: [],
    },
    refreshed: Array.from({ length: 30 }, (_, i) => {
      const name = `aks-${String(i).padStart(2, '0')}`;
      const failing = i % 3 === 0;
      return {
        cluster: {
          resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-${i}/providers/Microsoft.ContainerService/managedClusters/${name}`,
          name,
          subscriptionId: SUBSCRIPTION,
          subscriptionName: 'Contoso Production',
          resourceGroup: `rg-${i}`,
          location: i < 10 ? 'northeurope' : 'westeurope',
          owner: i % 2 ? 'payments-team' : 'platform-team',
          worstStatus: failing ? 'error' : 'ok',
          soonestExpiry: new Date(NOW.getTime() + i * 86_400_000),
          failingControls: failing ? 1 : 0,
          refreshedAt: NOW,
          snapshot: {},
          summary: {
            reasons: failing ? ['=HYPERLINK("x"), "quoted", two'] : [],
            errorCount: 0,
          },
        },
        certificates: [],
      };
    }),
    failed: [],
    removed: [],
  });
  return store;
}

async function app(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    signedIn?: boolean;
  } = {},
) {
  return fleetRouteApp(new FleetReader(await storeWithFleet()), options);
}

describe('GET /v1/clusters (paged)', () => {
  it('answers the first page of 20, worst first, with the total and the filter options', async () => {
    const res = await request(await app()).get('/v1/clusters');

    expect(res.status).toBe(200);
    expect(res.body.total).toBe(30);
    expect(res.body.limit).toBe(20);
    expect(res.body.clusters).toHaveLength(20);
    expect(res.body.clusters.slice(0, 10).map((c: any) => c.name)).toEqual([
      'aks-00',
      'aks-03',
      'aks-06',
      'aks-09',
      'aks-12',
      'aks-15',
      'aks-18',
      'aks-21',
      'aks-24',
      'aks-27',
    ]);
    expect(res.body.clusters[0]).toMatchObject({
      owner: 'platform-team',
      subscriptionName: 'Contoso Production',
    });
    expect(res.body.filterOptions).toEqual({
      subscriptions: [{ id: SUBSCRIPTION, name: 'Contoso Production' }],
      regions: ['northeurope', 'westeurope'],
      owners: ['payments-team', 'platform-team'],
    });
    expect(res.body.lastRefresh).toMatchObject({ clusterCount: 30 });
  });

  it('filters, sorts and pages from the query, repeated parameters as lists', async () => {
    const res = await request(await app()).get(
      '/v1/clusters?status=error&status=warning&region=westeurope&owner=platform-team&sort=name&order=desc&offset=1&limit=2',
    );

    expect(res.status).toBe(200);
    // error and westeurope (10..29) and even: 12, 18, 24; desc, skip one.
    expect(res.body.total).toBe(3);
    expect(res.body.clusters.map((c: any) => c.name)).toEqual([
      'aks-18',
      'aks-12',
    ]);
  });

  it('finds expiring clusters and searches text', async () => {
    const server = await app();
    const expiring = await request(server).get(
      // aks-NN expires in NN days from the fleet's time; the bound is inclusive.
      '/v1/clusters?expiringWithinDays=2&sort=expiry',
    );
    expect(expiring.body.clusters.map((c: any) => c.name)).toEqual([
      'aks-00',
      'aks-01',
      'aks-02',
    ]);
    const search = await request(server).get('/v1/clusters?search=RG-2');
    expect(search.body.total).toBe(11);
  });

  it.each([
    [
      'limit=101',
      'Invalid query: limit must be at most 100 (the list is paged)',
    ],
    ['limit=0', 'Invalid query: limit must be at least 1'],
    ['offset=-1', 'Invalid query: offset must be 0 or more'],
    [
      'sort=colour',
      'Invalid query: sort must be one of attention, name, status, expiry, failingControls, subscription, region, owner, refreshedAt',
    ],
    [
      'region=westeurope&region=x%3B',
      'Invalid query: region.1 must be an Azure region such as westeurope',
    ],
    ['order=up', 'Invalid query: order must be asc or desc'],
    [
      'status=bad',
      'Invalid query: status.0 must be one of error, warning, not-observed, ok',
    ],
    [
      'subscriptionId=nope',
      'Invalid query: subscriptionId.0 must be a subscription GUID',
    ],
    [
      'region=west%20europe',
      'Invalid query: region.0 must be an Azure region such as westeurope',
    ],
    [
      'expiringWithinDays=soon',
      'Invalid query: expiringWithinDays must be a number of days',
    ],
    [
      'expiringWithinDays=1.5',
      'Invalid query: expiringWithinDays must be a whole number of days',
    ],
    [
      `search=${'x'.repeat(101)}`,
      'Invalid query: search must be at most 100 characters',
    ],
    [
      'pageSize=10',
      "Invalid query: query Unrecognized key(s) in object: 'pageSize'",
    ],
  ])('answers 400 to %s with what is wrong', async (query, message) => {
    const res = await request(await app()).get(`/v1/clusters?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'InputError', message });
  });

  it('answers 403 without the read permission and 401 without a user', async () => {
    const denied = await request(
      await app({ permission: AuthorizeResult.DENY }),
    ).get('/v1/clusters');
    expect(denied.status).toBe(403);
    const csv = await request(
      await app({ permission: AuthorizeResult.DENY }),
    ).get('/v1/clusters.csv');
    expect(csv.status).toBe(403);
    const anonymous = await request(await app({ signedIn: false })).get(
      '/v1/clusters',
    );
    expect(anonymous.status).toBe(401);
  });
});

describe('GET /v1/clusters.csv', () => {
  it('exports every cluster the filters match, not a page, as RFC 4180 CSV', async () => {
    const res = await request(await app()).get(
      '/v1/clusters.csv?region=westeurope',
    );

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="aks-baseline-clusters.csv"',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe(
      'name,status,access,reasons,soonest_expiry,soonest_expiry_certificate,failing_controls,owner,subscription_id,subscription_name,resource_group,region,refreshed_at,stale_reason,entity_ref,resource_id',
    );
    // 20 rows, a header, and the empty string after the last CRLF.
    expect(lines).toHaveLength(22);
    expect(lines[1]).toMatch(
      /^aks-12,error,,"'=HYPERLINK\(""x""\), ""quoted"", two",/,
    );
    expect(lines.slice(1, 21).every(l => l.includes(',westeurope,'))).toBe(
      true,
    );
  });

  it('answers 400 to page parameters: the export is the whole view', async () => {
    const res = await request(await app()).get('/v1/clusters.csv?limit=10');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Invalid query: query Unrecognized key(s) in object: 'limit'",
    );
  });
});
