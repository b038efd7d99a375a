import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AreaGeometry,
  assessParcel,
  type Criteria,
  type ParcelAttributesPatch,
  validateAreaGeometry,
} from '../../core/src/index.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { measureUnmeasuredParcels } from '../../server/src/parcels/measureUnmeasuredParcels.ts';
import {
  type Remeasure,
  rejudgeParcels,
  remeasureEverything,
  remeasureNothing,
} from '../../server/src/parcels/rejudgeParcels.ts';
import { ProgressRegistry } from '../../server/src/progress.ts';
import { currentCriteria } from '../../server/src/repositories/criteriaRepository.ts';
import { measureOverlays } from '../../server/src/repositories/overlayRepository.ts';
import { largestOverlapKelurahan } from '../../server/src/repositories/parcelRepository.ts';
import { testEngine } from '../support/engines.ts';
import { lShapeAt, rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
let t: TestApp;

async function point(sql: string, bindings: string[]): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (${sql}) s`,
    bindings,
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no point for ${bindings.join(', ')}`);
  return [row.lon, row.lat];
}

const inside = (kode: string) => point('SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?', [kode]);

/** A point on the border between a kelurahan and one of its neighbours: a parcel there crosses it. */
const onBorder = (kode: string) =>
  point(
    `SELECT ST_ClosestPoint(ST_Boundary(a.geom), ST_PointOnSurface(b.geom)) AS p
     FROM kelurahan a JOIN kelurahan b ON b.kode <> a.kode AND ST_Intersects(a.geom, b.geom)
     WHERE a.kode = ? ORDER BY b.kode LIMIT 1`,
    [kode],
  );

const squareAround = (center: Position, sideMeters: number) => ({
  type: 'Feature',
  geometry: rectangleAt(center, sideMeters, sideMeters),
  properties: {},
});

interface ApiParcel {
  id: string;
  geometry: AreaGeometry;
  properties: Record<string, unknown> & ParcelAttributesPatch;
}

async function allParcels(): Promise<ApiParcel[]> {
  const response = await t.app.inject('/api/parcels?limit=1000');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().features;
}

/** The geometry each parcel was posted with, by id: what a fresh judgement starts from. */
const postedGeometry = new Map<string, unknown>();

/**
 * What judging the parcel from scratch yields, as if it were posted now: the posted geometry validated and
 * measured again, its kelurahan and overlays measured again, the current criteria applied.
 */
async function freshJudgement(knex: Knex, parcel: ApiParcel, criteria: Criteria) {
  const validated = validateAreaGeometry(postedGeometry.get(parcel.id));
  if (!validated.ok) throw new Error(`parcel ${parcel.id} was posted with an invalid geometry`);
  const geometryJson = JSON.stringify(validated.geometry);
  const kelurahan = await largestOverlapKelurahan(knex, geometryJson, '32.75');
  const overlays = (await measureOverlays(knex, { geometryJson })).get('new');
  return assessParcel(validated.geometry, parcel.properties, criteria, kelurahan, overlays);
}

/** Every parcel's stored judgement equals a fresh one, field for field and message for message. */
async function expectStoredEqualsFresh() {
  const { knex } = t.context.db;
  const { criteria } = await currentCriteria(knex);
  const parcels = await allParcels();
  expect(parcels.length).toBeGreaterThan(0);
  for (const parcel of parcels) {
    const fresh = await freshJudgement(knex, parcel, criteria);
    const stored = parcel.properties;
    expect({ name: stored.name, checks: stored.checks }).toEqual({ name: stored.name, checks: fresh.checks });
    expect({
      qualifies: stored.qualifies,
      verdict: stored.verdict,
      score: stored.score,
      fits_prototype: stored.fits_prototype,
      footprint_slack_m: stored.footprint_slack_m,
      footprint_rotation_deg: stored.footprint_rotation_deg,
    }).toEqual({
      qualifies: fresh.qualifies,
      verdict: fresh.verdict,
      score: fresh.score,
      fits_prototype: fresh.fits_prototype,
      footprint_slack_m: fresh.footprint_slack_m,
      footprint_rotation_deg: fresh.footprint_rotation_deg,
    });
  }
  return parcels;
}

/** Runs a re-judgement of every parcel and returns the ids of the rows its transaction rewrote. */
async function rejudgeAllCountingWrites(progress?: ProgressRegistry, remeasure: Remeasure = remeasureNothing) {
  const { knex } = t.context.db;
  return knex.transaction(async (trx) => {
    const outcome = await rejudgeParcels(trx, 'all', await currentCriteria(trx), {
      refitFootprint: false,
      remeasure,
      progress,
    });
    const rewritten = await trx.raw<{ rows: Array<{ id: string }> }>(
      'SELECT id FROM parcels WHERE xmin = pg_current_xact_id()::xid ORDER BY id',
    );
    return { outcome, rewritten: rewritten.rows.map((row) => row.id) };
  });
}

/** Sends a layer change through the API (as a planner would) and expects it to succeed. */
async function layerRequest(method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>) {
  const response = await t.app.inject({ method, url, ...(payload === undefined ? {} : { payload }) });
  expect(response.statusCode, response.body).toBe(method === 'POST' ? 201 : 200);
  return response.json();
}

const featureCollection = (features: unknown[]) => ({ type: 'FeatureCollection', features });

/** The overlay measurements stored for a parcel, as their JSON text (null: to be measured). */
async function storedMeasurements(id: string): Promise<string | null> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ m: string | null }> }>(
    'SELECT measurements::text AS m FROM parcel_overlay_measurements WHERE parcel_id = ?',
    [id],
  );
  return result.rows[0]?.m ?? null;
}

async function etag(id: string): Promise<string> {
  const response = await t.app.inject(`/api/parcels/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return String(response.headers.etag);
}

/** A criteria change that alters no measurement: it re-judges every parcel from what is stored. */
async function nudgeMinimumArea() {
  const { criteria } = await currentCriteria(t.context.db.knex);
  const response = await t.app.inject({
    method: 'PUT',
    url: '/api/criteria',
    payload: { ...criteria, min_area_m2: criteria.min_area_m2 + 10 },
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe(`re-judging stores what a fresh judgement yields, on ${testEngine()}`, () => {
  const names: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const a = await inside('32.75.01.1001');
    const b = await inside('32.75.02.1002');
    const c = await inside('32.75.03.1001');
    const border = await onBorder('32.75.01.1002');
    const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };
    const specs = [
      { name: 'Kotak besar', geometry: rectangleAt(a, 40, 30), properties: owned },
      { name: 'Kotak miring', geometry: rectangleAt(b, 45, 28, 33), properties: owned },
      { name: 'Terlalu kecil', geometry: rectangleAt(c, 20, 15), properties: owned },
      {
        name: 'Bentuk L',
        geometry: lShapeAt(b.map((v, i) => v + (i === 0 ? 0.002 : 0)) as Position, 50, 22),
        properties: owned,
      },
      {
        name: 'Sengketa',
        geometry: rectangleAt([c[0] + 0.002, c[1]], 35, 30),
        properties: { ...owned, legal_status: 'sengketa', is_vacant: false },
      },
      { name: 'Melintasi batas', geometry: rectangleAt(border, 40, 30, 10), properties: owned },
      { name: 'Belum lengkap', geometry: rectangleAt([a[0] + 0.003, a[1]], 36, 30), properties: { source: 'bmd' } },
    ];
    for (const spec of specs) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/parcels',
        payload: { type: 'Feature', geometry: spec.geometry, properties: { name: spec.name, ...spec.properties } },
      });
      expect(response.statusCode, response.body).toBe(201);
      names[spec.name] = response.json().id;
      postedGeometry.set(response.json().id, spec.geometry);
    }
    const layers = [
      { name: 'Banjir', kind: 'flood', features: [squareAround(a, 30)] },
      { name: 'RTH', kind: 'rth', features: [squareAround([c[0] + 0.002, c[1]], 20)] },
      {
        name: 'Jalan',
        kind: 'road',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'LineString', coordinates: [b, [b[0] + 0.004, b[1] + 0.001]] },
            properties: { class: 'kolektor' },
          },
        ],
      },
      {
        name: 'Fasilitas',
        kind: 'facility',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { name: 'SD' } }],
      },
    ];
    for (const layer of layers) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/layers',
        payload: {
          name: layer.name,
          kind: layer.kind,
          features: { type: 'FeatureCollection', features: layer.features },
        },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it('after layer changes', async () => {
    const parcels = await expectStoredEqualsFresh();
    const byName = new Map(parcels.map((p) => [p.properties.name, p.properties]));
    // The sample covers what the checks distinguish: a flood overlap, a border crossing, missing data.
    const floodCheck = ((byName.get('Kotak besar')?.checks ?? []) as Array<{ id: string; status: string }>).find(
      (c) => c.id === 'outside_flood',
    );
    expect(floodCheck?.status).toBe('fail');
    expect(byName.get('Melintasi batas')?.crosses_border).toBe(true);
    expect(byName.get('Belum lengkap')?.verdict).not.toBe('memenuhi');
  });

  it('after a criteria change that re-fits the footprint', async () => {
    const { criteria } = await currentCriteria(t.context.db.knex);
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/criteria',
      payload: { ...criteria, min_area_m2: 650, footprint_width_m: 32, border_outside_ratio: 0.02 },
    });
    expect(response.statusCode, response.body).toBe(200);
    await expectStoredEqualsFresh();
  });

  it('rewrites only the parcels whose judgement changed, and reports progress', async () => {
    const { knex } = t.context.db;
    const progress = new ProgressRegistry();
    const seen: number[] = [];
    const start = progress.start.bind(progress);
    progress.start = (kind, label, total) => {
      const handle = start(kind, label, total);
      return {
        ...handle,
        advance: (done: number) => {
          seen.push(done);
          handle.advance(done);
        },
      };
    };
    const unchanged = await rejudgeAllCountingWrites(progress);
    expect(unchanged.outcome.parcels_rejudged).toBe(Object.keys(names).length);
    expect(unchanged.rewritten).toEqual([]);
    expect(seen.at(-1)).toBe(Object.keys(names).length);

    // A stored judgement that no longer matches (written by anything else) is found by its content.
    const tampered = String(names['Kotak miring']);
    await knex('parcels').where({ id: tampered }).update({ checks: '[]' });
    const repaired = await rejudgeAllCountingWrites();
    expect(repaired.rewritten).toEqual([tampered]);
    await expectStoredEqualsFresh();

    // Removing the only flood layer takes the flood check off every parcel's checklist.
    const layers = (await t.app.inject('/api/layers')).json() as Array<{ id: string; kind: string }>;
    const flood = layers.find((layer) => layer.kind === 'flood');
    expect(flood).toBeDefined();
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/layers/${flood?.id}` });
    expect(removed.statusCode).toBe(200);
    const afterRemoval = await expectStoredEqualsFresh();
    const formerlyFlooded = afterRemoval.find((p) => p.id === names['Kotak besar'])?.properties.checks as
      | Array<{ id: string }>
      | undefined;
    expect(formerlyFlooded?.map((c) => c.id)).not.toContain('outside_flood');
  });
  it('measures again only what a layer change can affect, and re-judges the old and the new extent', async () => {
    const { knex } = t.context.db;
    const a = await inside('32.75.01.1001');
    const b = await inside('32.75.02.1002');
    const c = await inside('32.75.03.1001');
    // Every parcel measured and judged from scratch: the reference the rest starts from.
    await rejudgeAllCountingWrites(undefined, remeasureEverything);
    await expectStoredEqualsFresh();

    // The first LP2B layer puts a check on every parcel, yet measures only the parcel under it: a parcel
    // elsewhere is judged from its stored measurements (made visible here by a marker in them).
    const elsewhere = String(names['Terlalu kecil']);
    const real = await storedMeasurements(elsewhere);
    expect(real).not.toBeNull();
    const marked = JSON.parse(String(real));
    marked.nearestFacility = { ...marked.nearestFacility, name: 'Penanda' };
    await knex.raw('UPDATE parcel_overlay_measurements SET measurements = ?::json WHERE parcel_id = ?', [
      JSON.stringify(marked),
      elsewhere,
    ]);
    const lp2b = await layerRequest('POST', '/api/layers', {
      name: 'LP2B',
      kind: 'lp2b',
      features: featureCollection([squareAround(b, 20)]),
    });
    expect(lp2b.parcels_rejudged).toBe(Object.keys(names).length);
    const parcels = await allParcels();
    const checksOf = (id: string) =>
      (parcels.find((p) => p.id === id)?.properties.checks ?? []) as Array<{
        id: string;
        status: string;
        message: { en: string };
      }>;
    expect(checksOf(elsewhere).find((check) => check.id === 'facility_nearby')?.message.en).toContain('Penanda');
    expect(checksOf(elsewhere).find((check) => check.id === 'outside_lp2b')?.status).toBe('pass');
    expect(checksOf(String(names['Kotak miring'])).find((check) => check.id === 'outside_lp2b')?.status).toBe('fail');
    await knex.raw('UPDATE parcel_overlay_measurements SET measurements = ?::json WHERE parcel_id = ?', [
      String(real),
      elsewhere,
    ]);
    await rejudgeAllCountingWrites();
    await expectStoredEqualsFresh();

    // A second RTH layer: only the parcels under it are judged; moved away, the parcel under its old extent
    // (and only under its old one) is judged again and loses the overlap.
    const rth = await layerRequest('POST', '/api/layers', {
      name: 'RTH Taman',
      kind: 'rth',
      features: featureCollection([squareAround(a, 20)]),
    });
    expect(rth.parcels_rejudged).toBe(1);
    const underA = String(names['Kotak besar']);
    expect(checksOf(underA).find((check) => check.id === 'outside_rth')?.status).toBe('pass');
    const underRth = (await allParcels()).find((p) => p.id === underA)?.properties.checks as Array<{
      id: string;
      status: string;
    }>;
    expect(underRth.find((check) => check.id === 'outside_rth')?.status).toBe('fail');
    await expectStoredEqualsFresh();
    const moved = await layerRequest('PUT', `/api/layers/${rth.layer.id}/features`, {
      ...featureCollection([squareAround([c[0] - 0.004, c[1] + 0.004], 10)]),
    });
    expect(moved.parcels_rejudged).toBe(1);
    const afterMove = (await expectStoredEqualsFresh()).find((p) => p.id === underA)?.properties.checks as Array<{
      id: string;
      status: string;
    }>;
    expect(afterMove.find((check) => check.id === 'outside_rth')?.status).toBe('pass');

    // Deleting the last LP2B layer takes its check off every parcel; the parcel under it is measured again.
    await layerRequest('DELETE', `/api/layers/${lp2b.layer.id}`);
    expect(JSON.parse(String(await storedMeasurements(String(names['Kotak miring'])))).exclusionOverlaps).toEqual([]);
    await expectStoredEqualsFresh();

    // A second road layer right beside one parcel: every parcel's nearest road is measured again.
    const beside = await layerRequest('POST', '/api/layers', {
      name: 'Jalan lingkungan',
      kind: 'road',
      features: featureCollection([
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [c[0] - 0.001, c[1] - 0.0002],
              [c[0] + 0.001, c[1] - 0.0002],
            ],
          },
          properties: { class: 'lokal' },
        },
      ]),
    });
    expect(beside.parcels_rejudged).toBe(Object.keys(names).length);
    expect(JSON.parse(String(await storedMeasurements(elsewhere))).nearestRoad.layerName).toBe('Jalan lingkungan');
    await expectStoredEqualsFresh();
  });

  it('judges across many batches as in one: every batch measured, judged and stored, none skipped', async () => {
    const { knex } = t.context.db;
    const ids = Object.values(names).sort();
    // Forget every stored judgement and measurement: each batch must measure its own parcels in full.
    await knex('parcels').update({ checks: '[]' });
    await knex('parcel_overlay_measurements').delete();
    const all = await knex.transaction(async (trx) =>
      rejudgeParcels(trx, 'all', await currentCriteria(trx), {
        refitFootprint: true,
        remeasure: remeasureNothing,
        batchSize: 2,
      }),
    );
    expect(all.parcels_rejudged).toBe(ids.length);
    const measuredCount = await knex('parcel_overlay_measurements').count('* as n').first();
    expect(Number(measuredCount?.n)).toBe(ids.length);
    await expectStoredEqualsFresh();

    // A listed subset of one parcel a batch, with a deleted parcel's batch reading empty in the middle.
    const first = String(ids[0]);
    const middle = String(ids[Math.floor(ids.length / 2)]);
    const last = String(ids.at(-1));
    await knex('parcels').whereIn('id', [first, last]).update({ checks: '[]' });
    await knex('parcels').where({ id: middle }).update({ deleted_at: knex.fn.now() });
    const listed = await knex.transaction(async (trx) =>
      rejudgeParcels(trx, [first, middle, last], await currentCriteria(trx), {
        refitFootprint: false,
        remeasure: remeasureNothing,
        batchSize: 1,
      }),
    );
    await knex('parcels').where({ id: middle }).update({ deleted_at: null });
    expect(listed.parcels_rejudged).toBe(2);
    await expectStoredEqualsFresh();
  });

  it('measures unmeasured parcels in the background so that the next change reuses the measurements', async () => {
    const { knex } = t.context.db;
    await rejudgeAllCountingWrites();
    const before = await knex('parcel_overlay_measurements').orderBy('parcel_id').select('parcel_id', 'measurements');
    expect(before.length).toBe(Object.keys(names).length);
    // As after the upgrade to migration 007: nothing measured.
    await knex('parcel_overlay_measurements').delete();
    const progress = new ProgressRegistry();
    const reported: Array<{ kind: string; total: number | null; done: number }> = [];
    const start = progress.start.bind(progress);
    progress.start = (kind, label, total) => {
      const handle = start(kind, label, total);
      return { ...handle, advance: (done: number) => reported.push({ kind, total, done }) };
    };
    const count = Object.keys(names).length;
    expect(await measureUnmeasuredParcels(knex, { batchSize: 3, progress })).toBe(count);
    expect(reported.map((r) => r.done)).toEqual([3, 6, count].filter((done) => done <= count));
    expect(reported.every((r) => r.kind === 'measure' && r.total === count)).toBe(true);
    expect(progress.list()).toEqual([]);
    // The same measurements a re-judgement took, and none left for the next run.
    const after = await knex('parcel_overlay_measurements').orderBy('parcel_id').select('parcel_id', 'measurements');
    expect(after).toEqual(before);
    expect(await measureUnmeasuredParcels(knex, { batchSize: 3 })).toBe(0);
    const unchanged = await rejudgeAllCountingWrites();
    expect(unchanged.rewritten).toEqual([]);
  });

  it('measures a parcel afresh after its geometry changed, or after it was deleted and restored', async () => {
    const c = await inside('32.75.03.1001');
    // Moved under the RTH layer (at the "Sengketa" parcel): the save measures and keeps the new overlaps.
    const movedId = String(names['Kotak miring']);
    const geometry = rectangleAt([c[0] + 0.002, c[1]], 36, 30, 12);
    const before = await storedMeasurements(movedId);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/parcels/${movedId}`,
      headers: { 'if-match': await etag(movedId) },
      payload: { geometry },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    postedGeometry.set(movedId, geometry);
    const kept = await storedMeasurements(movedId);
    expect(kept).not.toBe(before);
    expect(JSON.parse(String(kept)).exclusionOverlaps.map((o: { kind: string }) => o.kind)).toContain('rth');
    // A geometry written any other way loses them (the trigger), and the next re-judgement measures it.
    const { knex } = t.context.db;
    const exact = await knex.raw<{ rows: Array<{ ewkb: string }> }>(
      'SELECT geom::text AS ewkb FROM parcels WHERE id = ?',
      [movedId],
    );
    await knex.raw('UPDATE parcels SET geom = ST_Translate(geom, 0, 0.0000001) WHERE id = ?', [movedId]);
    expect(await storedMeasurements(movedId)).toBeNull();
    await knex.raw('UPDATE parcels SET geom = ?::geometry WHERE id = ?', [String(exact.rows[0]?.ewkb), movedId]);
    await nudgeMinimumArea();
    expect(await storedMeasurements(movedId)).not.toBeNull();
    const parcels = await expectStoredEqualsFresh();
    const checks = parcels.find((p) => p.id === movedId)?.properties.checks as Array<{ id: string; status: string }>;
    expect(checks.find((check) => check.id === 'outside_rth')?.status).toBe('fail');

    // Deleted, a parcel is not judged when a layer arrives over it; restored, it is measured and judged at
    // once, not from measurements taken before the layer existed, and a later re-judgement agrees.
    const restoredId = String(names['Terlalu kecil']);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${restoredId}`,
      headers: { 'if-match': await etag(restoredId) },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    await layerRequest('POST', '/api/layers', {
      name: 'Kawasan terlarang',
      kind: 'other_exclusion',
      features: featureCollection([squareAround(c, 30)]),
    });
    const restored = await t.app.inject({ method: 'POST', url: `/api/parcels/${restoredId}/restore` });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await storedMeasurements(restoredId)).not.toBeNull();
    const judgedAtRestore = restored.json().properties.checks as Array<{ id: string; status: string }>;
    expect(judgedAtRestore.find((check) => check.id === 'outside_other_exclusion')?.status).toBe('fail');
    await nudgeMinimumArea();
    const afterRestore = await expectStoredEqualsFresh();
    const restoredChecks = afterRestore.find((p) => p.id === restoredId)?.properties.checks as Array<{
      id: string;
      status: string;
    }>;
    expect(restoredChecks.find((check) => check.id === 'outside_other_exclusion')?.status).toBe('fail');

    // A parcel drawn now keeps what its save measured: the next re-judgement need not measure it again.
    const drawnGeometry = rectangleAt([c[0] + 0.0001, c[1]], 32, 28);
    const drawn = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: drawnGeometry, properties: { name: 'Baru digambar' } },
    });
    expect(drawn.statusCode, drawn.body).toBe(201);
    const drawnId = String(drawn.json().id);
    postedGeometry.set(drawnId, drawnGeometry);
    const keptAtSave = JSON.parse(String(await storedMeasurements(drawnId)));
    expect(keptAtSave.exclusionOverlaps.map((o: { kind: string }) => o.kind)).toContain('other_exclusion');
    await nudgeMinimumArea();
    expect(JSON.parse(String(await storedMeasurements(drawnId)))).toEqual(keptAtSave);
    await expectStoredEqualsFresh();
  });
});
