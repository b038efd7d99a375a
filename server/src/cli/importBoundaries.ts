import { parseArgs } from 'node:util';
import { openConfiguredDatabase, prepareContext } from '../bootstrap.ts';
import { boundaryFileToImport } from '../boundaries/foreignBoundaryFile.ts';
import { importBoundaries } from '../boundaries/importBoundaries.ts';
import { loadConfig } from '../config.ts';

/**
 * `npm run import:boundaries -- <file-or-url>`: imports desa/kelurahan boundaries into the configured database,
 * creating and migrating it when needed. Progress goes to stderr, the report to stdout as JSON.
 */
const usage = `Pemakaian / usage: npm run import:boundaries -- <berkas.geojson|.geojson.gz|.sql|.zip (Shapefile)|.gpkg|.kml|.kmz|URL> [--region 32.75]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { region: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
const source = positionals[0];
if (values.help || !source) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const config = loadConfig({ ...process.env, ...(values.region ? { TAPAK_REGION: values.region } : {}) });
let exitCode = 0;
let db: Awaited<ReturnType<typeof openConfiguredDatabase>> | undefined;
try {
  db = await openConfiguredDatabase(config, `import:boundaries pid ${process.pid}`);
  const context = await prepareContext(db, config);
  console.error(`Mengimpor / importing ${source} → ${context.region.nama} (${context.region.kode}), ${db.engine}`);
  let lastPrintedAt = 0;
  // Files of other formats (Shapefile, GeoPackage, KML…) are converted to GeoJSON first; URLs are read as they are.
  const isUrl = /^(https?|file):/i.test(source);
  const toImport = isUrl ? { path: source, cleanup: async () => {} } : await boundaryFileToImport(source);
  const report = await importBoundaries(db.knex, toImport.path, {
    regionCode: context.region.kode,
    fetchTimeoutMs: config.boundaryFetchTimeoutMs,
    onProgress: ({ featuresRead, phase }) => {
      if (phase !== 'reading' || Date.now() - lastPrintedAt > 1000) {
        lastPrintedAt = Date.now();
        console.error(`  ${phase}: ${featuresRead.toLocaleString('id-ID')} fitur / features`);
      }
    },
  }).finally(toImport.cleanup);
  console.log(JSON.stringify(report, null, 2));
  console.error(
    `Selesai / done: ${report.matched} cocok / matched (${report.matched_by_name} menurut nama / by name), ` +
      `${report.unmatched.length} tidak cocok / unmatched, ${report.outside_region} di luar wilayah / outside region, ` +
      `${report.repaired.length} diperbaiki / repaired, ${report.without_boundary_count} tanpa batas / without boundary.`,
  );
} catch (error) {
  const e = error as Error & { code?: string };
  console.error(`Gagal / failed${e.code ? ` (${e.code})` : ''}: ${e.message}`);
  console.error('Tidak ada yang berubah / nothing was changed.');
  exitCode = 1;
} finally {
  await db?.close();
}
process.exit(exitCode);
