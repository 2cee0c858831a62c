import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases the store's tests run on: SQLite always; PostgreSQL on every
 * server a connection string names (the README's test command sets one for
 * this machine's server). Never Docker.
 */
export function storeTestDatabases(): TestDatabases {
  const postgresIds = Object.keys(process.env)
    .map(k =>
      /^BACKSTAGE_TEST_DATABASE_(POSTGRES\d+)_CONNECTION_STRING$/.exec(k),
    )
    .filter((m): m is RegExpExecArray => !!m)
    .map(m => m[1].replace(/^POSTGRES/, 'POSTGRES_') as TestDatabaseId);
  return TestDatabases.create({
    ids: ['SQLITE_3', ...postgresIds],
    disableDocker: true,
  });
}
