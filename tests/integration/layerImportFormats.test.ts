import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../core/src/geometry/localProjection.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
type Check = { id: string; passed: boolean; reason: string };

let t: TestApp;
let workDir: string;
let center: Position;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

async function ellipsoidalArea(geometry: unknown): Promise<number> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ a: number }> }>(
    'SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography) AS a',
    [JSON.stringify(geometry)],
  );
  return Number(result.rows[0]?.a);
}

function featureCollection(features: Array<{ geometry: unknown; properties?: Record<string, unknown> }>) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: {}, ...f })),
  });
}

/** A file GDAL writes from a WGS 84 GeoJSON; a Shapefile is zipped as a planner would send it. */
function ogr2ogr(geojson: string, args: string[], driver: 'ESRI Shapefile' | 'KML' | 'CSV'): Uint8Array {
  const dir = fs.mkdtempSync(path.join(workDir, 'ogr-'));
  const input = path.join(dir, 'input.geojson');
  fs.writeFileSync(input, geojson);
  const extension = { 'ESRI Shapefile': 'shp', KML: 'kml', CSV: 'csv' }[driver];
  const output = path.join(dir, `lapisan.${extension}`);
  execFileSync('ogr2ogr', ['-f', driver, ...args, output, input]);
  if (driver !== 'ESRI Shapefile') return fs.readFileSync(output);
  const files = Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('lapisan.'))
      .map((name) => [name, new Uint8Array(fs.readFileSync(path.join(dir, name)))]),
  );
  return zipSync(files);
}

function convert(payload: Uint8Array) {
  return t.app.inject({
    method: 'POST',
    url: '/api/import/layer-features',
    payload: Buffer.from(payload),
    headers: { 'content-type': 'application/octet-stream' },
  });
}

async function addLayer(name: string, kind: string, features: unknown, params?: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/layers',
    payload: { name, kind, ...(params ? { params } : {}), features },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe(`overlay layers from Shapefile, KML and CSV on ${testEngine()}`, () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-layer-import-'));
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    center = await pointInside('32.75.01.1001');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('reads a flood Shapefile in UTM 48S with the same area and fails the flood check of a parcel under it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: {
        type: 'Feature',
        geometry: rectangleAt(center, 40, 30),
        properties: { name: 'Lahan banjir', ...owned },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const parcelId = created.json().id as string;

    const flood = rectangleAt(center, 90, 70, 12);
    const file = ogr2ogr(
      featureCollection([{ geometry: flood, properties: { nama: 'Genangan 2025' } }]),
      ['-t_srs', 'EPSG:32748'],
      'ESRI Shapefile',
    );
    const converted = await convert(file);
    expect(converted.statusCode, converted.body).toBe(200);
    const body = converted.json();
    expect(body).toMatchObject({
      format: 'shp',
      crs_detected: { code: 'EPSG:32748', source: 'prj', reprojected: true },
      feature_count: 1,
      skipped: [],
      features: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { nama: 'Genangan 2025' } }] },
    });
    const geometry = body.features.features[0].geometry;
    expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
    const original = await ellipsoidalArea(flood);
    expect(Math.abs((await ellipsoidalArea(geometry)) - original) / original).toBeLessThan(0.0001);

    const layer = await addLayer('Genangan 2025', 'flood', body.features);
    expect(layer).toMatchObject({ layer: { kind: 'flood', feature_count: 1 } });
    const parcel = (await t.app.inject(`/api/parcels/${parcelId}`)).json().properties as { checks: Check[] };
    expect(parcel.checks.find((c) => c.id === 'outside_flood')).toMatchObject({
      passed: false,
      reason: 'overlaps_flood',
    });
  });

  it('reads a road as KML LineStrings', async () => {
    const projection = createLocalProjection(center);
    const road = {
      type: 'LineString',
      coordinates: [projection.toLonLat([-300, -50]), projection.toLonLat([0, 20]), projection.toLonLat([300, 60])],
    };
    const file = ogr2ogr(featureCollection([{ geometry: road, properties: { nama: 'Jl. Contoh' } }]), [], 'KML');
    const converted = await convert(file);
    expect(converted.statusCode, converted.body).toBe(200);
    const body = converted.json();
    expect(body).toMatchObject({ format: 'kml', feature_count: 1, skipped: [] });
    const [feature] = body.features.features;
    expect(feature.geometry.type).toBe('LineString');
    expect(feature.geometry.coordinates).toHaveLength(3);
    expect(feature.geometry.coordinates[1][0]).toBeCloseTo(road.coordinates[1]?.[0] ?? 0, 6);
    expect(feature.properties).toMatchObject({ nama: 'Jl. Contoh' });
    await addLayer('Jalan', 'road', body.features, { road_class: 'lokal' });
  });

  it('reads facility points from CSV lon/lat columns and lists rows without coordinates as skipped', async () => {
    const projection = createLocalProjection(center);
    const point = { type: 'Point', coordinates: projection.toLonLat([150, 150]) };
    const file = ogr2ogr(
      featureCollection([
        { geometry: point, properties: { nama: 'Puskesmas' } },
        { geometry: null, properties: { nama: 'Tanpa lokasi' } },
      ]),
      ['-lco', 'GEOMETRY=AS_XY'],
      'CSV',
    );
    const converted = await convert(file);
    expect(converted.statusCode, converted.body).toBe(200);
    const body = converted.json();
    expect(body).toMatchObject({
      format: 'csv',
      feature_count: 2,
      skipped: [{ feature: 2, row: 3, reason: 'no_geometry' }],
    });
    expect(body.features.features).toHaveLength(1);
    expect(body.features.features[0].geometry.type).toBe('Point');
    expect(body.features.features[0].geometry.coordinates[0]).toBeCloseTo(point.coordinates[0] ?? 0, 6);
    await addLayer('Fasilitas', 'facility', body.features);
  });

  it('refuses an unreadable file with problem+json and an anonymous caller with 401', async () => {
    const unreadable = await convert(new TextEncoder().encode('<html><body>bukan peta</body></html>'));
    expect(unreadable.statusCode).toBe(415);
    expect(unreadable.headers['content-type']).toContain('application/problem+json');
    expect(unreadable.json()).toMatchObject({ reason: 'format_unknown' });

    const anonymous = await t.injectAs(null, {
      method: 'POST',
      url: '/api/import/layer-features',
      payload: Buffer.from(featureCollection([])),
      headers: { 'content-type': 'application/octet-stream' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
