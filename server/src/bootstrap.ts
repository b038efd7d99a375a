import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ensureRegionRegistry } from '../../seeds/regionRegistry.ts';
import app from './app.ts';
import { BoundaryStatus } from './boundaries/boundaryStatus.ts';
import type { TapakConfig } from './config.ts';
import type { TapakContext } from './context.ts';
import { type Database, openDatabase } from './db/engine.ts';
import { migrateToLatest } from './db/migrate.ts';
import { frameworkErrorHandler } from './plugins/problemDetails.ts';
import { ProgressRegistry } from './progress.ts';
import { ensureFirstAdmin } from './users/userService.ts';

/** Opens the configured engine (PostgreSQL with DATABASE_URL, else embedded PGlite), migrated and seeded. */
export async function openConfiguredDatabase(config: TapakConfig, purpose: string): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', connectionString: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: config.dataDir, purpose });
}

/** Brings a database to the newest schema and the configured region's registry; returns the context. */
export async function prepareContext(db: Database, config: TapakConfig): Promise<TapakContext> {
  await migrateToLatest(db.knex);
  const region = await ensureRegionRegistry(db.knex, config.regionCode);
  const firstAdmin = await ensureFirstAdmin(db.knex, config);
  return { db, config, region, boundaryStatus: new BoundaryStatus(), progress: new ProgressRegistry(), firstAdmin };
}

export async function buildServer(context: TapakContext, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    bodyLimit: 5 * 1024 * 1024,
    // Registering every route (zod schemas turned into OpenAPI) takes seconds; on a loaded machine it passed
    // Fastify's 10 s plugin timeout and the server refused to start (found by the reliability run).
    pluginTimeout: 120_000,
    frameworkErrors: frameworkErrorHandler,
    trustProxy: context.config.trustProxy,
    ...options,
  }).withTypeProvider<ZodTypeProvider>();
  await fastify.register(app, context);
  return fastify;
}
