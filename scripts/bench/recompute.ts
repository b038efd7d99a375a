// Re-judging every parcel after a layer or criteria change: N seeded synthetic parcels inside the real Bekasi
// kelurahan and five overlay layers, on PostgreSQL (TAPAK_BENCH_DATABASE_URL, a maintenance database; a scratch
// database is created and dropped) or, without it, on embedded PGlite. Prints figures, no assertions: each step
// as a ratio to two floors measured in the same run (the overlay measurements alone, a bare UPDATE of every row).
// Layer and criteria changes go through the services the API calls (createLayer, replaceLayerFeatures,
// deleteLayer, changeCriteria), so each step times what a planner waits for.
// Usage: npm run bench -- recompute [--parcels 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { areaSquareMeters, createLocalProjection, layerCreateSchema } from '../../core/src/index.ts';
import type { ChangeOrigin } from '../../server/src/audit/changeOrigin.ts';
import { prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import { openDatabase } from '../../server/src/db/engine.ts';
import { changeCriteria } from '../../server/src/parcels/criteriaService.ts';
import { measureUnmeasuredParcels } from '../../server/src/parcels/measureUnmeasuredParcels.ts';
import { createLayer, deleteLayer, replaceLayerFeatures } from '../../server/src/parcels/overlayService.ts';
import {
  type Remeasure,
  rejudgeParcels,
  remeasureEverything,
  remeasureNothing,
} from '../../server/src/parcels/rejudgeParcels.ts';
import { currentCriteria } from '../../server/src/repositories/criteriaRepository.ts';
import { insertLayer, insertLayerFeatures, measureOverlays } from '../../server/src/repositories/overlayRepository.ts';
import { benchActor } from './scratchEngine.ts';

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
  const context = await prepareContext(db, loadConfig({ TAPAK_OFFLINE: '1', LOG_LEVEL: 'silent' }));
  const admin = benchActor;
  const origin: ChangeOrigin = { actor: admin, route: 'bench recompute' };
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

  // Every step runs the real code path; `written` counts the rows it rewrote (their xmin is a transaction id
  // assigned after the step began), i.e. the judgements (or stored measurements) that actually changed.
  const timed = async (run: () => Promise<unknown>) => {
    // Dead row versions of the previous step would otherwise be cleaned up (or not) inside this one; the
    // statistics are what autovacuum would have gathered meanwhile (e.g. how few parcels are unmeasured).
    await db.knex.raw('VACUUM ANALYZE parcels');
    const before = await db.knex.raw<{ rows: Array<{ next: string }> }>(
      'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
    );
    const started = performance.now();
    await run();
    const ms = performance.now() - started;
    const count = await db.knex.raw<{ rows: Array<{ n: number }> }>(
      'SELECT count(*)::int AS n FROM parcels WHERE xmin::text::bigint >= ?',
      [Number(before.rows[0]?.next)],
    );
    return { ms, written: Number(count.rows[0]?.n ?? 0) };
  };
  const rejudgeAll = (remeasure: Remeasure) => () =>
    db.knex.transaction(async (trx) =>
      rejudgeParcels(trx, 'all', await currentCriteria(trx), { refitFootprint: false, remeasure }),
    );
  // Parsed by the contract the API route applies to a request body.
  const layer = (name: string, kind: 'flood' | 'road', features: ReturnType<typeof f>[]) =>
    layerCreateSchema.parse({ name, kind, features: { type: 'FeatureCollection', features } });
  const floodSquares = () => Array.from({ length: 40 }, () => f(square(at(), 200 + random() * 400)));

  const t0 = performance.now();
  const measured = await measureOverlays(db.knex, { parcelIds: 'all' });
  const floorMs = performance.now() - t0;
  // The seeded parcels were never judged nor measured: every judgement changes, every parcel is measured.
  const firstJudgement = await timed(rejudgeAll(remeasureNothing));
  // The same rows rewritten with nothing computed and nothing new to store: the write floor.
  const bareUpdate = await timed(() => db.knex.raw('UPDATE parcels SET score = score WHERE deleted_at IS NULL'));
  const unchanged = await timed(rejudgeAll(remeasureNothing));
  const unchangedRemeasured = await timed(rejudgeAll(remeasureEverything));
  // A second flood layer: the kind already exists, so only the parcels under it are measured and judged.
  let secondFloodId = '';
  const layerAdded = await timed(async () => {
    const change = await createLayer(context, origin, layer('Banjir 2', 'flood', floodSquares()));
    secondFloodId = String(change.layer?.id);
  });
  // Its features replaced by others elsewhere: the parcels under the old and the new ones.
  const layerReplaced = await timed(() =>
    replaceLayerFeatures(context, origin, secondFloodId, layer('Banjir 2', 'flood', floodSquares()).features),
  );
  const layerDeleted = await timed(() => deleteLayer(context, origin, secondFloodId));
  // A second road layer: any parcel's nearest road may change; only that distance is measured again.
  const roadAdded = await timed(() =>
    createLayer(
      context,
      origin,
      layer(
        'Jalan 2',
        'road',
        Array.from({ length: 100 }, () => f(line(at(), at()), { class: 'lokal' })),
      ),
    ),
  );
  // Every area_min message names the minimum: every parcel's checks change; nothing is measured.
  const initial = await currentCriteria(db.knex);
  const criteriaChange = await timed(() => changeCriteria(context, origin, { ...initial.criteria, min_area_m2: 650 }));
  const refit = await timed(() =>
    changeCriteria(context, origin, { ...initial.criteria, min_area_m2: 650, footprint_width_m: 32 }),
  );
  // As after the upgrade to migration 007: no parcel has stored measurements; the server measures them in the
  // background at start, batch by batch, outside any change.
  await db.knex('parcel_overlay_measurements').delete();
  const backgroundMeasuring = await timed(() =>
    measureUnmeasuredParcels(db.knex, { batchSize: db.engine === 'pglite' ? 200 : 1000 }),
  );
  const countMeasured = await db.knex('parcel_overlay_measurements').count('* as n').first();

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
  printStep('re-judge all, every judgement changes, every parcel measured (first judgement)', firstJudgement);
  printStep('re-judge all, nothing changed, nothing measured', unchanged);
  printStep('re-judge all, nothing changed, every measurement taken again', unchangedRemeasured);
  printStep('2nd flood layer (40 squares) added', layerAdded);
  printStep('its features replaced (old and new extent)', layerReplaced);
  printStep('it is deleted', layerDeleted);
  printStep('2nd road layer (100 lines) added: nearest road of every parcel', roadAdded);
  printStep('min. area 600 → 650 m² (every check list changes, nothing measured)', criteriaChange);
  printStep('footprint re-fit (30 × 20 → 32 × 20 m)', refit);
  printStep(
    `background measuring of every parcel, as at the first start after an upgrade (${Number(countMeasured?.n).toLocaleString('id-ID')} measured; rows rewritten counts parcels, none)`,
    backgroundMeasuring,
  );
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
