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
});
