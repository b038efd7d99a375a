import { parcelMapCollectionSchema } from '@tapak/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

// The map's slim listing (GET /api/parcels/map.geojson): what the map draws and nothing more, the same
// rank as the full feature, the filters of the full listing, and all-or-nothing above `limit` (the web then
// draws vector tiles).

type Position = [number, number];
let t: TestApp;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s`,
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

async function create(at: Position, widthM: number, depthM: number, properties: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: { type: 'Feature', geometry: rectangleAt(at, widthM, depthM, 10), properties },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; properties: Record<string, unknown> };
}

type MapFeature = {
  id: string;
  geometry: { type: string; coordinates: number[][][][] };
  properties: Record<string, unknown>;
};

async function mapListing(query = '') {
  const response = await t.app.inject({ method: 'GET', url: `/api/parcels/map.geojson${query}` });
  return response;
}

describe(`parcel map listing on ${testEngine()}`, () => {
  const ids: string[] = [];
  let other: string;
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const bekasijaya = await pointInside('32.75.01.1001');
    const east: Position = [bekasijaya[0] + 0.0012, bekasijaya[1]];
    const west: Position = [bekasijaya[0] - 0.0012, bekasijaya[1]];
    ids.push((await create(bekasijaya, 40, 30, { name: 'Lahan BMD Bekasijaya', ...owned })).id);
    ids.push((await create(east, 45, 35, { name: 'Lahan <b>besar</b>', ...owned, shortlisted: true })).id);
    ids.push((await create(west, 15, 12, { name: 'Petak kecil' })).id);
    other = (await create(await pointInside('32.75.02.1001'), 40, 30, { name: 'Bidang lain', ...owned })).id;
    // A deleted parcel is never on the map.
    const gone = await create([bekasijaya[0], bekasijaya[1] + 0.0012], 40, 30, { name: 'Dihapus', ...owned });
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${gone.id}`,
      headers: { 'if-match': '"v1"' },
    });
    expect(deleted.statusCode).toBe(204);
  });
  afterAll(() => t.close());

  it('lists every live parcel with only what the map draws, at 7 decimals', async () => {
    const response = await mapListing();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const body = parcelMapCollectionSchema.parse(response.json());
    expect(body.numberMatched).toBe(4);
    expect(body.numberReturned).toBe(4);
    expect(body.features.map((f) => f.id).sort()).toEqual([...ids, other].sort());
    const first = body.features.find((f) => f.id === ids[0]) as MapFeature | undefined;
    expect(first?.properties).toMatchObject({
      id: ids[0],
      name: 'Lahan BMD Bekasijaya',
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      verdict: 'memenuhi',
      qualifies: true,
      status: 'kandidat',
      shortlisted: false,
      is_primary: false,
      version: 1,
    });
    // Only what the map and the kelurahan's list need: never the checks or the planner's attributes.
    expect(Object.keys(first?.properties ?? {}).sort()).toEqual(
      [
        'area_m2',
        'id',
        'is_primary',
        'kelurahan_kode',
        'kelurahan_nama',
        'name',
        'point',
        'qualifies',
        'rank',
        'score',
        'shortlist_rank',
        'shortlisted',
        'status',
        'verdict',
        'version',
      ].sort(),
    );
    const coordinates = first?.geometry.coordinates.flat(3) ?? [];
    expect(coordinates.length).toBeGreaterThan(0);
    for (const value of coordinates) expect(Math.abs(value * 1e7 - Math.round(value * 1e7))).toBeLessThan(1e-6);
    // Markup in a name is data: it comes back as the same text.
    expect(body.features.find((f) => f.id === ids[1])?.properties.name).toBe('Lahan <b>besar</b>');
  });

  it('gives each parcel the same rank and geometry as its full feature', async () => {
    const body = parcelMapCollectionSchema.parse((await mapListing()).json());
    for (const feature of body.features) {
      const full = (await t.app.inject({ method: 'GET', url: `/api/parcels/${feature.id}` })).json() as MapFeature;
      expect(feature.properties.rank).toBe(full.properties.rank);
      expect(feature.properties.area_m2).toBe(full.properties.area_m2);
      expect(feature.properties.point).toEqual(full.properties.point);
      const slim = feature.geometry.coordinates.flat(3) as number[];
      const exact = full.geometry.coordinates.flat(3);
      expect(slim.length).toBe(exact.length);
      for (const [i, value] of slim.entries()) {
        expect(Math.abs(value - (exact[i] ?? 0))).toBeLessThanOrEqual(0.5e-7 + 1e-12);
      }
    }
    const ranks = body.features
      .filter((f) => f.properties.kelurahan_kode === '32.75.01.1001')
      .map((f) => f.properties.rank)
      .sort();
    expect(ranks).toEqual([1, 2, 3]);
  });

  it('takes the filters of the full listing', async () => {
    const kelurahan = parcelMapCollectionSchema.parse((await mapListing('?kelurahan=32.75.02.1001')).json());
    expect(kelurahan.features.map((f) => f.id)).toEqual([other]);
    // The rank stays the rank within the whole kelurahan, whatever the filter keeps.
    const shortlisted = parcelMapCollectionSchema.parse((await mapListing('?shortlisted=true')).json());
    expect(shortlisted.features.map((f) => f.id)).toEqual([ids[1]]);
    const full = (await t.app.inject({ method: 'GET', url: `/api/parcels/${ids[1]}` })).json() as MapFeature;
    expect(shortlisted.features[0]?.properties.rank).toBe(full.properties.rank);
    expect((await mapListing('?deleted=true')).statusCode).toBe(400);
    expect((await mapListing('?limit=0')).statusCode).toBe(400);
  });

  it('answers only the count when more parcels match than the client will draw', async () => {
    const body = parcelMapCollectionSchema.parse((await mapListing('?limit=3')).json());
    expect(body).toEqual({ type: 'FeatureCollection', numberMatched: 4, numberReturned: 0, features: [] });
    const exact = parcelMapCollectionSchema.parse((await mapListing('?limit=4')).json());
    expect(exact.numberReturned).toBe(4);
  });

  it('is as guarded as the full listing', async () => {
    const anonymous = await t.injectAs(null, { method: 'GET', url: '/api/parcels/map.geojson' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('is a tenth of the full listing or less', async () => {
    const slim = (await mapListing()).body.length;
    const full = (await t.app.inject({ method: 'GET', url: '/api/parcels?limit=10000' })).body.length;
    expect(slim * 5).toBeLessThan(full);
  });
});
