import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TestApp } from '../../../../tests/support/testApp.ts';
import { createTestDatabase } from '../../../../tests/support/testDatabase.ts';
import app from '../../../src/app.ts';
import { prepareContext } from '../../../src/bootstrap.ts';
import { loadConfig } from '../../../src/config.ts';
import interop from '../../../src/routes/interop/index.ts';

/**
 * The whole app plus the interop routes on a fresh database clone. Until app.ts registers the interop plugin
 * itself, it is registered here; once app.ts does, registering again would duplicate the routes, so it is not.
 */
export async function createInteropTestApp(): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const config = loadConfig({ TAPAK_OFFLINE: '1', TAPAK_WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
  const context = await prepareContext(testDb.db, config);
  const fastify = Fastify({ bodyLimit: 5 * 1024 * 1024, logger: false }).withTypeProvider<ZodTypeProvider>();
  await fastify.register(app, context);
  if (!fastify.hasRoute({ method: 'POST', url: '/api/import/parcels/preview' })) await fastify.register(interop);
  await fastify.ready();
  return {
    app: fastify,
    context,
    testDb,
    async close() {
      await fastify.close();
      await testDb.drop();
    },
  };
}
