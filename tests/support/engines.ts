/** Which engine the integration suites run on: `pglite` (default) or `postgres` (needs a server URL). */
export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.TAPAK_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/** A PostgreSQL URL of a maintenance database (e.g. postgres://postgres@127.0.0.1:5432/postgres). */
export function postgresAdminUrl(): string {
  const url = process.env.TAPAK_TEST_DATABASE_URL;
  if (!url) throw new Error('TAPAK_TEST_ENGINE=postgres needs TAPAK_TEST_DATABASE_URL');
  return url;
}

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
