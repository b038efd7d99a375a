// OGC API – Features and vector tiles under a bounded loopback load, against the floor: the same SQL sent
// straight to PostgreSQL through `pg` with the same concurrency. Prints figures (never assertions).
// Usage: npm run bench -- ogc [--parcels 100000] [--seconds 10] [--concurrency 8] [--repeat 1] [--no-jit]
//        [--explain] [--profile] [--items-only] [--floor-defaults] [--engine pglite]
// `--engine pglite` (issue #8 item 7): the embedded engine in a fresh temporary data directory, items only (PGlite has
// no ST_AsMVT); the server runs in a child process on that directory, then, once it has exited (one process per
// data directory), a second child sends the same SQL straight to PGlite (`query`, no knex) with the same
// concurrency: PGlite runs one query at a time, so concurrent calls queue in both. No --repeat interleaving.
// Otherwise needs TAPAK_BENCH_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres): a scratch database is
// created, seeded with synthetic parcels inside the real Kota Bekasi kelurahan, and dropped afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { buildServer, openConfiguredDatabase, prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/engine.ts';
import { type Envelope, parcelItems } from '../../server/src/repositories/ogcRepository.ts';
import ogc from '../../server/src/routes/ogc/index.ts';
import { renderTile } from '../../server/src/tiles/renderTile.ts';
import { resolveTileLayer } from '../../server/src/tiles/tileLayer.ts';
import tileRoutes from '../../server/src/tiles/tileRoutes.ts';
import { prng } from './syntheticParcels.ts';

const thisFile = fileURLToPath(import.meta.url);
/** The bench server's first admin gets this API token (TAPAK_ADMIN_TOKEN); every request sends it. */
const benchToken = `tapak-bench-ogc-${process.pid}-${Date.now().toString(36)}`;
const authorization = { authorization: `Bearer ${benchToken}` };

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: a positive number`);
  return value;
}

/** Child-process mode: the whole app (plus the OGC API and tiles until app.ts registers them) on a free port. */
async function serve() {
  const config = loadConfig({ ...process.env, TAPAK_OFFLINE: '1', TAPAK_WEB_DIST: '/nonexistent', LOG_LEVEL: 'warn' });
  const db = await openConfiguredDatabase(config, 'bench');
  const server = await buildServer(await prepareContext(db, config), { logger: false });
  if (!server.hasRoute({ method: 'GET', url: '/ogc' })) await server.register(ogc);
  if (!server.hasRoute({ method: 'GET', url: '/tiles/:layer/:z/:x/:y.mvt' })) await server.register(tileRoutes);
  await server.listen({ host: '127.0.0.1', port: 0 });
  const address = server.server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
}

/**
 * N rectangles of 15–50 m a side at points PostGIS scatters inside the kelurahan (ST_GeneratePoints with a
 * fixed seed, as many per kelurahan as its share of the city's area), with attributes from the PRNG.
 */
async function seedParcels(db: Database, count: number) {
  const random = prng(20_260_101);
  const attributes = {
    width: [] as number[],
    depth: [] as number[],
    qualifies: [] as boolean[],
    score: [] as number[],
  };
  for (let i = 0; i < count; i += 1) {
    attributes.width.push(15 + random() * 35);
    attributes.depth.push(15 + random() * 35);
    attributes.qualifies.push(random() < 0.4);
    attributes.score.push(Math.round(random() * 100) / 100);
  }
  await db.knex.raw(
    `WITH k AS (
       SELECT kode, geom, ST_Area(geom::geography) AS area, row_number() OVER (ORDER BY kode) AS seed
       FROM kelurahan WHERE kode LIKE '32.75.%' AND geom IS NOT NULL
     ),
     quota AS (
       -- Cumulative rounding: each kelurahan gets its share of the city's area, and the shares add up to N.
       SELECT kode, geom, seed,
              (round(?::int * sum(area) OVER (ORDER BY kode) / sum(area) OVER ())
               - round(?::int * (sum(area) OVER (ORDER BY kode) - area) / sum(area) OVER ()))::int AS n
       FROM k
     ),
     points AS (
       SELECT q.kode, d.geom AS point, row_number() OVER (ORDER BY q.kode, d.path) AS i
       FROM quota q CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(q.geom, q.n, q.seed::int)) d
       WHERE q.n > 0
     ),
     shaped AS (
       SELECT p.kode, p.i, a.qualifies, a.score,
              ST_Multi(ST_Expand(p.point, a.width / 2 / 110574.0 / cos(radians(ST_Y(p.point))), a.depth / 2 / 110574.0)) AS geom
       FROM points p
       JOIN unnest(?::float8[], ?::float8[], ?::boolean[], ?::float8[])
         WITH ORDINALITY AS a(width, depth, qualifies, score, i) ON a.i = p.i
     )
     INSERT INTO parcels (kelurahan_kode, name, source, status, qualifies, verdict, score, geom, area_m2)
     SELECT kode, 'Bidang sintetis ' || i, (ARRAY['bmd', 'fasos_fasum', 'other'])[1 + i % 3],
            (ARRAY['kandidat', 'diverifikasi', 'diusulkan'])[1 + i % 3], qualifies,
            CASE WHEN qualifies THEN 'memenuhi' ELSE 'tidak_memenuhi' END, score, geom, ST_Area(geom::geography)
     FROM shaped`,
    // Arrays go as PostgreSQL array literals: knex would expand a JS array into a list of parameters.
    [count, count, ...Object.values(attributes).map((values) => `{${values.join(',')}}`)],
  );
  await db.knex.raw('ANALYZE parcels');
}

/** A square around the city centre holding about `target` live parcels (found by bisection on its size). */
async function boxWithHits(db: Database, target: number): Promise<{ box: Envelope; hits: number }> {
  const centre = await db.knex.raw<{ rows: Array<{ x: number; y: number }> }>(
    `SELECT ST_X(c) AS x, ST_Y(c) AS y FROM (SELECT ST_Centroid(ST_Extent(geom)::geometry) AS c FROM parcels) s`,
  );
  const { x, y } = centre.rows[0] ?? { x: 107, y: -6.27 };
  let low = 0;
  let high = 0.2;
  let best = { box: [x, y, x, y] as Envelope, hits: 0 };
  for (let step = 0; step < 30; step += 1) {
    const half = (low + high) / 2;
    const box: Envelope = [x - half, y - half, x + half, y + half];
    const result = await db.knex.raw<{ rows: Array<{ n: number }> }>(
      'SELECT count(*) AS n FROM parcels WHERE deleted_at IS NULL AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))',
      box,
    );
    const hits = Number(result.rows[0]?.n);
    best = Math.abs(hits - target) < Math.abs(best.hits - target) ? { box, hits } : best;
    if (Math.abs(hits - target) <= target * 0.005) break;
    if (hits < target) low = half;
    else high = half;
  }
  return best;
}

/** The SQL and bindings a repository call sends, in pg's $n form, to replay it as the floor. */
async function captureSql(db: Database, call: () => Promise<unknown>): Promise<{ text: string; values: unknown[] }> {
  let captured: { text: string; values: unknown[] } | undefined;
  const listener = (query: { sql: string; bindings?: unknown[] }) => {
    // The repository may wrap its query in a transaction with SET LOCAL: the floor replays the query itself.
    if (/^\s*(BEGIN|SET|COMMIT|ROLLBACK)\b/i.test(query.sql)) return;
    captured ??= { text: query.sql, values: query.bindings ?? [] };
  };
  db.knex.on('query', listener);
  try {
    await call();
  } finally {
    db.knex.removeListener('query', listener);
  }
  if (!captured) throw new Error('no query captured');
  // knex reports `?` placeholders; pg wants $1, $2, … (the SQL here has no literal question marks).
  let n = 0;
  return { text: captured.text.replace(/\?/g, () => `$${++n}`), values: captured.values };
}

/** `--explain`: the plan and timing of a floor query, on stderr. */
async function explain(pool: pg.Pool, sql: { text: string; values: unknown[] }) {
  const result = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, sql.values);
  console.error(result.rows.map((r) => r['QUERY PLAN']).join('\n'));
}

/**
 * CPU milliseconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 10 ms). A
 * negative pid reads instead the CPU of the children that process has reaped: for the postmaster, the parallel
 * workers that ended meanwhile (short-lived, so never in a list of backends), plus any other backend that ended.
 */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${Math.abs(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [user, system] = pid < 0 ? [fields[13], fields[14]] : [fields[11], fields[12]];
    return (Number(user) + Number(system)) * 10;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/** The parent of a process (a backend's parent is the postmaster), or 0. */
function parentPid(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

interface StepCost {
  wallMs: number;
  cpuMs: number;
}

/**
 * Median wall time and mean CPU time of `runs` serial calls (after two warm-up calls). CPU time is what a step
 * costs whatever else the machine does (other engineers' tests share these 2 cores); wall time is not.
 */
async function stepCost(runs: number, pids: () => Promise<number[]>, once: () => Promise<unknown>): Promise<StepCost> {
  await once();
  await once();
  const times: number[] = [];
  const watched = await pids();
  const before = watched.map(processCpuMs);
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await once();
    times.push(performance.now() - t0);
  }
  // A backend that ended meanwhile reads 0: count only processes still there.
  const cpuMs = watched.reduce((sum, pid, i) => {
    const after = processCpuMs(pid);
    return after >= (before[i] ?? 0) ? sum + after - (before[i] ?? 0) : sum;
  }, 0);
  times.sort((x, y) => x - y);
  return { wallMs: times[Math.floor(times.length / 2)] ?? 0, cpuMs: cpuMs / runs };
}

/** The parcel feature as the repository built it before it wrote features as text (json_build_object). */
const objectFeature = `json_build_object('type', 'Feature', 'id', p.id,
  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 7)::json,
  'properties', json_build_object('name', p.name, 'kelurahan_kode', p.kelurahan_kode, 'kelurahan_nama', k.nama,
    'area_m2', p.area_m2, 'qualifies', p.qualifies, 'verdict', p.verdict, 'score', p.score, 'status', p.status,
    'shortlisted', p.shortlisted, 'is_primary', p.is_primary, 'fits_prototype', p.fits_prototype,
    'source', p.source, 'owner_class', p.owner_class, 'legal_status', p.legal_status,
    'updated_at', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))`;

/**
 * `--profile`: where the time of one items page goes, one request at a time. Each SQL variant isolates one
 * piece of the repository query and runs on one connection whose backend's CPU is read from /proc; the zlib
 * cost is measured in this process on the real page text; an HTTP request counts the server process and all
 * backends of the database.
 */
async function profile(
  pool: pg.Pool,
  databaseName: string,
  serverPid: number,
  box: Envelope,
  limit: number,
  repositorySql: { text: string; values: unknown[] },
  href: string,
) {
  const runs = Number(process.env.TAPAK_BENCH_PROFILE_RUNS ?? 15);
  const where = `p.deleted_at IS NULL AND p.kelurahan_kode LIKE '32.75.%' AND ST_Intersects(p.geom, ST_MakeEnvelope($1, $2, $3, $4, 4326))`;
  const page = `SELECT p.* FROM parcels p WHERE ${where} ORDER BY p.id LIMIT ${limit}`;
  const variants: Array<[string, string]> = [
    ['bare SQL: ids of the page (the floor)', `SELECT p.id FROM parcels p WHERE ${where} ORDER BY p.id LIMIT ${limit}`],
    ['count(*) of the whole bbox', `SELECT count(*) FROM parcels p WHERE ${where}`],
    [
      'page geometry as GeoJSON text (ST_AsGeoJSON only)',
      `SELECT string_agg(ST_AsGeoJSON(p.geom, 7), ',') FROM (${page}) p`,
    ],
    ['+ ST_ForcePolygonCCW', `SELECT string_agg(ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 7), ',') FROM (${page}) p`],
    [
      'repository query before (count + page + json_build_object features)',
      `WITH matched AS MATERIALIZED (SELECT p.id AS key FROM parcels p WHERE ${where}),
       page AS MATERIALIZED (SELECT key FROM matched ORDER BY key LIMIT ${limit})
       SELECT (SELECT count(*) FROM matched) AS matched, (SELECT count(*) FROM page) AS returned,
              coalesce((SELECT json_agg(${objectFeature} ORDER BY page.key)
                        FROM page JOIN parcels p ON p.id = page.key JOIN kelurahan k ON k.kode = p.kelurahan_kode),
                       '[]'::json)::text AS features`,
    ],
  ];
  const client = await pool.connect();
  const backend = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
  const results: Array<[string, StepCost]> = [];
  let pageText = '';
  try {
    for (const [label, text] of variants)
      results.push([
        label,
        await stepCost(
          runs,
          async () => [backend],
          () => client.query(text, [...box]),
        ),
      ]);
    results.push([
      'repository query now (count + page + features as text)',
      await stepCost(
        runs,
        async () => [backend],
        async () => {
          const r = await client.query<{ features: string }>(repositorySql.text, repositorySql.values);
          pageText = r.rows[0]?.features ?? '';
        },
      ),
    ]);
  } finally {
    client.release();
  }
  for (const level of [6, 1]) {
    results.push([
      `gzip level ${level} of the page (${(pageText.length / 1024).toFixed(0)} KiB → ${(gzipSync(pageText, { level }).length / 1024).toFixed(0)} KiB)`,
      await stepCost(
        runs,
        async () => [process.pid],
        async () => gzipSync(pageText, { level }),
      ),
    ]);
  }
  const serverAndBackends = async () => {
    const rows = await pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      databaseName,
    ]);
    const backends = rows.rows.map((r) => Number(r.pid));
    const postmaster = parentPid(backends[0] ?? 0);
    return [serverPid, ...backends, ...(postmaster > 1 ? [-postmaster] : [])];
  };
  for (const encoding of ['identity', 'gzip']) {
    results.push([
      `HTTP request, Accept-Encoding ${encoding} (server + its backends + parallel workers)`,
      await stepCost(runs, serverAndBackends, async () => {
        const response = await fetch(href, { headers: { ...authorization, 'accept-encoding': encoding } });
        await response.arrayBuffer();
      }),
    ]);
  }
  const floor = results[0]?.[1] ?? { wallMs: 1, cpuMs: 1 };
  console.log(
    `\n| step (limit ${limit}, one request at a time, ${runs} runs) | CPU ms | × floor CPU | wall median ms |`,
  );
  console.log('|---|---|---|---|');
  for (const [label, cost] of results)
    console.log(
      `| ${label} | ${cost.cpuMs.toFixed(1)} | ${(cost.cpuMs / Math.max(floor.cpuMs, 0.1)).toFixed(1)} | ${cost.wallMs.toFixed(1)} |`,
    );
}

/** The 1, 5 and 15 minute load averages: the machine is shared, so every figure carries it. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

/** `concurrency` loops calling `once` until `seconds` have passed: a bounded closed-loop load. */
async function load(once: () => Promise<void>, seconds: number, concurrency: number): Promise<Figures> {
  for (let i = 0; i < concurrency * 2; i += 1) await once(); // warm-up: plans, caches, connections
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await once();
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

async function httpOnce(url: string) {
  const response = await fetch(url, { headers: authorization });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  await response.arrayBuffer();
}

/** The lon/lat → XYZ tile at zoom z. */
function tileAt(lon: number, lat: number, z: number): [number, number, number] {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return [
    z,
    Math.floor(((lon + 180) / 360) * n),
    Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n),
  ];
}

async function startServer(
  databaseUrl: string,
  engineEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', thisFile, '--serve'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, TAPAK_ADMIN_TOKEN: benchToken, ...engineEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const match = /^PORT (\d+)$/.exec(line);
    if (match) return { child, base: `http://127.0.0.1:${match[1]}` };
  }
  throw new Error('the bench server did not start');
}

async function bench() {
  if (process.argv.includes('--engine') && process.argv[process.argv.indexOf('--engine') + 1] === 'pglite') {
    await benchPglite();
    return;
  }
  const adminUrl = process.env.TAPAK_BENCH_DATABASE_URL;
  if (!adminUrl) {
    console.log('Dilewati / skipped: set TAPAK_BENCH_DATABASE_URL=postgres://…/postgres (PostgreSQL + PostGIS).');
    return;
  }
  const parcels = option('parcels', 100_000);
  const seconds = option('seconds', 10);
  const concurrency = option('concurrency', 8);
  const repeat = option('repeat', 1);
  const shared = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

  const name = `tapak_bench_ogc_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let server: ChildProcess | undefined;
  // The floor connections run with the session settings the server uses for the same query, so that the ratio
  // compares the server with the database at its best: jit off (the server's pool sets it on every connection)
  // and, for items pages, no parallel workers (the repository sets that per query). `--floor-defaults` leaves the
  // database's own defaults instead (JIT and parallel workers on unless `--no-jit`).
  const floorDefaults = process.argv.includes('--floor-defaults');
  const floorPool = (options: string) => {
    const created = new pg.Pool({
      connectionString: databaseUrl,
      max: concurrency,
      ...(floorDefaults ? {} : { options }),
    });
    // pool.end() does not wait for the sockets to close: the final DROP … WITH (FORCE) may still reach one.
    created.on('error', () => {});
    return created;
  };
  const pool = floorPool('-c jit=off -c max_parallel_workers_per_gather=0');
  const tilePool = floorPool('-c jit=off');
  const rows: string[] = [];
  try {
    const config = loadConfig({ DATABASE_URL: databaseUrl, TAPAK_OFFLINE: '1', LOG_LEVEL: 'warn' });
    const db = await openConfiguredDatabase(config, 'bench');
    const context = await prepareContext(db, config);
    await importBoundaries(db.knex, path.join(shared, 'kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const t0 = performance.now();
    await seedParcels(db, parcels);
    const seeded = Number((await db.knex('parcels').count('* as n'))[0]?.n);
    console.error(`seeded ${seeded} parcels in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // `--no-jit`: PostgreSQL's JIT compiles any query whose estimated cost passes jit_above_cost, and PostGIS
    // rates ST_Intersects expensive, so a bbox over a few thousand parcels pays ~25 ms of compilation per query.
    if (process.argv.includes('--no-jit')) await admin.query(`ALTER DATABASE ${name} SET jit = off`);
    const { box, hits } = await boxWithHits(db, 5000);
    const started = await startServer(databaseUrl);
    server = started.child;

    const fmt = (n: number, digits = 1) => n.toFixed(digits);
    const row = (label: string, app: Figures, floor: Figures) =>
      `| ${label} | ${fmt(app.perSecond)} | ${fmt(app.p50)} | ${fmt(app.p99)} | ${fmt(floor.perSecond)} | ` +
      `${fmt(floor.p50)} | ${fmt(floor.p99)} | ${fmt(app.perSecond / floor.perSecond, 2)} |` +
      (app.errors + floor.errors > 0 ? ` errors ${app.errors}/${floor.errors}` : '');

    for (const limit of [1000, 5000]) {
      const query = { filter: {}, envelopes: [box], limit, offset: 0 };
      const sql = await captureSql(db, () => parcelItems(db.knex, context.region.kode, query));
      if (process.argv.includes('--explain')) await explain(pool, sql);
      const href = `${started.base}/ogc/collections/parcels/items?bbox=${box.join(',')}&limit=${limit}`;
      if (process.argv.includes('--profile')) {
        await profile(pool, name, started.child.pid ?? 0, box, limit, sql, href);
        continue;
      }
      // The bare SQL: only the ids of the page (same bbox, order and limit), no count and no JSON — what any
      // server must at least ask PostgreSQL. `--repeat N` measures app, floor and bare N times, interleaved
      // (the machine is shared), and keeps each one's median run by requests/s.
      const bare = {
        text: `SELECT p.id FROM parcels p WHERE p.deleted_at IS NULL AND p.kelurahan_kode LIKE $1
               AND ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4326)) ORDER BY p.id LIMIT $6`,
        values: ['32.75.%', ...box, limit],
      };
      const runs: Record<'app' | 'floor' | 'bare', Figures[]> = { app: [], floor: [], bare: [] };
      for (let r = 0; r < repeat; r += 1) {
        runs.app.push(await load(() => httpOnce(href), seconds, concurrency));
        runs.floor.push(await load(async () => void (await pool.query(sql.text, sql.values)), seconds, concurrency));
        runs.bare.push(await load(async () => void (await pool.query(bare.text, bare.values)), seconds, concurrency));
      }
      const median = (list: Figures[]) =>
        [...list].sort((x, y) => x.perSecond - y.perSecond)[Math.floor(list.length / 2)] as Figures;
      const [app, floor, bareFloor] = [median(runs.app), median(runs.floor), median(runs.bare)];
      rows.push(
        `${row(`OGC items, bbox ${hits} hits, limit ${limit}`, app, floor)} ${fmt(bareFloor.perSecond)} | ` +
          `${fmt(app.perSecond / bareFloor.perSecond, 2)} | ${runs.app.map((f) => fmt(f.perSecond)).join(' / ')} |`,
      );
      console.error(rows[rows.length - 1]);
    }

    const [lon, lat] = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
    const layer = await resolveTileLayer(db.knex, 'parcels');
    const skipTiles = process.argv.includes('--profile') || process.argv.includes('--items-only');
    for (const z of skipTiles ? [] : [12, 13, 14, 15, 16]) {
      const [, x, y] = tileAt(lon, lat, z);
      let bytes = 0;
      const sql = await captureSql(db, async () => {
        bytes = (await renderTile(db, layer, { z, x, y }, context.region.kode, 'st_asmvt')).length;
      });
      if (process.argv.includes('--explain')) await explain(tilePool, sql);
      const href = `${started.base}/tiles/parcels/${z}/${x}/${y}.mvt`;
      const app = await load(() => httpOnce(href), seconds, concurrency);
      const floor = await load(
        async () => {
          await tilePool.query(sql.text, sql.values);
        },
        seconds,
        concurrency,
      );
      rows.push(row(`tile parcels z${z} (${(bytes / 1024).toFixed(0)} KiB)`, app, floor));
      console.error(rows[rows.length - 1]);
    }
    await db.close();
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await pool.end();
    await tilePool.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }

  console.log(
    `Mesin / machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `${parcels} parcels, ${seconds} s per case, concurrency ${concurrency}; floor = the same SQL through pg ` +
      `(${floorDefaults ? "the database's default settings" : "the server's session settings"}); ` +
      `load average ${loadAverage()}`,
  );
  console.log('');
  console.log(
    '| case | req/s | p50 ms | p99 ms | floor req/s | floor p50 ms | floor p99 ms | ratio | bare SQL req/s | ratio to bare | runs req/s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const line of rows) console.log(line);
}

interface FloorCase {
  label: string;
  sql: { text: string; values: unknown[] };
}

/** PGlite floor, in its own process: each SQL straight to the PGlite instance, `concurrency` callers queued. */
async function pgliteFloor(dataDir: string, casesFile: string) {
  const { seconds, concurrency, cases } = JSON.parse(fs.readFileSync(casesFile, 'utf8')) as {
    seconds: number;
    concurrency: number;
    cases: FloorCase[];
  };
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const pglite = await PGlite.create(dataDir, { extensions: { postgis } });
  const results: Record<string, Figures> = {};
  for (const c of cases) {
    results[c.label] = await load(
      async () => void (await pglite.query(c.sql.text, c.sql.values)),
      seconds,
      concurrency,
    );
  }
  await pglite.close();
  console.log(`FLOOR ${JSON.stringify(results)}`);
}

/** `--engine pglite`: OGC items on the embedded engine, against the same SQL on the same PGlite database. */
async function benchPglite() {
  const parcels = option('parcels', 10_000);
  const seconds = option('seconds', 10);
  const concurrency = option('concurrency', 8);
  const shared = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-bench-ogc-pglite-'));
  const engineEnv = { TAPAK_DATA_DIR: dataDir };
  const fmt = (n: number, digits = 1) => n.toFixed(digits);
  const rows: string[] = [];
  let server: ChildProcess | undefined;
  try {
    const config = loadConfig({ DATABASE_URL: '', TAPAK_DATA_DIR: dataDir, TAPAK_OFFLINE: '1', LOG_LEVEL: 'warn' });
    const db = await openConfiguredDatabase(config, 'bench');
    const context = await prepareContext(db, config);
    await importBoundaries(db.knex, path.join(shared, 'kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const t0 = performance.now();
    await seedParcels(db, parcels);
    const seeded = Number((await db.knex('parcels').count('* as n'))[0]?.n);
    console.error(`seeded ${seeded} parcels in ${((performance.now() - t0) / 1000).toFixed(1)} s (PGlite)`);
    const { box, hits } = await boxWithHits(db, 5000);
    const cases: FloorCase[] = [];
    const hrefs: string[] = [];
    for (const limit of [1000, 5000]) {
      const query = { filter: {}, envelopes: [box], limit, offset: 0 };
      const sql = await captureSql(db, () => parcelItems(db.knex, context.region.kode, query));
      cases.push({ label: `floor ${limit}`, sql });
      cases.push({
        label: `bare ${limit}`,
        sql: {
          text: `SELECT p.id FROM parcels p WHERE p.deleted_at IS NULL AND p.kelurahan_kode LIKE $1
                 AND ST_Intersects(p.geom, ST_MakeEnvelope($2, $3, $4, $5, 4326)) ORDER BY p.id LIMIT $6`,
          values: ['32.75.%', ...box, limit],
        },
      });
      hrefs.push(`/ogc/collections/parcels/items?bbox=${box.join(',')}&limit=${limit}`);
    }
    await db.close();

    const started = await startServer('', engineEnv);
    server = started.child;
    const app: Figures[] = [];
    for (const href of hrefs) {
      app.push(await load(() => httpOnce(`${started.base}${href}`), seconds, concurrency));
      console.error(`app ${href}: ${fmt(app[app.length - 1]?.perSecond ?? 0)} req/s`);
    }
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    server = undefined;

    const casesFile = path.join(dataDir, '..', `${path.basename(dataDir)}.cases.json`);
    fs.writeFileSync(casesFile, JSON.stringify({ seconds, concurrency, cases }));
    let floors: Record<string, Figures> = {};
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', thisFile, '--pglite-floor', dataDir, casesFile], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
        if (line.startsWith('FLOOR ')) floors = JSON.parse(line.slice(6));
      }
    } finally {
      fs.rmSync(casesFile, { force: true });
    }
    [1000, 5000].forEach((limit, i) => {
      const a = app[i] as Figures;
      const floor = floors[`floor ${limit}`] as Figures;
      const bare = floors[`bare ${limit}`] as Figures;
      rows.push(
        `| OGC items, bbox ${hits} hits, limit ${limit} | ${fmt(a.perSecond)} | ${fmt(a.p50)} | ${fmt(a.p99)} | ` +
          `${fmt(floor.perSecond)} | ${fmt(floor.p50)} | ${fmt(floor.p99)} | ${fmt(a.perSecond / floor.perSecond, 2)} | ` +
          `${fmt(bare.perSecond)} | ${fmt(a.perSecond / bare.perSecond, 2)} |` +
          (a.errors + floor.errors > 0 ? ` errors ${a.errors}/${floor.errors}` : ''),
      );
    });
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `Mesin / machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `PGlite (embedded); ${parcels} parcels, ${seconds} s per case, concurrency ${concurrency}; floor = the same SQL ` +
      `straight to PGlite (its own query(), same concurrency, queued), in a fresh process on the same data directory; ` +
      `load average ${loadAverage()}`,
  );
  console.log('');
  console.log(
    '| case | req/s | p50 ms | p99 ms | floor req/s | floor p50 ms | floor p99 ms | ratio | bare SQL req/s | ratio to bare |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const line of rows) console.log(line);
}

if (process.argv.includes('--serve')) await serve();
else if (process.argv.includes('--pglite-floor')) {
  const at = process.argv.indexOf('--pglite-floor');
  await pgliteFloor(process.argv[at + 1] ?? '', process.argv[at + 2] ?? '');
} else await bench();
