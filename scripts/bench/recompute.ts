// Re-judging every parcel after a layer or criteria change: N seeded synthetic parcels inside the real Bekasi
// kelurahan and five overlay layers, on PostgreSQL (TAPAK_BENCH_DATABASE_URL, a maintenance database; a scratch
// database is created and dropped) or, without it, on embedded PGlite. Prints figures, no assertions: each step
// as a ratio to two floors measured in the same run (the overlay measurements alone, a bare UPDATE of every row).
// Usage: npm run bench -- recompute [--parcels 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import pg from 'pg';
import { areaSquareMeters, createLocalProjection } from '../../core/src/index.ts';
import { prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/engine.ts';
import { rejudgeParcels } from '../../server/src/parcels/rejudgeParcels.ts';
import {
  type CriteriaVersion,
  currentCriteria,
  saveCriteria,
} from '../../server/src/repositories/criteriaRepository.ts';
import { insertLayer, insertLayerFeatures, measureOverlays } from '../../server/src/repositories/overlayRepository.ts';

const argIndex = process.argv.indexOf('--parcels');
const parcelCount = argIndex > 0 ? Number(process.argv[argIndex + 1]) : 100_000;
const shared = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
const adminUrl = process.env.TAPAK_BENCH_DATABASE_URL;

let seed = 20261128;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

const scratch = `tapak_bench_recompute_${process.pid}`;
let dataDir: string | undefined;
if (adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  await admin.end();
} else {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-bench-recompute-'));
}
const url = adminUrl ? Object.assign(new URL(adminUrl), { pathname: `/${scratch}` }).toString() : '';
const db = adminUrl
  ? await openDatabase({ engine: 'postgres', connectionString: url })
  : await openDatabase({ engine: 'pglite', dataDir });
try {
  await prepareContext(db, loadConfig({ TAPAK_OFFLINE: '1', LOG_LEVEL: 'silent' }));
  await importBoundaries(db.knex, path.join(shared, 'kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
  const { version } = await currentCriteria(db.knex);

  // Parcels: rectangles and L-shapes of 200–3,000 m² at random points inside random kelurahan.
  const points = await db.knex.raw<{ rows: Array<{ kode: string; lon: number; lat: number }> }>(
    `SELECT k.kode, ST_X(d.geom) AS lon, ST_Y(d.geom) AS lat
     FROM kelurahan k, LATERAL ST_Dump(ST_GeneratePoints(k.geom, ?, 7)) d
     WHERE k.geom IS NOT NULL`,
    [Math.ceil(parcelCount / 56)],
  );
  const started = performance.now();
  const rows = points.rows.slice(0, parcelCount).map((point, i) => {
    const projection = createLocalProjection([point.lon, point.lat]);
    const areaTarget = 200 + random() * 2800;
    const aspect = 0.4 + random() * 0.6;
    const w = Math.sqrt(areaTarget / aspect);
    const h = w * aspect;
    const angle = random() * Math.PI;
    const local =
      i % 4 === 3
        ? [
            [0, 0],
            [w, 0],
            [w, h / 2],
            [w / 2, h / 2],
            [w / 2, h],
            [0, h],
            [0, 0],
          ]
        : [
            [0, 0],
            [w, 0],
            [w, h],
            [0, h],
            [0, 0],
          ];
    const ring = local.map(([x = 0, y = 0]) =>
      projection.toLonLat([x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)]),
    );
    const geometry = { type: 'Polygon' as const, coordinates: [ring] };
    return {
      kelurahan_kode: point.kode,
      name: `Bidang uji ${i + 1}`,
      source: i % 3 === 0 ? 'fasos_fasum' : 'bmd',
      owner_class: 'pemkot_bmd',
      legal_status: i % 10 === 0 ? 'sengketa' : 'bersih',
      geometry: JSON.stringify(geometry),
      area_m2: areaSquareMeters(geometry),
    };
  });
  for (let start = 0; start < rows.length; start += 5000) {
    await db.knex.raw(
      `INSERT INTO parcels (kelurahan_kode, name, source, owner_class, legal_status, geom, area_m2, criteria_version)
       SELECT r.kelurahan_kode, r.name, r.source, r.owner_class, r.legal_status,
              ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)), r.area_m2, ?
       FROM json_to_recordset(?::json) AS r(kelurahan_kode text, name text, source text, owner_class text,
            legal_status text, geometry text, area_m2 float8)`,
      [version, JSON.stringify(rows.slice(start, start + 5000))],
    );
  }
  const seededMs = performance.now() - started;
  // As autovacuum would after a bulk load: the planner needs row counts to pick index scans.
  await db.knex.raw('ANALYZE parcels');

  // Five layers: flood and RTH polygons, SUTET lines, roads, facilities.
  const [west, south, east, north] = [106.92, -6.38, 107.05, -6.18];
  const at = (): [number, number] => [west + random() * (east - west), south + random() * (north - south)];
  const square = (center: [number, number], size: number) => {
    const p = createLocalProjection(center);
    const s = size / 2;
    return {
      type: 'Polygon',
      coordinates: [
        [
          [-s, -s],
          [s, -s],
          [s, s],
          [-s, s],
          [-s, -s],
        ].map((q) => p.toLonLat(q)),
      ],
    };
  };
  const line = (from: [number, number], to: [number, number]) => ({ type: 'LineString', coordinates: [from, to] });
  const f = (geometry: unknown, properties: Record<string, unknown> = {}) => ({
    type: 'Feature' as const,
    geometry,
    properties,
  });
  const layerSpecs = [
    {
      name: 'Banjir',
      kind: 'flood',
      features: Array.from({ length: 40 }, () => f(square(at(), 200 + random() * 400))),
    },
    { name: 'RTH', kind: 'rth', features: Array.from({ length: 40 }, () => f(square(at(), 100 + random() * 200))) },
    { name: 'SUTET', kind: 'sutet', features: Array.from({ length: 3 }, () => f(line(at(), at()))) },
    {
      name: 'Jalan',
      kind: 'road',
      features: Array.from({ length: 400 }, (_, i) =>
        f(line(at(), at()), { class: ['arteri', 'kolektor', 'lokal'][i % 3] }),
      ),
    },
    {
      name: 'Fasilitas',
      kind: 'facility',
      features: Array.from({ length: 200 }, () => f({ type: 'Point', coordinates: at() })),
    },
  ] as const;
  // Stored straight through the repository: re-judging is what is measured below, not during seeding.
  await db.knex.transaction(async (trx) => {
    for (const spec of layerSpecs) {
      const id = await insertLayer(trx, { name: spec.name, kind: spec.kind, params: {} });
      await insertLayerFeatures(trx, id, spec.kind, undefined, spec.features);
    }
  });
  await db.knex.raw('ANALYZE overlay_features');

  // Every step runs the real code path in its own transaction; `written` counts the rows that transaction
  // rewrote (their xmin is its id), i.e. the judgements that actually changed.
  const timed = async (run: (trx: Knex.Transaction) => Promise<unknown>) => {
    // Dead row versions of the previous step would otherwise be cleaned up (or not) inside this one.
    await db.knex.raw('VACUUM parcels');
    const started = performance.now();
    const written = await db.knex.transaction(async (trx) => {
      await run(trx);
      const count = await trx.raw<{ rows: Array<{ n: number }> }>(
        'SELECT count(*)::int AS n FROM parcels WHERE xmin = pg_current_xact_id()::xid',
      );
      return Number(count.rows[0]?.n ?? 0);
    });
    return { ms: performance.now() - started, written };
  };
  const rejudgeAll = (criteria: CriteriaVersion, refitFootprint: boolean) => (trx: Knex.Transaction) =>
    rejudgeParcels(trx, 'all', criteria, { refitFootprint });

  const t0 = performance.now();
  const measured = await measureOverlays(db.knex, { parcelIds: 'all' });
  const floorMs = performance.now() - t0;
  const initial = await currentCriteria(db.knex);
  // The seeded parcels have no checks yet: every judgement changes, as when the first layer of a kind appears.
  const firstJudgement = await timed(rejudgeAll(initial, false));
  // The same rows rewritten with nothing computed and nothing new to store: the write floor.
  const bareUpdate = await timed((trx) => trx.raw('UPDATE parcels SET score = score WHERE deleted_at IS NULL'));
  const unchanged = await timed(rejudgeAll(initial, false));
  // A second flood layer: the kind already exists, so only the parcels under it change.
  await db.knex.transaction(async (trx) => {
    const id = await insertLayer(trx, { name: 'Banjir 2', kind: 'flood', params: {} });
    await insertLayerFeatures(
      trx,
      id,
      'flood',
      undefined,
      Array.from({ length: 40 }, () => f(square(at(), 200 + random() * 400))),
    );
  });
  const layerChange = await timed(rejudgeAll(initial, false));
  // Every area_min message names the minimum: every parcel's checks change.
  const minArea = await saveCriteria(db.knex, { ...initial.criteria, min_area_m2: 650 }, null);
  const criteriaChange = await timed(rejudgeAll(minArea, false));
  const wider = await saveCriteria(db.knex, { ...minArea.criteria, footprint_width_m: 32 }, null);
  const refit = await timed(rejudgeAll(wider, true));

  const s = (ms: number) => `${(ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 })} s`;
  const ratio = (ms: number, base: number) => (ms / base).toLocaleString('id-ID', { maximumFractionDigits: 2 });
  console.log(
    `Mesin / machine: ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}, Node ${process.version}, engine ${db.engine}, ${new Date().toISOString()}`,
  );
  console.log(
    `Bidang / parcels: ${rows.length.toLocaleString('id-ID')} (seeded in ${s(seededMs)}), layers: 5, measured parcels: ${measured.size}`,
  );
  console.log('');
  console.log('| step | rows rewritten | time | ratio to measuring | ratio to bare UPDATE |');
  console.log('|---|---|---|---|---|');
  const printStep = (label: string, step: { ms: number; written: number }) =>
    console.log(
      `| ${label} | ${step.written.toLocaleString('id-ID')} | ${s(step.ms)} | ${ratio(step.ms, floorMs)} | ${ratio(step.ms, bareUpdate.ms)} |`,
    );
  console.log(
    `| floor: overlay measurements alone (3 set-based queries) | 0 | ${s(floorMs)} | 1 | ${ratio(floorMs, bareUpdate.ms)} |`,
  );
  printStep('floor: bare UPDATE of every row (`SET score = score`)', bareUpdate);
  printStep('re-judge all, every judgement changes (first layers)', firstJudgement);
  printStep('re-judge all, nothing changed', unchanged);
  printStep('re-judge all after a second flood layer', layerChange);
  printStep('re-judge all after min. area 600 → 650 m² (every check list changes)', criteriaChange);
  printStep('re-judge all with footprint re-fit (30 × 20 → 32 × 20 m)', refit);
  console.log('\n(target ≤ 30 s for 100,000 parcels with five layers, whatever changed)');
} finally {
  await db.close();
  if (adminUrl && !process.env.TAPAK_BENCH_KEEP) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
