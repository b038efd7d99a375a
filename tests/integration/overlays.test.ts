import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../core/src/geometry/localProjection.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
type Check = { id: string; passed: boolean; status: string; reason: string; severity: string; value: unknown };
let t: TestApp;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(kode);
  return [row.lon, row.lat];
}

/** A straight line in local metres around `center`, from (x1, y1) to (x2, y2). */
function lineAt(center: Position, from: [number, number], to: [number, number]) {
  const projection = createLocalProjection(center);
  return { type: 'LineString', coordinates: [projection.toLonLat(from), projection.toLonLat(to)] };
}

function pointAt(center: Position, x: number, y: number) {
  return { type: 'Point', coordinates: createLocalProjection(center).toLonLat([x, y]) };
}

const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties,
});

async function addLayer(name: string, kind: string, features: unknown[], params?: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/layers',
    payload: { name, kind, ...(params ? { params } : {}), features: { type: 'FeatureCollection', features } },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

async function removeLayer(id: string) {
  const response = await t.app.inject({ method: 'DELETE', url: `/api/layers/${id}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function parcel(id: string) {
  return (await t.app.inject(`/api/parcels/${id}`)).json().properties as { qualifies: boolean; checks: Check[] };
}

const check = async (id: string, checkId: string) => (await parcel(id)).checks.find((c) => c.id === checkId);

describe(`overlay layers and suitability on ${testEngine()}`, () => {
  let a: Position;
  let b: Position;
  let parcelA: string;
  let parcelB: string;
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    a = await pointInside('32.75.01.1001');
    b = await pointInside('32.75.02.1002');
    const post = async (center: Position, name: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/parcels',
        payload: { type: 'Feature', geometry: rectangleAt(center, 40, 30), properties: { name, ...owned } },
      });
      expect(response.json().properties.qualifies).toBe(true);
      return response.json().id as string;
    };
    parcelA = await post(a, 'Lahan A');
    parcelB = await post(b, 'Lahan B');
  });
  afterAll(() => t.close());

  it('stops a parcel qualifying under a flood polygon, says why, and lets it qualify again without it', async () => {
    const flood = await addLayer('Genangan 2025', 'flood', [feature(rectangleAt(a, 60, 60))]);
    expect(flood).toMatchObject({ layer: { kind: 'flood', feature_count: 1 }, parcels_changed_qualification: 1 });
    expect((await parcel(parcelA)).qualifies).toBe(false);
    expect(await check(parcelA, 'outside_flood')).toMatchObject({
      passed: false,
      reason: 'overlaps_flood',
      severity: 'hard',
    });
    expect(Number((await check(parcelA, 'outside_flood'))?.value)).toBeCloseTo(1200, 0);
    // The parcel elsewhere keeps qualifying, and now shows the flood check passed.
    expect(await check(parcelB, 'outside_flood')).toMatchObject({ passed: true });
    expect((await parcel(parcelB)).qualifies).toBe(true);

    const coverage = (await t.app.inject('/api/coverage')).json();
    const bekasijaya = coverage.kelurahan.find((k: { kode: string }) => k.kode === '32.75.01.1001');
    expect(bekasijaya).toMatchObject({ qualifying: 0, no_site_reason: 'overlay_conflict' });
    expect(coverage.kelurahan.find((k: { kode: string }) => k.kode === '32.75.01.1002').no_site_reason).toBe(
      'no_candidate',
    );

    const removed = await removeLayer(flood.layer.id);
    expect(removed.parcels_changed_qualification).toBe(1);
    expect((await parcel(parcelA)).qualifies).toBe(true);
    expect(await check(parcelA, 'outside_flood')).toBeUndefined();
    const after = (await t.app.inject('/api/coverage')).json();
    expect(after.kelurahan.find((k: { kode: string }) => k.kode === '32.75.01.1001')).toMatchObject({
      qualifying: 1,
      no_site_reason: null,
    });
  });

  it('judges a parcel drawn inside an existing flood zone at once, when created, edited and analysed', async () => {
    const flood = await addLayer('Genangan tetap', 'flood', [feature(rectangleAt(b, 120, 120))]);
    const inside = rectangleAt(b, 30, 25, 10);
    const analysed = await t.app.inject({ method: 'POST', url: '/api/analyze', payload: { geometry: inside } });
    expect(analysed.json().checks.find((c: { id: string }) => c.id === 'outside_flood')).toMatchObject({
      passed: false,
    });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: inside, properties: { name: 'Di genangan', ...owned } },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json().properties.qualifies).toBe(false);
    expect(await check(id, 'outside_flood')).toMatchObject({ passed: false, reason: 'overlaps_flood' });
    // Moved out of the zone by an edit: judged again at once, with the layer still present.
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': '"v1"' },
      payload: { geometry: rectangleAt(a, 40, 30, 5) },
    });
    expect(moved.statusCode).toBe(200);
    expect(await check(id, 'outside_flood')).toMatchObject({ passed: true });
    await t.app.inject({ method: 'DELETE', url: `/api/parcels/${id}`, headers: { 'if-match': '"v2"' } });
    await removeLayer(flood.layer.id);
  });

  it('judges a restored parcel against the layers laid while it was deleted', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: rectangleAt(a, 35, 30, 20), properties: { name: 'Lahan pulih', ...owned } },
    });
    expect(created.json().properties.qualifies).toBe(true);
    const id = created.json().id as string;
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': String(created.headers.etag) },
    });
    expect(deleted.statusCode).toBe(204);
    const flood = await addLayer('Genangan saat terhapus', 'flood', [feature(rectangleAt(a, 80, 80))]);
    const restored = await t.app.inject({ method: 'POST', url: `/api/parcels/${id}/restore` });
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await parcel(id)).qualifies).toBe(false);
    expect(await check(id, 'outside_flood')).toMatchObject({ passed: false, reason: 'overlaps_flood' });
    await removeLayer(flood.layer.id);
    expect((await parcel(id)).qualifies).toBe(true);
    // Gone again, so the tests below count only their own parcels.
    const current = await t.app.inject(`/api/parcels/${id}`);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': String(current.headers.etag) },
    });
    expect(gone.statusCode).toBe(204);
  });

  it('treats RTH, LP2B and other exclusions alike, and ignores a sliver under the tolerance', async () => {
    for (const kind of ['rth', 'lp2b', 'other_exclusion']) {
      const layer = await addLayer(`Lapisan ${kind}`, kind, [feature(rectangleAt(a, 10, 10))]);
      expect(await check(parcelA, `outside_${kind}`)).toMatchObject({ passed: false, reason: `overlaps_${kind}` });
      expect(await check(parcelB, `outside_${kind}`)).toMatchObject({ passed: true });
      await removeLayer(layer.layer.id);
    }
    // A strip 2 cm deep inside A's southern edge overlaps 40 m × 0.02 m = 0.8 m²: below the 1 m² tolerance.
    const projection = createLocalProjection(a);
    const ring = [
      [-30, -15.01],
      [30, -15.01],
      [30, -14.98],
      [-30, -14.98],
      [-30, -15.01],
    ].map((p) => projection.toLonLat(p));
    const sliver = await addLayer('Garis tepi', 'flood', [feature({ type: 'Polygon', coordinates: [ring] })]);
    const sliverCheck = await check(parcelA, 'outside_flood');
    expect(sliverCheck).toMatchObject({ passed: true });
    expect(Number(sliverCheck?.value)).toBeGreaterThan(0.5);
    await removeLayer(sliver.layer.id);
  });

  it('keeps parcels out of SUTET corridors measured in metres (20 m either side by default)', async () => {
    // A's long sides are at y = ±15 m. A line 30 m north of the centre is 15 m from the parcel: inside 20 m.
    const near = await addLayer('SUTET 500 kV', 'sutet', [feature(lineAt(a, [-200, 30], [200, 30]))]);
    expect(await check(parcelA, 'outside_sutet')).toMatchObject({ passed: false, reason: 'overlaps_sutet' });
    expect((await parcel(parcelA)).qualifies).toBe(false);
    await removeLayer(near.layer.id);
    const far = await addLayer('SUTET jauh', 'sutet', [feature(lineAt(a, [-200, 40], [200, 40]))]);
    expect(await check(parcelA, 'outside_sutet')).toMatchObject({ passed: true });
    await removeLayer(far.layer.id);
    // A wider corridor per line (half_width_m 30) reaches the parcel 25 m away.
    const wide = await addLayer('SUTET lebar', 'sutet', [
      feature(lineAt(a, [-200, 40], [200, 40]), { half_width_m: 30 }),
    ]);
    expect(await check(parcelA, 'outside_sutet')).toMatchObject({ passed: false });
    await removeLayer(wide.layer.id);
  });

  it('requires road frontage, prefers arterial roads, and rewards a nearby facility', async () => {
    // A road 3 m south of A's southern edge (y = -15): frontage. B is kilometres away from it.
    const road = await addLayer('Jalan', 'road', [feature(lineAt(a, [-100, -18], [100, -18]), { class: 'lokal' })]);
    expect(await check(parcelA, 'road_access')).toMatchObject({ passed: true, severity: 'hard' });
    expect(Number((await check(parcelA, 'road_access'))?.value)).toBeCloseTo(3, 1);
    expect(await check(parcelA, 'road_class')).toMatchObject({ passed: false, reason: 'road_class_minor' });
    expect(await check(parcelB, 'road_access')).toMatchObject({ passed: false, reason: 'no_road_access' });
    expect((await parcel(parcelB)).qualifies).toBe(false);
    expect(road.parcels_changed_qualification).toBe(1);

    const facility = await addLayer('Sekolah', 'facility', [
      feature(pointAt(a, 0, 300), { name: 'SDN 1', type: 'sekolah' }),
    ]);
    expect(await check(parcelA, 'facility_nearby')).toMatchObject({ passed: true });
    expect(await check(parcelB, 'facility_nearby')).toMatchObject({ passed: false, reason: 'facility_far' });
    await removeLayer(facility.layer.id);
    await removeLayer(road.layer.id);
    expect(await check(parcelA, 'road_access')).toMatchObject({ status: 'unknown', reason: 'no_road_layer' });
    expect((await parcel(parcelB)).qualifies).toBe(true);
  });

  it('measures a long road by its nearest stretch, exactly as PostGIS measures the whole line', async () => {
    // A 6 km road with a bend, passing 7 m south of A (southern edge at y = -15), and a second road 40 m north
    // of B. Roads are searched through short indexed parts: the distance must still be the line's own.
    const road = await addLayer('Jalan panjang', 'road', [
      feature(
        {
          type: 'LineString',
          coordinates: [
            [-3000, -22],
            [0, -22],
            [800, -400],
            [3000, -900],
          ].map((xy) => createLocalProjection(a).toLonLat(xy as [number, number])),
        },
        { class: 'arteri' },
      ),
      feature(lineAt(b, [-2500, 55], [2500, 55]), { class: 'kolektor' }),
    ]);
    const wholeLineMeters = async (parcelId: string, layerId: string) => {
      const result = await t.context.db.knex.raw<{ rows: Array<{ d: number }> }>(
        `SELECT min(ST_Distance(p.geom::geography, f.geom::geography)) AS d
         FROM parcels p, overlay_features f WHERE p.id = ? AND f.layer_id = ?`,
        [parcelId, layerId],
      );
      return Number(result.rows[0]?.d);
    };
    const onA = await check(parcelA, 'road_access');
    expect(Number(onA?.value)).toBeCloseTo(7, 1);
    expect(Number(onA?.value)).toBeCloseTo(await wholeLineMeters(parcelA, road.layer.id), 2);
    expect(onA).toMatchObject({ status: 'fail', reason: 'no_road_access' });
    expect(Number((await check(parcelB, 'road_access'))?.value)).toBeCloseTo(40, 1);
    expect(await check(parcelB, 'road_class')).toMatchObject({ status: 'unknown' });

    // Replaced by a road 4 m from A: the old parts go with the old features. (Not 2 m: PostGIS 3.3, the
    // PostgreSQL engine's, measures a road within about 2 m of a parallel parcel edge as touching it.)
    const replaced = await t.app.inject({
      method: 'PUT',
      url: `/api/layers/${road.layer.id}/features`,
      payload: {
        type: 'FeatureCollection',
        features: [feature(lineAt(a, [-4000, -19], [4000, -19]), { class: 'arteri' })],
      },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(await check(parcelA, 'road_access')).toMatchObject({ status: 'pass' });
    expect(Number((await check(parcelA, 'road_access'))?.value)).toBeCloseTo(4, 0);
    expect(await check(parcelA, 'road_class')).toMatchObject({ status: 'pass', reason: 'road_class_preferred' });
    // The 8 km road is held as parts of at most 7 segments of ≤ 200 m that add up to the whole road.
    const parts = await t.context.db.knex.raw<{ rows: Array<{ n: number; longest: number; total: number }> }>(
      `SELECT count(*)::int AS n, max(ST_Length(geom::geography)) AS longest, sum(ST_Length(geom::geography)) AS total
       FROM overlay_road_parts WHERE layer_id = ?`,
      [road.layer.id],
    );
    expect(parts.rows[0]?.n).toBeGreaterThan(5);
    expect(Number(parts.rows[0]?.longest)).toBeLessThanOrEqual(7 * 200);
    expect(Number(parts.rows[0]?.total)).toBeCloseTo(8000, 0);
    await removeLayer(road.layer.id);
    expect(await check(parcelA, 'road_access')).toMatchObject({ status: 'unknown', reason: 'no_road_layer' });
  });

  it('refuses bad layer features, lists layers and serves their features', async () => {
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/layers',
      payload: {
        name: 'x',
        kind: 'road',
        features: { type: 'FeatureCollection', features: [feature(rectangleAt(a, 10, 10))] },
      },
    });
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.json().errors[0]).toMatchObject({ reason: 'wrong_geometry_type' });
    const unknownKind = await t.app.inject({
      method: 'POST',
      url: '/api/layers',
      payload: { name: 'x', kind: 'gunung', features: { type: 'FeatureCollection', features: [] } },
    });
    expect(unknownKind.statusCode).toBe(400);

    // 3D coordinates (as GPS and CAD exports write them) are accepted and flattened.
    const ring3d = rectangleAt(a, 4, 4).coordinates[0]?.map(([lon = 0, lat = 0]) => [lon, lat, 12.5]);
    const threeD = await addLayer('Banjir 3D', 'flood', [feature({ type: 'Polygon', coordinates: [ring3d] })]);
    await removeLayer(threeD.layer.id);

    const layer = await addLayer('Banjir kecil', 'flood', [feature(rectangleAt(b, 5, 5))]);
    const list = (await t.app.inject('/api/layers')).json();
    expect(list.map((l: { name: string }) => l.name)).toContain('Banjir kecil');
    const features = (await t.app.inject(`/api/layers/${layer.layer.id}/features`)).json();
    expect(features.features).toHaveLength(1);
    const replaced = await t.app.inject({
      method: 'PUT',
      url: `/api/layers/${layer.layer.id}/features`,
      payload: {
        type: 'FeatureCollection',
        features: [feature(rectangleAt(b, 5, 5)), feature(rectangleAt(a, 100, 100))],
      },
    });
    expect(replaced.statusCode).toBe(200);
    // B was already out (the small flood on it); the new large polygon takes A out too.
    expect(replaced.json()).toMatchObject({
      layer: { feature_count: 2, version: 2 },
      parcels_changed_qualification: 1,
    });
    await removeLayer(layer.layer.id);
    expect((await t.app.inject(`/api/layers/${layer.layer.id}`)).statusCode).toBe(404);
  });
});
