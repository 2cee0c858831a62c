import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readdirSync } from 'node:fs';
import { Knex } from 'knex';
import {
  anotherReplica,
  createTestDatabases,
} from '../__testUtils__/testDatabases';
import { SnapshotStore } from './SnapshotStore';

// SnapshotStore.test.ts fails when PostgreSQL is required and missing.
const { databases, supported } = createTestDatabases();

/** The migration files on disk: what "applied once" must match. */
const MIGRATION_FILES = readdirSync(
  resolvePackagePath('@aks-baseline/plugin-aks-baseline-backend', 'migrations'),
)
  .filter(f => f.endsWith('.js'))
  .sort();

describe.each(supported)('SnapshotStore migrations on %s', databaseId => {
  const opened: Knex[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(k => k.destroy()));
  });

  it('succeed on both replicas starting at once on a fresh database, applied once', async () => {
    const first = await databases.init(databaseId);
    const replicas = [first, anotherReplica(first)];
    if (replicas[1] !== first) opened.push(replicas[1]);

    const results = await Promise.allSettled(
      replicas.map(knex =>
        SnapshotStore.create({ database: mockServices.database({ knex }) }),
      ),
    );

    expect(
      results.map(r => (r.status === 'rejected' ? String(r.reason) : 'ok')),
    ).toEqual(['ok', 'ok']);
    const applied = await first('knex_migrations')
      .select('name')
      .orderBy('name');
    expect(applied.map(r => r.name)).toEqual(MIGRATION_FILES);
    // knex's lock table must keep exactly one row, or no later start could
    // take the lock (knex/knex#3538).
    expect(await first('knex_migrations_lock').select('is_locked')).toEqual([
      { is_locked: 0 },
    ]);
  });

  it('folds the certificate observations written at every refresh into their rotations', async () => {
    const knex = await databases.init(databaseId);
    await SnapshotStore.create({ database: mockServices.database({ knex }) });
    const cluster = (id: string) => ({
      resource_id: id,
      name: id,
      subscription_id: 'sub',
      resource_group: 'rg',
      location: 'westeurope',
      worst_status: 'pass',
      failing_controls: 0,
      refreshed_at: '2026-11-26T10:00:00.000Z',
      snapshot_json: '{}',
    });
    await knex('aks_clusters').insert([cluster('a'), cluster('b')]);
    const at = (minute: number) =>
      new Date(Date.UTC(2026, 10, 26, 10, minute)).toISOString();
    const jan = '2027-01-31T00:00:00.000Z';
    const apr = '2027-04-30T00:00:00.000Z';
    // observed_at, cluster, name, secret_id, not_after; kept?
    const rows: Array<
      [number, string, string, string | null, string | null, boolean]
    > = [
      [0, 'a', 'edge', 's1', jan, true],
      [30, 'a', 'edge', 's1', jan, false],
      [60, 'a', 'edge', 's1', apr, true],
      [90, 'a', 'edge', 's1', apr, false],
      [120, 'a', 'edge', 's1', jan, true],
      [0, 'a', 'backend', null, null, true],
      [30, 'a', 'backend', null, null, false],
      [60, 'a', 'backend', 's2', null, true],
      [30, 'b', 'edge', 's1', jan, true],
      [60, 'b', 'edge', 's1', jan, false],
    ];
    const toRow = ([
      minute,
      id,
      name,
      secretId,
      notAfter,
    ]: (typeof rows)[number]) => ({
      cluster_resource_id: id,
      purpose: name === 'edge' ? 'edge' : 'backend',
      name,
      secret_id: secretId,
      not_after: notAfter,
      observed_at: at(minute),
    });
    await knex('aks_certificate_observations').insert(rows.map(toRow));

    const migration = require(resolvePackagePath(
      '@aks-baseline/plugin-aks-baseline-backend',
      'migrations/20261207210000_certificate_rotations.js',
    ));
    await migration.up(knex);

    const kept = await knex('aks_certificate_observations')
      .select(
        'cluster_resource_id',
        'name',
        'secret_id',
        'not_after',
        'observed_at',
      )
      .orderBy(['cluster_resource_id', 'name', 'observed_at']);
    const key = (r: {
      cluster_resource_id: string;
      name: string;
      observed_at: unknown;
    }) =>
      `${r.cluster_resource_id} ${r.name} ${new Date(
        r.observed_at as string,
      ).toISOString()}`;
    expect(kept.map(key)).toEqual(
      rows
        .filter(r => r[5])
        .map(toRow)
        .sort((x, y) =>
          `${x.cluster_resource_id} ${x.name} ${x.observed_at}`.localeCompare(
            `${y.cluster_resource_id} ${y.name} ${y.observed_at}`,
          ),
        )
        .map(key),
    );
  });
});
