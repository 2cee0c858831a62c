import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

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
