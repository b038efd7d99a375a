import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { lShapeAt, rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
let t: TestApp;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd' };

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s`,
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

async function postgisAreaSquareMeters(geometry: unknown): Promise<number> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ a: number }> }>(
    'SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography) AS a',
    [JSON.stringify(geometry)],
  );
  return Number(result.rows[0]?.a);
}

async function post(geometry: unknown, properties: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/parcels', payload: { type: 'Feature', geometry, properties } });
}

async function parcelCount(): Promise<number> {
  const [row] = await t.context.db.knex('parcels').count('* as n');
  return Number(row?.n);
}

describe(`parcels API on ${testEngine()}`, () => {
  let bekasijaya: Position;
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    bekasijaya = await pointInside('32.75.01.1001');
  });
  afterAll(() => t.close());

  it('stores a parcel with its ellipsoidal area, kelurahan, footprint and verdict', async () => {
    const geometry = rectangleAt(bekasijaya, 40, 30, 23);
    const response = await post(geometry, { name: 'Lahan BMD Jl. Cut Meutia', ...owned, is_vacant: true });
    expect(response.statusCode).toBe(201);
    expect(response.headers.etag).toBe('"v1"');
    expect(response.headers['content-type']).toContain('application/geo+json');
    const feature = response.json();
    expect(response.headers.location).toBe(`/api/parcels/${feature.id}`);
    const p = feature.properties;
    expect(p).toMatchObject({
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      kecamatan_nama: 'Bekasi Timur',
      fits_prototype: true,
      qualifies: true,
      verdict: 'memenuhi',
      status: 'kandidat',
      crosses_border: false,
      version: 1,
    });
    const postgis = await postgisAreaSquareMeters(geometry);
    expect(Math.abs(p.area_m2 - postgis) / postgis).toBeLessThan(1e-6);
    expect(p.area_m2).toBeCloseTo(1200, 3);
    expect(p.footprint.type).toBe('Polygon');
    // The placed 30 × 20 m footprint, as published with 7 decimals (±0.55 cm per coordinate).
    expect(Math.abs((await postgisAreaSquareMeters(p.footprint)) - 600)).toBeLessThan(0.6);
    expect(p.checks.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining(['area_min', 'footprint_fit', 'owner_eligible', 'legal_not_disputed', 'area_ideal']),
    );
    expect(p.score).toBeGreaterThan(0);
    expect(p.point).toHaveLength(2);
  });

  it('judges reference parcels at real Bekasi locations like PostGIS and the footprint rule', async () => {
    const cases: Array<{ geometry: unknown; fits: boolean }> = [
      { geometry: rectangleAt(bekasijaya, 30.15, 20.15, 0), fits: true },
      { geometry: rectangleAt(bekasijaya, 29.85, 20.5, 0), fits: false },
      { geometry: rectangleAt(bekasijaya, 30.15, 20.15, 37.5), fits: true },
      { geometry: rectangleAt(bekasijaya, 30.5, 19.85, 71), fits: false },
      { geometry: rectangleAt(await pointInside('32.75.03.1002'), 100, 12, 10), fits: false },
      { geometry: lShapeAt(await pointInside('32.75.02.1001'), 50, 22), fits: true },
      { geometry: lShapeAt(await pointInside('32.75.02.1001'), 50, 18), fits: false },
    ];
    for (const reference of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/analyze',
        payload: { geometry: reference.geometry },
      });
      expect(response.statusCode).toBe(200);
      const verdict = response.json();
      const postgis = await postgisAreaSquareMeters(reference.geometry);
      expect(Math.abs(verdict.area_m2 - postgis) / postgis).toBeLessThan(1e-6);
      expect(verdict.fits_prototype).toBe(reference.fits);
    }
  });

  it('tells a 598 m² parcel that it is too small, where a spherical area would have passed it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/analyze',
      payload: { geometry: rectangleAt(bekasijaya, 29.9, 20, 0), properties: owned },
    });
    const verdict = response.json();
    expect(verdict.area_m2).toBeCloseTo(598, 1);
    expect(verdict.qualifies).toBe(false);
    const areaCheck = verdict.checks.find((c: { id: string }) => c.id === 'area_min');
    expect(areaCheck).toMatchObject({ passed: false, reason: 'area_below_minimum', threshold: 600 });
    expect(areaCheck.message.id).toContain('598');
  });

  it('flags a parcel across a kelurahan border and refuses one outside the region', async () => {
    const edge = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
         SELECT ST_ClosestPoint(ST_Boundary(a.geom), ST_PointOnSurface(b.geom)) AS p
         FROM kelurahan a, kelurahan b WHERE a.kode = '32.75.01.1001' AND b.kode = '32.75.01.1002') s`,
    );
    const point = edge.rows[0];
    if (!point) throw new Error('no border point');
    const across = await post(rectangleAt([point.lon, point.lat], 60, 40, 0), { name: 'Di perbatasan' });
    expect(across.statusCode).toBe(201);
    expect(across.json().properties.crosses_border).toBe(true);
    const borderCheck = across.json().properties.checks.find((c: { id: string }) => c.id === 'within_kelurahan');
    expect(borderCheck).toMatchObject({ passed: false, reason: 'crosses_kelurahan_border' });

    const before = await parcelCount();
    const outside = await post(rectangleAt([106.7, -6.2], 40, 30), { name: 'Jakarta' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ type: 'urn:tapak:problem:outside-region' });
    expect(await parcelCount()).toBe(before);
  });

  it('refuses every kind of bad input with problem+json and writes nothing', async () => {
    const before = await parcelCount();
    const ring = rectangleAt(bekasijaya, 40, 30).coordinates[0] as number[][];
    const [a, b, c, d] = ring as [number[], number[], number[], number[]];
    const bowTie = [a, c, b, d, a];
    const many = Array.from({ length: 10_001 }, (_, i) => {
      const angle = (2 * Math.PI * i) / 10_001;
      return [bekasijaya[0] + 0.001 * Math.cos(angle), bekasijaya[1] + 0.001 * Math.sin(angle)];
    });
    many.push(many[0] as number[]);
    const cases: Array<{ name: string; geometry: unknown; status: number; reason?: string }> = [
      { name: 'point', geometry: { type: 'Point', coordinates: bekasijaya }, status: 422, reason: 'not_polygon' },
      {
        name: 'unclosed',
        geometry: { type: 'Polygon', coordinates: [ring.slice(0, 4)] },
        status: 422,
        reason: 'ring_not_closed',
      },
      {
        name: 'three positions',
        geometry: { type: 'Polygon', coordinates: [[a, b, a]] },
        status: 422,
        reason: 'ring_too_few_positions',
      },
      {
        name: 'not a number',
        geometry: { type: 'Polygon', coordinates: [[a, b, ['x', 1], a]] },
        status: 422,
        reason: 'position_not_finite',
      },
      {
        name: 'lat out of range',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [107, -6],
              [107.1, -95],
              [107.2, -6],
              [107, -6],
            ],
          ],
        },
        status: 422,
        reason: 'lat_out_of_range',
      },
      {
        name: 'self-intersection',
        geometry: { type: 'Polygon', coordinates: [bowTie] },
        status: 422,
        reason: 'self_intersection',
      },
      {
        name: 'too many vertices',
        geometry: { type: 'Polygon', coordinates: [many] },
        status: 422,
        reason: 'too_many_vertices',
      },
    ];
    for (const bad of cases) {
      const response = await post(bad.geometry, { name: bad.name });
      expect(response.statusCode, bad.name).toBe(bad.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.type).toBe('urn:tapak:problem:invalid-geometry');
      expect(
        problem.errors.map((e: { reason: string }) => e.reason),
        bad.name,
      ).toContain(bad.reason);
      expect(problem.errors[0].pointer).toMatch(/^\/geometry/);
    }
    const selfIntersection = await post({ type: 'Polygon', coordinates: [bowTie] }, { name: 'x' });
    expect(selfIntersection.json().detail).toContain('ST_MakeValid');

    const longId = await t.app.inject({ method: 'GET', url: `/api/parcels/${'x'.repeat(300)}` });
    expect(longId.statusCode).toBe(414);
    expect(longId.json().type).toBe('urn:tapak:problem:uri-too-long');

    const unknownField = await post(rectangleAt(bekasijaya, 40, 30), { name: 'x', warna: 'merah' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().type).toBe('urn:tapak:problem:bad-request');

    const brokenJson = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      headers: { 'content-type': 'application/json' },
      payload: '{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[107,-6.2],[NaN,-6.2]]]}}',
    });
    expect(brokenJson.statusCode).toBe(400);
    expect(brokenJson.headers['content-type']).toContain('application/problem+json');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        type: 'Feature',
        geometry: null,
        properties: { name: 'x', notes: 'a'.repeat(6 * 1024 * 1024) },
      }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().type).toBe('urn:tapak:problem:payload-too-large');
    expect(await parcelCount()).toBe(before);
  });

  it('never overwrites silently: If-Match is required, a stale one gets 412', async () => {
    const created = (await post(rectangleAt(bekasijaya, 35, 25, 5), { name: 'Versi', ...owned })).json();
    const url = `/api/parcels/${created.id}`;
    const noHeader = await t.app.inject({ method: 'PATCH', url, payload: { properties: { notes: 'a' } } });
    expect(noHeader.statusCode).toBe(428);

    const first = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v1"' },
      payload: { properties: { notes: 'pertama' } },
    });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"v2"');

    const stale = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v1"' },
      payload: { properties: { notes: 'kedua' } },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: 'urn:tapak:problem:precondition-failed', current_etag: '"v2"' });
    expect((await t.app.inject(url)).json().properties.notes).toBe('pertama');

    // A new geometry is judged again: 25 × 18 m is too small and too narrow.
    const shrunk = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v2"' },
      payload: { geometry: rectangleAt(bekasijaya, 25, 18, 5) },
    });
    expect(shrunk.statusCode).toBe(200);
    expect(shrunk.json().properties).toMatchObject({
      qualifies: false,
      fits_prototype: false,
      verdict: 'tidak_memenuhi',
    });
    expect(shrunk.json().properties.area_m2).toBeCloseTo(450, 2);

    const staleDelete = await t.app.inject({ method: 'DELETE', url, headers: { 'if-match': '"v2"' } });
    expect(staleDelete.statusCode).toBe(412);
  });

  it('deletes softly and restores exactly', async () => {
    const created = (
      await post(rectangleAt(bekasijaya, 45, 30, 12), { name: 'Akan dihapus', ...owned, tags: ['uji'] })
    ).json();
    const url = `/api/parcels/${created.id}`;
    const deleted = await t.app.inject({ method: 'DELETE', url, headers: { 'if-match': '"v1"' } });
    expect(deleted.statusCode).toBe(204);
    const live = (await t.app.inject('/api/parcels?q=Akan%20dihapus')).json();
    expect(live.numberMatched).toBe(0);
    const trash = (await t.app.inject('/api/parcels?deleted=true')).json();
    expect(trash.features.map((f: { id: string }) => f.id)).toContain(created.id);

    const restored = await t.app.inject({ method: 'POST', url: `${url}/restore` });
    expect(restored.statusCode).toBe(200);
    const back = restored.json();
    expect(back.properties.deleted_at).toBeNull();
    expect(back.geometry).toEqual(created.geometry);
    const { version: _v1, updated_at: _u1, ...before } = created.properties;
    const { version: _v2, updated_at: _u2, ...after } = back.properties;
    expect(after).toEqual(before);
  });

  it('keeps one primary site per kelurahan and records the pipeline', async () => {
    const one = (
      await post(rectangleAt(bekasijaya, 40, 30, 0), { name: 'Utama A', ...owned, is_primary: true })
    ).json();
    const two = await post(rectangleAt(bekasijaya, 40, 30, 45), { name: 'Utama B', ...owned, is_primary: true });
    expect(two.statusCode).toBe(409);
    expect(two.json().primary_parcel_id).toBe(one.id);

    const url = `/api/parcels/${one.id}`;
    const rejectWithoutReason = await t.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v1"' },
      payload: { properties: { status: 'ditolak' } },
    });
    expect(rejectWithoutReason.statusCode).toBe(400);
    await t.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"v1"' },
      payload: { properties: { status: 'diusulkan', shortlisted: true, shortlist_rank: 1 } },
    });
    const history = (await t.app.inject(`${url}/history`)).json();
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual(['kandidat', 'diusulkan']);
  });

  it('lists with filters and paging', async () => {
    const all = (await t.app.inject('/api/parcels')).json();
    expect(all.numberMatched).toBeGreaterThanOrEqual(4);
    const ranked = (await t.app.inject('/api/parcels?kelurahan=32.75.01.1001')).json();
    expect(ranked.features.map((f: { properties: { rank: number } }) => f.properties.rank)).toEqual(
      ranked.features.map((_: unknown, i: number) => i + 1),
    );
    expect(ranked.features[0].properties.qualifies).toBe(true);
    const qualifying = (await t.app.inject('/api/parcels?qualifies=true&kelurahan=32.75.01.1001')).json();
    expect(qualifying.features.every((f: { properties: { qualifies: boolean } }) => f.properties.qualifies)).toBe(true);
    const page = (await t.app.inject('/api/parcels?limit=2&offset=1')).json();
    expect(page.numberReturned).toBe(2);
    expect(page.features[0].id).toBe(all.features[1].id);
    const [lon, lat] = bekasijaya;
    const inBox = (
      await t.app.inject(`/api/parcels?bbox=${lon - 0.002},${lat - 0.002},${lon + 0.002},${lat + 0.002}`)
    ).json();
    expect(inBox.numberMatched).toBeGreaterThan(0);
    const farBox = (await t.app.inject('/api/parcels?bbox=106.7,-6.3,106.71,-6.29')).json();
    expect(farBox.numberMatched).toBe(0);
    const badBox = await t.app.inject('/api/parcels?bbox=1,2,3');
    expect(badBox.statusCode).toBe(400);
    const unknownFilter = await t.app.inject('/api/parcels?warna=merah');
    expect(unknownFilter.statusCode).toBe(400);
  });

  it('reports coverage per kelurahan and the city total', async () => {
    const coverage = (await t.app.inject('/api/coverage')).json();
    expect(coverage.totals.kelurahan).toBe(56);
    expect(coverage.totals.with_qualifying_site).toBe(1);
    expect(coverage.summary.id).toBe('1 dari 56 kelurahan memiliki lokasi memenuhi syarat');
    const bekasijayaEntry = coverage.kelurahan.find((k: { kode: string }) => k.kode === '32.75.01.1001');
    expect(bekasijayaEntry).toMatchObject({ state: 'diusulkan', primary: { name: 'Utama A', status: 'diusulkan' } });
    const without = (await t.app.inject('/api/coverage?without_qualifying_site=true')).json();
    expect(without.kelurahan).toHaveLength(55);
    expect(without.kelurahan.map((k: { kode: string }) => k.kode)).not.toContain('32.75.01.1001');
    const map = (await t.app.inject('/api/kelurahan/32.75.01.1001')).json();
    expect(map.properties.qualifying).toBeGreaterThanOrEqual(1);
    expect(map.properties.candidates).toBe(bekasijayaEntry.candidates);
  });

  it('exports RFC 7946 GeoJSON that GDAL opens', async () => {
    const response = await t.app.inject('/api/export/parcels.geojson?kelurahan=32.75.01.1001');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="tapak-bidang-32\.75-32\.75\.01\.1001-\d{4}-\d{2}-\d{2}\.geojson"/,
    );
    const collection = response.json();
    expect(collection).not.toHaveProperty('crs');
    expect(collection.features.length).toBeGreaterThan(0);
    for (const feature of collection.features) {
      for (const polygon of feature.geometry.coordinates as number[][][][]) {
        polygon.forEach((ring, index) => {
          let twiceArea = 0;
          for (let i = 0; i < ring.length - 1; i += 1) {
            const [x1 = 0, y1 = 0] = ring[i] ?? [];
            const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
            twiceArea += x1 * y2 - x2 * y1;
            expect(String(x1).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(7);
          }
          // Exterior counter-clockwise, holes clockwise.
          expect(index === 0 ? twiceArea > 0 : twiceArea < 0).toBe(true);
        });
      }
      expect(feature.properties.area_m2).toBeGreaterThan(0);
      expect(feature.properties.point).toHaveLength(2);
    }
    const kelurahan = await t.app.inject('/api/export/kelurahan.geojson');
    expect(kelurahan.json().features).toHaveLength(56);
    // Large GeoJSON travels gzipped when the client accepts it.
    const gzipped = await t.app.inject({ url: '/api/kelurahan', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8')).features).toHaveLength(56);

    const ogrinfo = ['/usr/bin/ogrinfo'].find((p) => fs.existsSync(p));
    if (ogrinfo) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-export-'));
      const file = path.join(dir, 'parcels.geojson');
      fs.writeFileSync(file, response.body);
      const info = execFileSync(ogrinfo, ['-ro', '-so', '-al', file], { encoding: 'utf8' });
      expect(info).toContain(`Feature Count: ${collection.features.length}`);
      expect(info).toMatch(/Geometry: Multi Polygon/);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-judges every parcel when an admin changes the criteria', async () => {
    const current = (await t.app.inject('/api/criteria')).json();
    expect(current.criteria).toMatchObject({ min_area_m2: 600, footprint_width_m: 30, footprint_depth_m: 20 });
    const invalid = await t.app.inject({
      method: 'PUT',
      url: '/api/criteria',
      payload: { ...current.criteria, ideal_area_m2: 100 },
    });
    expect(invalid.statusCode).toBe(400);

    const strict = { ...current.criteria, min_area_m2: 1500, ideal_area_m2: 2000 };
    const preview = await t.app.inject({ method: 'POST', url: '/api/criteria/preview', payload: strict });
    expect(preview.json()).toMatchObject({
      kelurahan_losing_qualifying_site: [{ kode: '32.75.01.1001', nama: 'Bekasijaya' }],
      kelurahan_gaining_qualifying_site: [],
      summary: { id: '1 kelurahan akan kehilangan lokasi memenuhi syarat; 0 kelurahan akan mendapatkannya' },
    });
    // The preview changed nothing.
    expect((await t.app.inject('/api/criteria')).json().version).toBe(current.version);
    expect((await t.app.inject('/api/coverage')).json().totals.with_qualifying_site).toBe(1);
    expect((await t.app.inject('/api/progress')).json()).toEqual([]);

    const stricter = await t.app.inject({
      method: 'PUT',
      url: '/api/criteria',
      payload: { ...current.criteria, min_area_m2: 1500, ideal_area_m2: 2000 },
    });
    expect(stricter.statusCode).toBe(200);
    // (The preview's rolled-back transaction used up a sequence number: versions grow, not always by one.)
    expect(stricter.json().version).toBeGreaterThan(current.version);
    expect(stricter.json().parcels_changed_qualification).toBeGreaterThan(0);
    expect((await t.app.inject('/api/coverage')).json().totals.with_qualifying_site).toBe(0);

    const back = await t.app.inject({ method: 'PUT', url: '/api/criteria', payload: current.criteria });
    expect(back.json().parcels_changed_qualification).toBe(stricter.json().parcels_changed_qualification);
    expect((await t.app.inject('/api/coverage')).json().totals.with_qualifying_site).toBe(1);
  });
});
