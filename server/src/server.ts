import { buildServer, openConfiguredDatabase, prepareContext } from './bootstrap.ts';
import { fetchPublicBoundariesIfMissing } from './boundaries/fetchPublicBoundaries.ts';
import { loadConfig } from './config.ts';
import { measureUnmeasuredParcels } from './parcels/measureUnmeasuredParcels.ts';

/**
 * The process: configuration, database, listen, first-start boundary fetch, and a clean shutdown.
 * Only this file touches the process; the app itself is a plugin (app.ts).
 */
const config = loadConfig();
const db = await openConfiguredDatabase(config, `tapak server pid ${process.pid}`);
const context = await prepareContext(db, config);
const server = await buildServer(context, {
  logger: { level: config.logLevel },
  connectionTimeout: 120_000,
  requestTimeout: 30 * 60_000,
  keepAliveTimeout: 10_000,
});

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  server.log.info({ signal }, 'shutting down');
  const forced = setTimeout(() => process.exit(1), 15_000);
  forced.unref();
  try {
    await server.close();
    await db.close();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await server.listen({ port: config.port, host: config.host });
server.log.info(
  `Tapak: ${context.region.nama} (${context.region.kode}) on ${db.engine} — http://localhost:${config.port}`,
);
if (context.firstAdmin?.generatedPassword) {
  server.log.warn(
    `Admin pertama dibuat / first admin created: user "${context.firstAdmin.username}", password "${context.firstAdmin.generatedPassword}" — ditampilkan sekali ini saja; gantilah setelah masuk / shown only this once; change it after logging in.`,
  );
} else if (context.firstAdmin) {
  server.log.info(
    `first admin "${context.firstAdmin.username}" ready${context.firstAdmin.tokenAttached ? ' with TAPAK_ADMIN_TOKEN' : ''}`,
  );
}
void fetchPublicBoundariesIfMissing(context, server.log).catch((error) =>
  server.log.error({ err: error }, 'first-start boundary fetch failed'),
);
// Parcels stored before saves kept their overlay measurements (an upgrade) are measured now, in the
// background, rather than inside the first layer or criteria change. Small batches on the embedded engine:
// its one connection serves the requests in between.
void measureUnmeasuredParcels(db.knex, {
  batchSize: db.engine === 'pglite' ? 200 : 1000,
  progress: context.progress,
})
  .then((measured) => {
    if (measured > 0) server.log.info(`${measured} parcels measured against the overlay layers`);
  })
  .catch((error) => {
    // A shutdown closes the database under it: not a failure worth reporting. Otherwise the next layer or
    // criteria change measures whatever is left.
    if (!closing) server.log.error({ err: error }, 'measuring parcels against the overlay layers failed');
  });
