// One measured run of the boundary import in a fresh process (so peak RSS is this run's alone).
// Usage: tsx scripts/bench/importOnce.ts <file> ; engine and region come from the environment
// (DATABASE_URL or TAPAK_DATA_DIR, TAPAK_REGION). Prints one JSON line.
import { openConfiguredDatabase, prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig } from '../../server/src/config.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: importOnce.ts <file>');
const config = loadConfig();
const t0 = performance.now();
const db = await openConfiguredDatabase(config, 'bench');
const context = await prepareContext(db, config);
const openedMs = performance.now() - t0;
const t1 = performance.now();
const report = await importBoundaries(db.knex, file, { regionCode: context.region.kode });
const importMs = performance.now() - t1;
await db.close();
console.log(
  JSON.stringify({
    engine: db.engine,
    region: context.region.kode,
    openAndPrepareMs: Math.round(openedMs),
    importMs: Math.round(importMs),
    featuresRead: report.features_read,
    matched: report.matched,
    repaired: report.repaired.length,
    withoutBoundary: report.without_boundary_count,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
