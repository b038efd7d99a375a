import type { FastifyInstance } from 'fastify';
import { buildServer, prepareContext } from '../../server/src/bootstrap.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { TapakContext } from '../../server/src/context.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';

export interface TestApp {
  app: FastifyInstance;
  context: TapakContext;
  testDb: TestDatabase;
  close(): Promise<void>;
}

/** The whole app on a fresh database clone, for `app.inject(...)`; offline, no web build, quiet logs. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ TAPAK_OFFLINE: '1', TAPAK_WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent', ...env });
  const context = await prepareContext(testDb.db, config);
  const app = await buildServer(context, { logger: false });
  await app.ready();
  return {
    app,
    context,
    testDb,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}
