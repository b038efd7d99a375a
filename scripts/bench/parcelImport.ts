// Import of 10k and 100k synthetic parcels (issue #8 item 6): time, parcels/s and peak RSS, on each engine,
// through the product's own import pipeline (previewImport → commitImport, what POST /api/import/parcels/preview
// and …/:import_id/commit call) into a fresh database holding the Kota Bekasi boundaries. Prints figures (never
// assertions), each beside a floor measured in the same run: the same geometries read from the same files and
// sent as a bare `INSERT … SELECT ST_Multi(ST_GeomFromGeoJSON(…))` into a scratch table with a GiST index, in
// batches of 5,000, in a fresh process on the same database.
// The product accepts at most 20,000 features per import (maxImportFeatures: "split it by kecamatan"), so N
// parcels are written as ⌈N / 20,000⌉ GeoJSON files (kelurahan order) and imported one after another.
// Usage: npm run bench -- parcelImport [--parcels 10000,100000] [--engine pglite|postgres|both]
//   PostgreSQL runs when TAPAK_BENCH_DATABASE_URL is set (a maintenance database; a scratch database is
//   created and dropped per run); PGlite gets a fresh temporary data directory per run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openConfiguredDatabase, prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import { commitImport } from '../../server/src/interop/commitImport.ts';
import { maxImportFeatures, previewImport } from '../../server/src/interop/previewImport.ts';
import { benchActor, scratchEngine } from './scratchEngine.ts';
import { defaultKelurahanFile, syntheticParcels, writeFeatureCollection } from './syntheticParcels.ts';

const thisFile = fileURLToPath(import.meta.url);

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Peak RSS (VmHWM) of the PostgreSQL backends of a database, largest first: the server's side of the import. */
async function backendPeaksMB(knexRaw: (sql: string) => Promise<{ rows: Array<{ pid: number }> }>) {
  const rows = (await knexRaw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows;
  const peaks = rows.map(({ pid }) => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      return 0;
    }
  });
  return Math.max(0, ...peaks);
}

/** Child: open the database (fresh), boundaries, then import every file through preview + commit. */
async function childImport(files: string[]) {
  const config = loadConfig({ ...process.env, TAPAK_OFFLINE: '1', LOG_LEVEL: 'warn' });
  const db = await openConfiguredDatabase(config, 'bench');
  const context = await prepareContext(db, config);
  await importBoundaries(db.knex, defaultKelurahanFile(), { regionCode: '32.75' });
  const actor = benchActor;
  const rssBeforeMB = peakRssMB();
  let previewMs = 0;
  let commitMs = 0;
  let created = 0;
  const t0 = performance.now();
  for (const file of files) {
    const t1 = performance.now();
    const preview = await previewImport(await fs.promises.readFile(file));
    if (preview.blocking_count > 0) throw new Error(`${file}: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    const t2 = performance.now();
    const result = await commitImport(
      context,
      { actor, route: 'bench parcelImport' },
      preview.import_id,
      // The suggestion maps Tapak's own field names (name, source, kib_a_hak, …); the synthetic_* fields stay out.
      { mapping: preview.mapping_suggestion },
    );
    const t3 = performance.now();
    previewMs += t2 - t1;
    commitMs += t3 - t2;
    created += result.created_count;
    console.error(
      `  ${path.basename(file)}: preview ${((t2 - t1) / 1000).toFixed(1)} s, commit ${((t3 - t2) / 1000).toFixed(1)} s, ` +
        `${result.created_count} parcels, peak RSS ${peakRssMB()} MB`,
    );
  }
  const totalMs = performance.now() - t0;
  const verdicts = (
    await db.knex.raw<{ rows: Array<{ verdict: string; n: number }> }>(
      'SELECT verdict, count(*)::int AS n FROM parcels GROUP BY verdict ORDER BY verdict',
    )
  ).rows;
  const backendMB = db.engine === 'postgres' ? await backendPeaksMB((sql) => db.knex.raw(sql)) : 0;
  await db.close();
  console.log(
    JSON.stringify({ totalMs, previewMs, commitMs, created, rssBeforeMB, peakRssMB: peakRssMB(), backendMB, verdicts }),
  );
}

/** Child: the floor — the same files' geometries, bare INSERT … SELECT into a scratch table, on the same database. */
async function childFloor(files: string[]) {
  const config = loadConfig({ ...process.env, TAPAK_OFFLINE: '1', LOG_LEVEL: 'warn' });
  const db = await openConfiguredDatabase(config, 'bench');
  await db.knex.raw('DROP TABLE IF EXISTS bench_floor_parcels');
  await db.knex.raw(
    'CREATE TABLE bench_floor_parcels (id bigserial PRIMARY KEY, geom geometry(MultiPolygon, 4326) NOT NULL)',
  );
  await db.knex.raw('CREATE INDEX ON bench_floor_parcels USING gist (geom)');
  const rssBeforeMB = peakRssMB();
  const t0 = performance.now();
  let inserted = 0;
  await db.knex.transaction(async (trx) => {
    for (const file of files) {
      const collection = JSON.parse(await fs.promises.readFile(file, 'utf8')) as {
        features: Array<{ geometry: unknown }>;
      };
      for (let start = 0; start < collection.features.length; start += 5000) {
        const batch = collection.features.slice(start, start + 5000).map((f) => JSON.stringify(f.geometry));
        const result = await trx.raw(
          `INSERT INTO bench_floor_parcels (geom)
           SELECT ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)) FROM unnest(?::text[]) AS g`,
          [batch],
        );
        inserted += Number((result as { rowCount?: number }).rowCount ?? batch.length);
      }
    }
  });
  const totalMs = performance.now() - t0;
  await db.knex.raw('DROP TABLE bench_floor_parcels');
  const backendMB = db.engine === 'postgres' ? await backendPeaksMB((sql) => db.knex.raw(sql)) : 0;
  await db.close();
  console.log(JSON.stringify({ totalMs, inserted, rssBeforeMB, peakRssMB: peakRssMB(), backendMB }));
}

function runChild(mode: 'import' | 'floor', env: Record<string, string>, files: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--child', mode, ...files], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${mode} child failed (${result.status}): ${result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}');
}

async function bench() {
  const sizes = (argument('parcels') ?? '10000,100000').split(',').map(Number);
  const adminUrl = process.env.TAPAK_BENCH_DATABASE_URL;
  const engineArg = argument('engine') ?? 'both';
  const engines = (['pglite', 'postgres'] as const).filter(
    (e) => (engineArg === 'both' || engineArg === e) && (e === 'pglite' || adminUrl),
  );
  if (engineArg === 'postgres' && !adminUrl) console.log('PostgreSQL skipped: set TAPAK_BENCH_DATABASE_URL.');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-bench-parcel-import-'));
  const fmt = (n: number, digits = 1) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits }).format(n);
  const rows: string[] = [];
  const loads: string[] = [];
  try {
    for (const size of sizes) {
      const parcels = syntheticParcels({ count: size });
      const files: string[] = [];
      let bytes = 0;
      for (let start = 0; start < parcels.length; start += maxImportFeatures) {
        const file = path.join(work, `parcels-${size}-${files.length + 1}.geojson`);
        bytes += writeFeatureCollection(file, parcels.slice(start, start + maxImportFeatures));
        files.push(file);
      }
      console.error(`${size} parcels → ${files.length} file(s), ${fmt(bytes / 2 ** 20)} MiB`);
      for (const engine of engines) {
        const { env, cleanup } = await scratchEngine(engine, {
          adminUrl,
          name: `tapak_bench_parcel_import_${process.pid}`,
          region: '32.75',
        });
        try {
          const loadBefore = os.loadavg()[0] ?? 0;
          console.error(`${engine}, ${size}: import (load ${fmt(loadBefore)})`);
          const imported = runChild('import', env, files);
          console.error(`${engine}, ${size}: floor`);
          const floor = runChild('floor', env, files);
          const loadAfter = os.loadavg()[0] ?? 0;
          loads.push(`${engine} ${size}: ${fmt(loadBefore)} → ${fmt(loadAfter)}`);
          const perSecond = (imported.created / imported.totalMs) * 1000;
          const floorPerSecond = (floor.inserted / floor.totalMs) * 1000;
          rows.push(
            `| ${engine} | ${fmt(size, 0)} (${files.length} file${files.length > 1 ? 's' : ''}) | ` +
              `${fmt(imported.totalMs / 1000)} s (preview ${fmt(imported.previewMs / 1000)} s, commit ${fmt(imported.commitMs / 1000)} s) | ` +
              `${fmt(perSecond, 0)} | ${fmt(imported.peakRssMB, 0)} MB (${fmt(imported.rssBeforeMB, 0)} MB before)` +
              `${engine === 'postgres' ? `; backend ${fmt(imported.backendMB, 0)} MB` : ''} | ` +
              `${fmt(floor.totalMs / 1000)} s, ${fmt(floorPerSecond, 0)}/s, ${fmt(floor.peakRssMB, 0)} MB` +
              `${engine === 'postgres' ? `; backend ${fmt(floor.backendMB, 0)} MB` : ''} | ` +
              `×${fmt(imported.totalMs / floor.totalMs)} | ${imported.created} / ${floor.inserted} | ` +
              `${(imported.verdicts as Array<{ verdict: string; n: number }>).map((v) => `${v.verdict} ${v.n}`).join(', ')} |`,
          );
          console.error(rows[rows.length - 1]);
        } finally {
          await cleanup();
        }
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  console.log(
    `Mesin / machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `${new Date().toISOString()}, commit ${commit}; load average (1 min) before → after each run: ${loads.join('; ')}`,
  );
  console.log('');
  console.log(
    '| engine | parcels | import (preview + commit) | parcels/s | peak RSS (import process) | floor: bare INSERT of the geometries | import / floor | created / floor rows | verdicts |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
}

const childMode = argument('child');
const childFiles = process.argv.slice(process.argv.indexOf('--child') + 2);
if (childMode === 'import') await childImport(childFiles);
else if (childMode === 'floor') await childFloor(childFiles);
else await bench();
