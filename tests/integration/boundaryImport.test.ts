import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublicBoundariesIfMissing } from '../../server/src/boundaries/fetchPublicBoundaries.ts';
import { BoundaryImportError, importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { sharedData, sharedDataDir } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

const bekasiGeoJson = sharedData('kota-bekasi-kelurahan.geojson');
const bekasiSql = sharedData('raw/wilayah_boundaries_kel_32.75.sql');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-import-test-'));
const writeFixture = (name: string, content: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
};
const bekasi = JSON.parse(fs.readFileSync(bekasiGeoJson, 'utf8')) as {
  features: Array<{ properties: Record<string, unknown>; geometry: unknown }>;
};

async function boundaryChecksum(t: TestApp) {
  const result = await t.context.db.knex.raw<{ rows: Array<{ n: number; sum: string | null }> }>(
    `SELECT count(geom) AS n, md5(string_agg(ST_AsText(geom), ',' ORDER BY kode)) AS sum FROM kelurahan`,
  );
  return result.rows[0];
}

describe(`boundary import on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports the real Kota Bekasi GeoJSON: 56 matched, 213.07 km² on the ellipsoid', async () => {
    const report = await importBoundaries(t.context.db.knex, bekasiGeoJson, { regionCode: '32.75' });
    expect(report).toMatchObject({ format: 'geojson', features_read: 56, matched: 56, matched_by_name: 0 });
    expect(report.unmatched).toEqual([]);
    expect(report.without_boundary_count).toBe(0);
    const total = await t.context.db.knex('kelurahan').sum('area_m2 as m2').where('kode', 'like', '32.75.%');
    expect(Number(total[0]?.m2) / 1e6).toBeCloseTo(213.07, 2);

    const health = (await t.app.inject('/api/health')).json();
    expect(health).toMatchObject({ kelurahan: 56, kelurahan_with_boundary: 56, boundaries: { status: 'ready' } });
  });

  it('serves them as GeoJSON: 56 features, counter-clockwise exteriors, one by code, problems otherwise', async () => {
    const response = await t.app.inject('/api/kelurahan');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const collection = response.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(56);
    const first = collection.features[0];
    expect(first).toMatchObject({
      id: '32.75.01.1001',
      properties: { kode: '32.75.01.1001', nama: 'Bekasijaya', jenis: 'kelurahan', kecamatan_nama: 'Bekasi Timur' },
      geometry: { type: 'MultiPolygon' },
    });
    // RFC 7946: the exterior ring is counter-clockwise (positive shoelace area in lon/lat).
    const ring: number[][] = first.geometry.coordinates[0][0];
    let twiceArea = 0;
    for (let i = 0; i < ring.length - 1; i += 1) {
      const [x1 = 0, y1 = 0] = ring[i] ?? [];
      const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
      twiceArea += x1 * y2 - x2 * y1;
    }
    expect(twiceArea).toBeGreaterThan(0);

    const one = await t.app.inject('/api/kelurahan/32.75.02.1002');
    expect(one.json()).toMatchObject({ id: '32.75.02.1002', properties: { nama: 'Kranji' } });

    const missing = await t.app.inject('/api/kelurahan/32.75.99.9999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ type: 'urn:tapak:problem:not-found', status: 404 });

    const malformed = await t.app.inject('/api/kelurahan/bekasi');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().type).toBe('urn:tapak:problem:bad-request');
  });

  it('reads the raw wilayah_boundaries SQL dump into the same geometries', async () => {
    const { knex } = t.context.db;
    await knex.raw('CREATE TABLE geojson_snapshot AS SELECT kode, geom FROM kelurahan WHERE geom IS NOT NULL');
    const report = await importBoundaries(knex, bekasiSql, { regionCode: '32.75' });
    expect(report).toMatchObject({ format: 'wilayah-sql', features_read: 56, matched: 56 });
    const diff = await knex.raw<{ rows: Array<{ n: number; worst: number }> }>(
      `SELECT count(*) AS n, max(ST_HausdorffDistance(s.geom, k.geom)) AS worst
       FROM geojson_snapshot s JOIN kelurahan k USING (kode)`,
    );
    expect(Number(diff.rows[0]?.n)).toBe(56);
    // The GeoJSON carries 7 decimals, the dump 15: they agree to well under a centimetre (1e-7° ≈ 1.1 cm).
    expect(Number(diff.rows[0]?.worst)).toBeLessThan(1e-7);
    await knex.raw('DROP TABLE geojson_snapshot');
  });

  it('changes nothing when a file is malformed or holds a non-polygon', async () => {
    const before = await boundaryChecksum(t);
    const text = fs.readFileSync(bekasiGeoJson, 'utf8');
    const truncated = writeFixture('truncated.geojson', text.slice(0, Math.floor(text.length * 0.8)));
    await expect(importBoundaries(t.context.db.knex, truncated, { regionCode: '32.75' })).rejects.toMatchObject({
      code: 'malformed_json',
    });
    const withPoint = structuredClone(bekasi);
    const third = withPoint.features[2];
    if (third) third.geometry = { type: 'Point', coordinates: [107, -6.2] };
    const pointFile = writeFixture('with-point.geojson', JSON.stringify(withPoint));
    const refusal = importBoundaries(t.context.db.knex, pointFile, { regionCode: '32.75' });
    await expect(refusal).rejects.toBeInstanceOf(BoundaryImportError);
    await expect(refusal).rejects.toMatchObject({ code: 'invalid_geometry', ordinal: 3 });
    expect(await boundaryChecksum(t)).toEqual(before);
  });

  it('matches by name within the kecamatan when codes are missing, and repairs a bow-tie with ST_MakeValid', async () => {
    const features = bekasi.features.slice(0, 3).map((feature, index) => ({
      type: 'Feature',
      properties: { NAMOBJ: `KEL. ${String(feature.properties.nama).toUpperCase()}`, WADMKC: 'Bekasi Timur', n: index },
      geometry: feature.geometry,
    }));
    // A bow-tie (self-intersecting) ring for the third one, inside Bekasi Timur.
    const third = features[2];
    if (third) {
      third.geometry = {
        type: 'Polygon',
        coordinates: [
          [
            [107.0, -6.24],
            [107.01, -6.25],
            [107.01, -6.24],
            [107.0, -6.25],
            [107.0, -6.24],
          ],
        ],
      };
    }
    const file = writeFixture('names.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
    const report = await importBoundaries(t.context.db.knex, file, { regionCode: '32.75' });
    expect(report).toMatchObject({ matched: 3, matched_by_name: 3, unmatched: [] });
    expect(report.repaired).toHaveLength(1);
    expect(report.repaired[0]).toMatchObject({ kode: '32.75.01.1003', nama: 'Durenjaya' });
    expect(report.repaired[0]?.reason).toMatch(/Self-intersection/i);
    const durenjaya = await t.context.db.knex('kelurahan').where('kode', '32.75.01.1003').first('area_m2');
    expect(durenjaya.area_m2).toBeGreaterThan(0);
  });

  it('reports features outside the region and unknown codes inside it', async () => {
    const features = [
      { type: 'Feature', properties: { kd_kel: '3275011001' }, geometry: bekasi.features[0]?.geometry },
      { type: 'Feature', properties: { kd_kel: '3201011001' }, geometry: bekasi.features[1]?.geometry },
      { type: 'Feature', properties: { kd_kel: '3275019999' }, geometry: bekasi.features[2]?.geometry },
    ];
    const file = writeFixture('mixed.geojson', JSON.stringify({ type: 'FeatureCollection', features }));
    const report = await importBoundaries(t.context.db.knex, file, { regionCode: '32.75' });
    expect(report).toMatchObject({ features_read: 3, matched: 1, outside_region: 1 });
    expect(report.unmatched).toEqual([{ ordinal: 3, kode: '32.75.01.9999', nama: null }]);
  });

  it('imports through the admin API route (the file as the request body)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/boundaries',
      headers: { 'content-type': 'application/geo+json', 'x-file-name': 'kota-bekasi-kelurahan.geojson' },
      payload: fs.createReadStream(bekasiGeoJson),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ source: 'kota-bekasi-kelurahan.geojson', matched: 56 });

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/boundaries',
      headers: { 'content-type': 'application/json' },
      payload: '{"type":"FeatureCollection","features":[{"type":"Feature",',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ type: 'urn:tapak:problem:import-failed', reason: 'malformed_json' });
  });

  it('imports a zipped Shapefile in UTM 48S (as BPN and QGIS users have them) through the same importer', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'shp-'));
    execFileSync('ogr2ogr', [
      '-f',
      'ESRI Shapefile',
      '-t_srs',
      'EPSG:32748',
      path.join(dir, 'kelurahan.shp'),
      bekasiGeoJson,
    ]);
    const files = Object.fromEntries(
      fs.readdirSync(dir).map((name) => [name, new Uint8Array(fs.readFileSync(path.join(dir, name)))]),
    );
    expect(Object.keys(files)).toContain('kelurahan.prj');
    const before = await t.context.db.knex.raw<{ rows: Array<{ a: number }> }>(
      `SELECT ST_Area(geom::geography) AS a FROM kelurahan WHERE kode = '32.75.01.1001'`,
    );
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/admin/boundaries',
      headers: { 'content-type': 'application/zip', 'x-file-name': 'kelurahan-utm48s.zip' },
      payload: Buffer.from(zipSync(files)),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ source: 'kelurahan-utm48s.zip', matched: 56 });
    const after = await t.context.db.knex.raw<{ rows: Array<{ a: number }> }>(
      `SELECT ST_Area(geom::geography) AS a FROM kelurahan WHERE kode = '32.75.01.1001'`,
    );
    const [was, now] = [Number(before.rows[0]?.a), Number(after.rows[0]?.a)];
    expect(Math.abs(now - was) / was).toBeLessThan(1e-4);
  });
});

describe(`first start on ${testEngine()}`, () => {
  let server: http.Server;
  let baseUrl: string;
  beforeAll(async () => {
    // A loopback stand-in for the public dataset, serving ../shared/data/raw/ under the dataset's path layout.
    server = http.createServer((request, response) => {
      const match = /^\/db\/kel\/32\/wilayah_boundaries_kel_32\.75\.sql$/.exec(request.url ?? '');
      if (!match) {
        response.writeHead(404).end('not found');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain' });
      fs.createReadStream(path.join(sharedDataDir, 'raw', 'wilayah_boundaries_kel_32.75.sql')).pipe(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the region from the public dataset URL when it has no boundaries', async () => {
    const t = await createTestApp({
      TAPAK_OFFLINE: '0',
      TAPAK_BOUNDARY_URL_TEMPLATE: `${baseUrl}/db/kel/{prov}/wilayah_boundaries_kel_{prov}.{kab}.sql`,
    });
    try {
      await fetchPublicBoundariesIfMissing(t.context, t.app.log);
      expect((await t.app.inject('/api/health')).json()).toMatchObject({ kelurahan_with_boundary: 56 });
    } finally {
      await t.close();
    }
  });

  it('starts anyway when the dataset cannot be reached, and says how to import', async () => {
    const t = await createTestApp({
      TAPAK_OFFLINE: '0',
      TAPAK_BOUNDARY_URL_TEMPLATE: `${baseUrl}/missing/{prov}.{kab}.sql`,
    });
    try {
      await fetchPublicBoundariesIfMissing(t.context, t.app.log);
      const health = (await t.app.inject('/api/health')).json();
      expect(health).toMatchObject({ status: 'ok', kelurahan_with_boundary: 0, boundaries: { status: 'missing' } });
      expect(health.boundaries.hint.en).toContain('npm run import:boundaries');
    } finally {
      await t.close();
    }
  });
});
