import { Knex } from 'knex';

/** Runs in flight per knex instance, so this process never overlaps two. */
const runsInProcess = new WeakMap<Knex, Promise<void>>();

/**
 * Applies the plugin's migrations, waiting for any other run on the same
 * database instead of failing on it.
 *
 * knex's `migrate.latest` is not safe to run twice at once: both runs see no
 * `knex_migrations` table and both create it (the loser fails with "already
 * exists" or a duplicate `pg_type` key), and a run that finds knex's lock row
 * taken throws `MigrationLocked` instead of waiting. Two replicas starting
 * together on an empty database would both risk failing. So runs queue: in
 * this process per knex instance, and across replicas behind a PostgreSQL
 * advisory lock held for the whole run. It is a transaction-level lock, so the
 * server releases it with the transaction, also when a replica dies mid-way.
 * The lock's transaction holds one pooled connection while knex migrates on
 * another (knex pools hold up to 10 by default).
 */
export async function migrateToLatest(
  knex: Knex,
  directory: string,
): Promise<void> {
  const previous = runsInProcess.get(knex) ?? Promise.resolve();
  // A failed earlier run must not fail this one: it retries on its own.
  const run = previous
    .catch(() => undefined)
    .then(() => migrateExclusively(knex, directory));
  runsInProcess.set(knex, run);
  await run;
}

async function migrateExclusively(knex: Knex, directory: string) {
  if (knex.client.dialect !== 'postgresql') {
    // SQLite, the other database the plugin supports, is one process's file.
    await knex.migrate.latest({ directory });
    return;
  }
  await knex.transaction(async lock => {
    await lock.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      'aks-baseline-backend: migrations',
    ]);
    await knex.migrate.latest({ directory });
  });
}
