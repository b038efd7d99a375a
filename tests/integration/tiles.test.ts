import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import type { TapakContext } from '../../server/src/context.ts';
import { renderTile } from '../../server/src/tiles/renderTile.ts';
import { resolveTileLayer } from '../../server/src/tiles/tileLayer.ts';
import { testEngine } from '../support/engines.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Tile = [z: number, x: number, y: number];
type Position = [number, number];

let app: FastifyInstance;
let context: TapakContext;
let layerId: string;

let testApp: TestApp;

/** The whole app; its inject sends the admin token (tiles are read like every other route). */
async function startApp() {
  testApp = await createTestApp();
  ({ app, context } = testApp);
}

/** 250 squares of about 22 × 22 m spread over the 56 kelurahan, and one overlay layer of three shapes. */
async function seed() {
  const { knex } = context.db;
  await knex.raw(
    `INSERT INTO parcels (kelurahan_kode, name, source, qualifies, score, geom, area_m2)
     SELECT k.kode, 'Bidang uji ' || lpad(g.n::text, 3, '0'), 'bmd', g.n % 2 = 0, (g.n % 8) / 8.0,
            s.geom, ST_Area(s.geom::geography)
     FROM generate_series(0, 249) AS g(n)
     CROSS JOIN LATERAL (
       SELECT kode, geom FROM kelurahan WHERE kode LIKE '32.75.%' AND geom IS NOT NULL ORDER BY kode OFFSET g.n % 56 LIMIT 1
     ) k
     CROSS JOIN LATERAL (
       SELECT ST_Multi(ST_Expand(ST_Translate(ST_PointOnSurface(k.geom), (g.n / 56) * 0.0004, 0), 0.0001)) AS geom
     ) s`,
  );
  const [layer] = await knex('overlay_layers').insert({ name: 'Genangan uji', kind: 'flood' }).returning('id');
  layerId = layer.id;
  await knex.raw(
    `INSERT INTO overlay_features (layer_id, properties, geom) VALUES
       (?, '{"nama": "Genangan A", "kedalaman_cm": 40, "catatan": null, "sumber": {"tahun": 2024}}',
        ST_GeomFromText('POLYGON((106.99 -6.25, 107.0 -6.25, 107.0 -6.24, 106.99 -6.24, 106.99 -6.25))', 4326)),
       (?, '{"nama": "Saluran B"}', ST_GeomFromText('LINESTRING(106.991 -6.241, 106.999 -6.249)', 4326)),
       (?, '{"nama": "Pompa C"}', ST_GeomFromText('POINT(106.995 -6.245)', 4326))`,
    [layerId, layerId, layerId],
  );
}

async function sql<T>(query: string, bindings: unknown[] = []): Promise<T[]> {
  const result = await context.db.knex.raw<{ rows: T[] }>(query, bindings as never[]);
  return result.rows;
}

/** The XYZ tile holding a lon/lat at zoom z. */
function tileAt([lon, lat]: Position, z: number): Tile {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return [z, x, y];
}

/** A lon/lat in the tile's 4096 units (y down), computed here independently of PostGIS. */
function toTileUnits([lon, lat]: Position, [z, x, y]: Tile): Position {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  const worldX = ((lon + 180) / 360) * n;
  const worldY = ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n;
  return [(worldX - x) * 4096, (worldY - y) * 4096];
}

function decode(body: Uint8Array) {
  return new VectorTile(new PbfReader(body));
}

function features(tile: VectorTile, layerName: string): VectorTileFeature[] {
  const layer = tile.layers[layerName];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

/** Twice the signed area of a ring by the surveyor's formula in tile units (positive = MVT exterior). */
function twiceArea(ring: Array<{ x: number; y: number }>): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i += 1) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    if (a && b) sum += a.x * b.y - b.x * a.y;
  }
  return sum;
}

/** The largest distance from a vertex of one geometry to the nearest vertex or edge of the other. */
function vertexDistance(a: Array<Array<{ x: number; y: number }>>, b: Array<Array<{ x: number; y: number }>>) {
  const segments = b.flatMap((ring) => ring.slice(1).map((p, i) => [ring[i] ?? p, p] as const));
  const toSegment = (
    p: { x: number; y: number },
    [s, t]: readonly [{ x: number; y: number }, { x: number; y: number }],
  ) => {
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const length2 = dx * dx + dy * dy;
    const k = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - s.x) * dx + (p.y - s.y) * dy) / length2));
    return Math.hypot(p.x - (s.x + k * dx), p.y - (s.y + k * dy));
  };
  let worst = 0;
  for (const p of a.flat()) {
    const nearest = segments.length
      ? Math.min(...segments.map((segment) => toSegment(p, segment)))
      : Math.min(...b.flat().map((q) => Math.hypot(p.x - q.x, p.y - q.y)));
    worst = Math.max(worst, nearest);
  }
  return worst;
}

async function getTile(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers });
}

describe(`vector tiles on ${testEngine()}`, () => {
  let parcelCenter: Position;
  beforeAll(async () => {
    await startApp();
    await importBoundaries(context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    await seed();
    const [row] = await sql<{ lon: number; lat: number }>(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) AS c FROM parcels WHERE name = 'Bidang uji 000') s`,
    );
    parcelCenter = [Number(row?.lon), Number(row?.lat)];
  });
  afterAll(async () => {
    await testApp.close();
  });

  it('serves a parcels tile with one MVT layer, every parcel touching the tile and their properties', async () => {
    for (const z of [12, 14, 16]) {
      const [, x, y] = tileAt(parcelCenter, z);
      const response = await getTile(`/tiles/parcels/${z}/${x}/${y}.mvt`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(response.headers['cache-control']).toMatch(/^private, max-age=\d+.*must-revalidate/);
      expect(response.headers['access-control-allow-origin']).toBe('*');
      const tile = decode(response.rawPayload);
      expect(Object.keys(tile.layers)).toEqual(['parcels']);
      expect(tile.layers.parcels?.extent).toBe(4096);
      const expected = await sql<{ name: string; area_m2: number; id: string }>(
        `SELECT id, name, area_m2 FROM parcels
         WHERE deleted_at IS NULL AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64 / 4096.0), 4326))`,
        [z, x, y],
      );
      const decoded = features(tile, 'parcels');
      expect(decoded.length, `z${z}`).toBe(expected.length);
      const byName = new Map(decoded.map((f) => [f.properties.name, f]));
      const first = byName.get('Bidang uji 000');
      const stored = expected.find((r) => r.name === 'Bidang uji 000');
      expect(first?.type).toBe(3);
      expect(first?.properties).toMatchObject({
        id: stored?.id,
        kelurahan_kode: '32.75.01.1001',
        qualifies: true,
        status: 'kandidat',
        source: 'bmd',
        verdict: 'belum_lengkap',
      });
      expect(first?.properties.area_m2).toBeCloseTo(Number(stored?.area_m2), 6);
    }
  });

  it('puts the geometry where the parcel is, to the tile unit, with the exterior ring positive (MVT spec)', async () => {
    const [row] = await sql<{ geometry: string }>(
      `SELECT ST_AsGeoJSON(geom) AS geometry FROM parcels WHERE name = 'Bidang uji 000'`,
    );
    const lonLatRing = (JSON.parse(row?.geometry ?? '{}') as { coordinates: Position[][][] }).coordinates[0]?.[0] ?? [];
    for (const z of [14, 16, 18]) {
      const address = tileAt(parcelCenter, z);
      const response = await getTile(`/tiles/parcels/${address.join('/')}.mvt`);
      const parcel = features(decode(response.rawPayload), 'parcels').find(
        (f) => f.properties.name === 'Bidang uji 000',
      );
      const rings = parcel?.loadGeometry() ?? [];
      expect(rings).toHaveLength(1);
      const ring = rings[0] ?? [];
      expect(twiceArea(ring)).toBeGreaterThan(0);
      // The parcel is an axis-aligned square: clipping it to the tile plus its 64-unit buffer clamps its corners.
      const clamp = (value: number) => Math.min(4096 + 64, Math.max(-64, value));
      const expected = lonLatRing.map((position) => {
        const [ex, ey] = toTileUnits(position, address);
        return { x: clamp(ex), y: clamp(ey) };
      });
      // Snapped to the integer grid: every vertex within √2/2 of the exact position, and the reverse.
      expect(vertexDistance([ring], [expected])).toBeLessThan(0.75);
      expect(vertexDistance([expected], [ring])).toBeLessThan(0.75);
    }
  });

  it('serves kelurahan and overlay layers under their own names, scalar properties only', async () => {
    const [z, x, y] = tileAt(parcelCenter, 12);
    const kelurahan = features(decode((await getTile(`/tiles/kelurahan/${z}/${x}/${y}.mvt`)).rawPayload), 'kelurahan');
    const [expected] = await sql<{ n: number }>(
      `SELECT count(*) AS n FROM kelurahan
       WHERE geom IS NOT NULL AND ST_Intersects(geom, ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64 / 4096.0), 4326))`,
      [z, x, y],
    );
    expect(kelurahan.length).toBe(Number(expected?.n));
    expect(kelurahan.map((f) => f.properties.nama)).toContain('Bekasijaya');
    expect(kelurahan.find((f) => f.properties.kode === '32.75.01.1001')?.properties).toMatchObject({
      jenis: 'kelurahan',
      kecamatan_kode: '32.75.01',
    });

    const overlayTile = tileAt([106.995, -6.245], 15);
    const response = await getTile(`/tiles/layer-${layerId}/${overlayTile.join('/')}.mvt`);
    expect(response.statusCode).toBe(200);
    const tile = decode(response.rawPayload);
    expect(Object.keys(tile.layers)).toEqual([`layer-${layerId}`]);
    const overlay = features(tile, `layer-${layerId}`);
    expect(overlay.map((f) => [f.type, f.properties.nama]).sort()).toEqual([
      [1, 'Pompa C'],
      [2, 'Saluran B'],
      [3, 'Genangan A'],
    ]);
    expect(overlay.find((f) => f.type === 3)?.properties).toEqual({ nama: 'Genangan A', kedalaman_cm: 40 });
  });

  it('answers 204 for an empty tile, 400 for impossible coordinates and 404 for unknown layers', async () => {
    const empty = await getTile('/tiles/parcels/10/0/0.mvt');
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
    for (const url of [
      '/tiles/parcels/23/0/0.mvt',
      '/tiles/parcels/3/8/0.mvt',
      '/tiles/parcels/3/0/8.mvt',
      '/tiles/parcels/a/0/0.mvt',
      '/tiles/parcels/12/-1/0.mvt',
      '/tiles/parcels/12/1.5/0.mvt',
    ]) {
      const response = await getTile(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().type).toBe('urn:tapak:problem:bad-request');
    }
    for (const url of [
      '/tiles/jalan/12/0/0.mvt',
      '/tiles/layer-00000000-0000-4000-8000-000000000000/12/0/0.mvt',
      '/tiles/layer-x/12/0/0.mvt',
      '/tiles/parcels/12/0/0.png',
      '/tiles/parcels/12/0',
    ]) {
      const response = await getTile(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json().type).toBe('urn:tapak:problem:not-found');
    }
    const docs = (await app.inject('/api/docs/json')).json();
    expect(Object.keys(docs.paths['/tiles/{layer}/{z}/{x}/{y}.mvt']?.get.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '204', '304', '400', '404']),
    );
    const preflight = await app.inject({ method: 'OPTIONS', url: '/tiles/parcels/12/0/0.mvt' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('revalidates with ETag: 304 while nothing changed, a new ETag after an edit', async () => {
    const url = `/tiles/parcels/${tileAt(parcelCenter, 15).join('/')}.mvt`;
    const first = await getTile(url);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await getTile(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body).toBe('');
    expect((await getTile(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await getTile(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);

    await sql(`UPDATE parcels SET name = 'Bidang uji 000 (diubah)' WHERE name = 'Bidang uji 000'`);
    const edited = await getTile(url, { 'if-none-match': etag });
    expect(edited.statusCode).toBe(200);
    expect(edited.headers.etag).not.toBe(etag);
    const names = features(decode(edited.rawPayload), 'parcels').map((f) => f.properties.name);
    expect(names).toContain('Bidang uji 000 (diubah)');
    await sql(`UPDATE parcels SET name = 'Bidang uji 000' WHERE name = 'Bidang uji 000 (diubah)'`);
    expect((await getTile(url)).headers.etag).toBe(etag);
  });

  it.runIf(testEngine() === 'postgres')(
    'encodes the same tiles as ST_AsMVT in the server path used on PGlite (layer, features, properties, geometry)',
    async () => {
      const { db, region } = context;
      for (const [name, center] of [
        ['parcels', parcelCenter],
        ['kelurahan', parcelCenter],
        [`layer-${layerId}`, [106.995, -6.245] as Position],
      ] as const) {
        const layer = await resolveTileLayer(db.knex, name);
        // Low zooms too: lines and polygons under half a tile unit are dropped by both.
        for (const z of [6, 8, 10, 12, 13, 14, 15, 16]) {
          const [, x, y] = tileAt(center, z);
          const reference = decode(await renderTile(db, layer, { z, x, y }, region.kode, 'st_asmvt'));
          const ours = decode(await renderTile(db, layer, { z, x, y }, region.kode, 'server'));
          expect(Object.keys(ours.layers)).toEqual(Object.keys(reference.layers));
          const key = (f: VectorTileFeature) => String(f.properties.id ?? f.properties.kode ?? f.properties.nama);
          const expected = new Map(features(reference, name).map((f) => [key(f), f]));
          const actual = features(ours, name);
          if (z >= 10) expect(expected.size, `${name} z${z}`).toBeGreaterThan(0);
          expect(actual.length, `${name} z${z}`).toBe(expected.size);
          for (const feature of actual) {
            const twin = expected.get(key(feature));
            expect(twin, `${name} z${z} ${key(feature)}`).toBeDefined();
            if (!twin) continue;
            expect(feature.type).toBe(twin.type);
            expect(feature.properties).toEqual(twin.properties);
            const a = feature.loadGeometry();
            const b = twin.loadGeometry();
            // Within a tile unit both ways (a 256-pixel tile has 16 units per pixel); below z10, where whole
            // kelurahan shrink to a few units and the validity repairs differ, within 3 units (a fifth of a pixel).
            const tolerance = z >= 10 ? 1 : 3;
            expect(vertexDistance(a, b), `${name} z${z} ${key(feature)}`).toBeLessThanOrEqual(tolerance);
            expect(vertexDistance(b, a), `${name} z${z} ${key(feature)}`).toBeLessThanOrEqual(tolerance);
            if (feature.type === 3) {
              // Exteriors positive, holes negative, and the same net area; below z10 the two validity repairs
              // (Wagyu in ST_AsMVTGeom, ST_MakeValid here) may split sub-unit slivers into different rings. A
              // shift of half a unit along the outline moves the area by up to half the perimeter.
              const net = (rings: typeof a) => rings.reduce((sum, ring) => sum + twiceArea(ring), 0) / 2;
              const perimeter = b.reduce(
                (sum, ring) => sum + ring.slice(1).reduce((s, p, i) => s + p.dist(ring[i] ?? p), 0),
                0,
              );
              expect(twiceArea(a[0] ?? [])).toBeGreaterThan(0);
              expect(Math.abs(net(a) - net(b))).toBeLessThanOrEqual(Math.max(4, perimeter / 2));
              if (z >= 10)
                expect(a.map((ring) => Math.sign(twiceArea(ring)))).toEqual(
                  b.map((ring) => Math.sign(twiceArea(ring))),
                );
            }
          }
        }
      }
    },
  );
});
