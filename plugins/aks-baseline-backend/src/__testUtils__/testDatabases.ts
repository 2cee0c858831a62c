import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';

/**
 * Test-only: SQLite always, plus PostgreSQL on every server a connection
 * string names (the README's test command sets one for this machine's
 * server). Never Docker. Call at the top of a test file: it registers hooks.
 */
export function createTestDatabases() {
  const postgresIds = Object.keys(process.env)
    .map(k =>
      /^BACKSTAGE_TEST_DATABASE_(POSTGRES\d+)_CONNECTION_STRING$/.exec(k),
    )
    .filter((m): m is RegExpExecArray => !!m)
    .map(m => m[1].replace(/^POSTGRES/, 'POSTGRES_') as TestDatabaseId);
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', ...postgresIds],
    disableDocker: true,
  });
  return { databases, supported: databases.eachSupportedId() };
}

/**
 * Test-only: another replica's connection pool to the same database. An
 * in-memory SQLite database lives in one connection, so there the replicas
 * share it. The caller destroys a new pool (`!== knex`) when done.
 */
export function anotherReplica(knex: Knex): Knex {
  const { client, connection, pool } = knex.client.config;
  if (client === 'better-sqlite3' || client === 'sqlite3') {
    return knex;
  }
  return knexFactory({ client, connection, pool });
}
