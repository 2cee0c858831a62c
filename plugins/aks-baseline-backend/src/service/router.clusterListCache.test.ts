import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { SnapshotStore } from '../store/SnapshotStore';
import { fleetRouteApp } from '../__testUtils__/fleetRouteApp';
import {
  anotherReplica,
  createTestDatabases,
} from '../__testUtils__/testDatabases';
import { CacheBounds } from './GenerationCache';
import { FleetReader } from './FleetReader';

const { databases, supported } = createTestDatabases();

const SUBSCRIPTION = '0b7f3c2e-5d4a-4c1b-9e8f-7a6b5c4d3e2f';
const AT = new Date('2026-12-01T08:00:00.000Z');

/** A stored cluster `aks-NN`; `worstStatus` is what the writes below change. */
function refreshedCluster(i: number, worstStatus = 'ok') {
  const name = `aks-${String(i).padStart(2, '0')}`;
  return {
    cluster: {
      resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      subscriptionId: SUBSCRIPTION,
      resourceGroup: `rg-${name}`,
      location: i % 2 ? 'westeurope' : 'northeurope',
      owner: i % 2 ? 'payments-team' : undefined,
      worstStatus,
      failingControls: worstStatus === 'ok' ? 0 : 1,
      refreshedAt: AT,
      snapshot: {},
      summary: { reasons: [], errorCount: 0 },
    },
    certificates: [],
  };
}

function run(clusterCount: number, finishedAt = AT) {
  return {
    startedAt: finishedAt,
    finishedAt,
    status: 'succeeded' as const,
    clusterCount,
    requestCount: 1,
    errors: [],
  };
}

const openStore = (knex: Knex) =>
  SnapshotStore.create({ database: mockServices.database({ knex }) });

const QUERIES = [
  '/v1/clusters',
  '/v1/clusters?status=error',
  '/v1/clusters?owner=payments-team&sort=name&order=desc',
  '/v1/clusters?search=AKS-0&limit=5&offset=2',
];

describe.each(supported)(
  'the fleet list route keeps answers per data generation on %s',
  databaseId => {
    const opened: Knex[] = [];
    afterEach(async () => {
      await Promise.all(opened.splice(0).map(k => k.destroy()));
    });

    /** A fleet of 12 clusters, a route with answers kept, and another replica's store. */
    async function fleet(options: { pageCache?: CacheBounds } = {}) {
      const knex = await databases.init(databaseId);
      const store = await openStore(knex);
      await store.saveRefresh({
        run: run(12),
        refreshed: Array.from({ length: 12 }, (_, i) => refreshedCluster(i)),
        failed: [],
        removed: [],
      });
      const otherKnex = anotherReplica(knex);
      if (otherKnex !== knex) opened.push(otherKnex);
      const reader = new FleetReader(store, undefined, options);
      return {
        store,
        reader,
        route: await fleetRouteApp(reader),
        otherReplica: await openStore(otherKnex),
        /** What a reader that has kept nothing answers: the oracle. */
        fresh: async (path: string) =>
          (await request(await fleetRouteApp(new FleetReader(store))).get(path))
            .body,
      };
    }

    async function expectAnswersAsFresh(
      route: express.Express,
      fresh: (path: string) => Promise<unknown>,
    ) {
      for (const path of QUERIES) {
        const res = await request(route).get(path);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(await fresh(path));
      }
    }

    it('answers from the database again after another replica writes clusters ahead of its run', async () => {
      const { route, otherReplica, fresh } = await fleet();
      await expectAnswersAsFresh(route, fresh);
      const before = await request(route).get('/v1/clusters?status=error');
      expect(before.body.total).toBe(0);

      // A streaming refresh on another replica: clusters first, no run yet.
      await otherReplica.saveClusters(
        [refreshedCluster(3, 'error'), refreshedCluster(12)],
        AT,
      );

      const after = await request(route).get('/v1/clusters?status=error');
      expect(after.body.total).toBe(1);
      expect(after.body.clusters.map((c: any) => c.name)).toEqual(['aks-03']);
      await expectAnswersAsFresh(route, fresh);
      expect((await request(route).get('/v1/clusters')).body.total).toBe(13);
    });

    it('answers from the database again after a run marks clusters stale, removes them and records itself', async () => {
      const { route, otherReplica, fresh } = await fleet();
      await expectAnswersAsFresh(route, fresh);
      const later = new Date(AT.getTime() + 3_600_000);

      await otherReplica.saveRefresh({
        run: run(11, later),
        refreshed: [],
        failed: [
          {
            resourceId: refreshedCluster(1).cluster.resourceId,
            reason: 'listing failed',
          },
        ],
        removed: [refreshedCluster(0).cluster.resourceId],
      });

      const page = (await request(route).get('/v1/clusters?sort=name')).body;
      expect(page.total).toBe(11);
      expect(page.clusters[0]).toMatchObject({ name: 'aks-01', stale: true });
      expect(page.lastRefresh.finishedAt).toBe(later.toISOString());
      expect(page.filterOptions.regions).toEqual(['northeurope', 'westeurope']);
      await expectAnswersAsFresh(route, fresh);
    });

    it('tags each page and answers 304 to an unchanged one, 200 once a write changed it', async () => {
      const { route, otherReplica } = await fleet();
      const first = await request(route).get('/v1/clusters');
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const etag = first.headers.etag;
      expect(etag).toMatch(/^W\/".+"$/);

      const unchanged = await request(route)
        .get('/v1/clusters')
        .set('If-None-Match', etag);
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBeFalsy();
      // Another page of the same data has its own tag.
      const other = await request(route).get('/v1/clusters?offset=1');
      expect(other.headers.etag).not.toBe(etag);

      await otherReplica.saveClusters([refreshedCluster(5, 'warning')], AT);
      const changed = await request(route)
        .get('/v1/clusters')
        .set('If-None-Match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.body.clusters[0]).toMatchObject({ name: 'aks-05' });
    });

    it('checks the caller before any kept answer: 403 without the permission, 401 without credentials', async () => {
      const { reader, route } = await fleet();
      const warm = await request(route).get('/v1/clusters');
      expect(warm.status).toBe(200);

      const denied = await request(
        await fleetRouteApp(reader, { permission: AuthorizeResult.DENY }),
      )
        .get('/v1/clusters')
        .set('If-None-Match', warm.headers.etag);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      expect(denied.text).not.toContain('aks-00');
      // The error's own tag (express tags every body), never the page's.
      expect(denied.headers.etag).not.toBe(warm.headers.etag);

      const anonymous = await request(route)
        .get('/v1/clusters')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      expect(anonymous.text).not.toContain('aks-00');
    });

    it('reads equivalent queries once and different ones each, within its bounds', async () => {
      const { store, route } = await fleet({
        pageCache: { maxEntries: 3, maxWeight: Infinity },
      });
      const pageRows = jest.spyOn(store, 'pageRows');
      const counts = jest.spyOn(store, 'countSummaries');
      const get = async (path: string) => {
        const res = await request(route).get(path);
        expect(res.status).toBe(200);
        return res.body;
      };

      // One answer, spelled four ways.
      const spellings = [
        `/v1/clusters?region=westeurope&status=ok&status=error&subscriptionId=${SUBSCRIPTION}`,
        `/v1/clusters?status=error&status=ok&status=error&region=westeurope&subscriptionId=${SUBSCRIPTION.toUpperCase()}`,
        `/v1/clusters?subscriptionId=${SUBSCRIPTION}&region=westeurope&status=ok&status=error&sort=attention&order=asc&offset=0&limit=20&search=`,
        `/v1/clusters?status=ok&status=error&region=westeurope&subscriptionId=${SUBSCRIPTION}&search=%20`,
      ];
      const answers = [];
      for (const path of spellings) answers.push(await get(path));
      expect(new Set(answers.map(a => JSON.stringify(a))).size).toBe(1);
      expect(pageRows).toHaveBeenCalledTimes(1);

      // Other pages of the same filters share their count, not their rows.
      await get(`${spellings[0]}&offset=2`);
      await get(`${spellings[0]}&limit=3`);
      expect(pageRows).toHaveBeenCalledTimes(3);
      expect(counts).toHaveBeenCalledTimes(1);

      // Differences that change the rows never share an entry.
      for (const path of [
        '/v1/clusters?region=WestEurope',
        '/v1/clusters?search=aks-01',
        '/v1/clusters?search=AKS-01&sort=name',
        '/v1/clusters?search=aks-01&sort=name&order=desc',
      ]) {
        await get(path);
      }
      expect(pageRows).toHaveBeenCalledTimes(7);
      // The search in any case and in either order: one count.
      expect(counts).toHaveBeenCalledTimes(3);

      // Bounded: three pages kept, so the first spelling, used longest ago, is read again.
      await get(spellings[1]);
      expect(pageRows).toHaveBeenCalledTimes(8);
    });
  },
);
