import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { importStoreDir } from '../../server/src/interop/importStore.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import type { TestApp } from '../support/testApp.ts';
import { createTestApp } from '../support/testApp.ts';

type Position = [number, number];

let t: TestApp;
let workDir: string;
let bekasijaya: Position;
let margahayu: Position;

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

async function parcelCount(): Promise<number> {
  const [row] = await t.context.db.knex('parcels').count('* as n');
  return Number(row?.n);
}

async function clearParcels() {
  await t.context.db.knex('parcel_status_history').del();
  await t.context.db.knex('parcels').del();
}

async function ellipsoidalArea(geometry: unknown): Promise<number> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ a: number }> }>(
    'SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)::geography) AS a',
    [JSON.stringify(geometry)],
  );
  return Number(result.rows[0]?.a);
}

function preview(payload: Buffer | Uint8Array | string, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/import/parcels/preview${query}`,
    payload: Buffer.from(payload),
    headers: { 'content-type': 'application/octet-stream' },
  });
}

function commit(importId: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/import/parcels/${importId}/commit`, payload });
}

function featureCollection(features: Array<{ geometry: unknown; properties?: Record<string, unknown> }>) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: {}, ...f })),
  });
}

/** Files that GDAL writes from a WGS 84 GeoJSON, zipped like a planner would (for Shapefiles). */
function ogr2ogr(geojson: string, targetSrs: string, driver: 'ESRI Shapefile' | 'GPKG' | 'GeoJSON'): Uint8Array {
  const dir = fs.mkdtempSync(path.join(workDir, 'ogr-'));
  const input = path.join(dir, 'input.geojson');
  fs.writeFileSync(input, geojson);
  const extension = { 'ESRI Shapefile': 'shp', GPKG: 'gpkg', GeoJSON: 'json' }[driver];
  const output = path.join(dir, `bidang.${extension}`);
  execFileSync('ogr2ogr', ['-f', driver, '-t_srs', targetSrs, output, input]);
  if (driver !== 'ESRI Shapefile') return fs.readFileSync(output);
  const files = Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('bidang.'))
      .map((name) => [name, new Uint8Array(fs.readFileSync(path.join(dir, name)))]),
  );
  return zipSync(files);
}

describe(`parcel import on ${testEngine()}`, () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-interop-import-'));
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    bekasijaya = await pointInside('32.75.01.1001');
    margahayu = await pointInside('32.75.01.1002');
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  for (const srs of ['EPSG:32748', 'EPSG:23834', 'EPSG:23836'] as const) {
    it(`reprojects a Shapefile in ${srs} to WGS 84 with the same ellipsoidal area (0.01 %)`, async () => {
      const geometry = rectangleAt(bekasijaya, 45, 32, 17);
      const file = ogr2ogr(
        featureCollection([{ geometry, properties: { nama: `Bidang ${srs}` } }]),
        srs,
        'ESRI Shapefile',
      );
      const previewed = await preview(file);
      expect(previewed.statusCode, previewed.body).toBe(200);
      const body = previewed.json();
      expect(body).toMatchObject({
        format: 'shp',
        crs_detected: { code: srs, source: 'prj', reprojected: true },
        feature_count: 1,
        errors: [],
        mapping_suggestion: { nama: 'name' },
      });
      const committed = await commit(body.import_id, { mapping: body.mapping_suggestion });
      expect(committed.statusCode, committed.body).toBe(201);
      const [id] = committed.json().parcel_ids;
      const parcel = (await t.app.inject({ url: `/api/parcels/${id}` })).json();
      expect(parcel.properties.name).toBe(`Bidang ${srs}`);
      const expected = await ellipsoidalArea(geometry);
      expect(Math.abs(parcel.properties.area_m2 - expected) / expected).toBeLessThan(1e-4);
      await clearParcels();
    });
  }

  it('reprojects a GeoPackage in TM-3 and a GeoJSON with a crs member in UTM 48S', async () => {
    const geometry = rectangleAt(margahayu, 38, 28, 41);
    const source = featureCollection([{ geometry, properties: { name: 'Bidang TM-3' } }]);
    const cases = [
      { file: ogr2ogr(source, 'EPSG:23834', 'GPKG'), format: 'gpkg', code: 'EPSG:23834', from: 'geopackage' },
      { file: ogr2ogr(source, 'EPSG:32748', 'GeoJSON'), format: 'geojson', code: 'EPSG:32748', from: 'geojson_crs' },
    ];
    for (const c of cases) {
      const previewed = await preview(c.file);
      expect(previewed.statusCode, previewed.body).toBe(200);
      const body = previewed.json();
      expect(body).toMatchObject({ format: c.format, crs_detected: { code: c.code, source: c.from }, errors: [] });
      const committed = await commit(body.import_id, { mapping: body.mapping_suggestion });
      expect(committed.statusCode, committed.body).toBe(201);
      const [id] = committed.json().parcel_ids;
      const parcel = (await t.app.inject({ url: `/api/parcels/${id}` })).json();
      const expected = await ellipsoidalArea(geometry);
      expect(Math.abs(parcel.properties.area_m2 - expected) / expected).toBeLessThan(1e-4);
      await clearParcels();
    }
  });

  it('refuses metre coordinates without a CRS, and takes them with ?crs=', async () => {
    const csv =
      'nama,wkt\r\nBidang UTM,"POLYGON((720000 9308000,720040 9308000,720040 9308030,720000 9308030,720000 9308000))"\r\n';
    const refused = await preview(csv);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: 'urn:tapak:problem:import-failed', reason: 'crs_unknown' });
    expect(refused.json().detail).toContain('?crs=EPSG:32748');

    const accepted = await preview(csv, '?crs=EPSG:32748');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ format: 'csv', crs_detected: { code: 'EPSG:32748', source: 'query' } });
    const point = accepted.json().sample[0].geometry.coordinates[0][0];
    expect(point[0]).toBeCloseTo(106.9885, 3);
    expect(point[1]).toBeCloseTo(-6.2567, 3);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const bomb = zipSync({ 'bom.shp': new Uint8Array(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const byRatio = await preview(bomb);
    expect(byRatio.statusCode).toBe(413);
    expect(byRatio.json()).toMatchObject({ type: 'urn:tapak:problem:payload-too-large', reason: 'archive_too_large' });

    // A small archive that claims a 2 GB entry (local header and central directory patched).
    const liar = Buffer.from(zipSync({ 'bidang.shp': new Uint8Array(1000) }));
    const central = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(0x7fffffff, 22);
    liar.writeUInt32LE(0x7fffffff, central + 24);
    const bySize = await preview(liar);
    expect(bySize.statusCode).toBe(413);
    expect(bySize.json().reason).toBe('archive_too_large');
    expect(await parcelCount()).toBe(0);
  });

  it('never resolves an external entity in KML', async () => {
    const ring = rectangleAt(bekasijaya, 40, 30).coordinates[0] as number[][];
    const kml = `<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&e;</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>${ring.map((p) => p.join(',')).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon>
</Placemark></Document></kml>`;
    const response = await preview(kml);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: 'urn:tapak:problem:import-failed', reason: 'xml_doctype_refused' });
    expect(response.body).not.toContain('root:');
    const kmz = await preview(zipSync({ 'doc.kml': new TextEncoder().encode(kml) }));
    expect(kmz.statusCode).toBe(422);
    expect(kmz.body).not.toContain('root:');
    expect(await parcelCount()).toBe(0);
  });

  it('answers a malformed file with a 4xx problem and writes nothing', async () => {
    const shapefile = ogr2ogr(
      featureCollection([{ geometry: rectangleAt(bekasijaya, 40, 30) }]),
      'EPSG:4326',
      'ESRI Shapefile',
    );
    const cases: Array<{ payload: Buffer | Uint8Array | string; status: number; reason?: string; query?: string }> = [
      { payload: '{"type":"FeatureCollection","features":[{"type":"Feat', status: 422, reason: 'geojson_malformed' },
      { payload: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x13]), status: 415, reason: 'format_unknown' },
      { payload: shapefile.subarray(0, Math.floor(shapefile.length / 2)), status: 422, reason: 'zip_malformed' },
      {
        payload: Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(200, 7)]),
        status: 422,
        reason: 'geopackage_malformed',
      },
      { payload: 'nama,wkt\r\n"Bidang,"POLYGON((', status: 422, reason: 'csv_malformed' },
      { payload: '<kml><Placemark><name>tanpa penutup</kml>', status: 422, reason: 'kml_malformed' },
      { payload: '<html><body>bukan KML</body></html>', status: 415, reason: 'format_unknown' },
      { payload: `PK\u0005\u0006${'\0'.repeat(18)}`, status: 415, reason: 'format_unknown' },
      {
        payload: '{"type":"FeatureCollection","features":[]}',
        status: 422,
        reason: 'crs_unsupported',
        query: '?crs=EPSG:2000',
      },
      { payload: 'nama,wkt\r\nA,', status: 422, reason: 'zip_malformed', query: '?format=shp' },
    ];
    for (const c of cases) {
      const response = await preview(c.payload, c.query);
      expect(response.statusCode, `${c.reason}: ${response.body}`).toBe(c.status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      if (c.reason) expect(response.json().reason, response.body).toBe(c.reason);
    }
    const empty = await t.app.inject({ method: 'POST', url: '/api/import/parcels/preview' });
    expect(empty.statusCode).toBe(400);
    expect(await parcelCount()).toBe(0);
  });

  it('reports the progress of a commit at /api/progress while it runs', async () => {
    const features = Array.from({ length: 120 }, (_, i) => ({
      geometry: rectangleAt(i % 2 ? bekasijaya : margahayu, 20, 15, i * 3),
      properties: { name: `Bidang massal ${i + 1}` },
    }));
    const previewed = await preview(featureCollection(features));
    expect(previewed.statusCode, previewed.body).toBe(200);
    const seen: Array<{ kind: string; total: number | null; done: number }> = [];
    const start = t.context.progress.start.bind(t.context.progress);
    t.context.progress.start = (kind, label, total) => {
      const handle = start(kind, label, total);
      return {
        advance: (done: number) => {
          seen.push({ kind, total, done });
          handle.advance(done);
        },
        finish: handle.finish,
      };
    };
    try {
      const committed = await commit(previewed.json().import_id, { mapping: { name: 'name' } });
      expect(committed.statusCode, committed.body).toBe(201);
    } finally {
      t.context.progress.start = start;
    }
    expect(seen.map((s) => s.done)).toEqual([50, 100]);
    expect(seen.every((s) => s.kind === 'import' && s.total === 120)).toBe(true);
    expect(t.context.progress.list()).toEqual([]);
    await clearParcels();
  });

  it('commits all or nothing: every bad feature is named with its number and reason', async () => {
    const ring = rectangleAt(bekasijaya, 40, 30).coordinates[0] as number[][];
    const [a, b, c, d] = ring as [number[], number[], number[], number[]];
    const file = featureCollection([
      { geometry: rectangleAt(bekasijaya, 40, 30), properties: { name: 'Baik 1' } },
      { geometry: { type: 'Polygon', coordinates: [[a, c, b, d, a]] }, properties: { name: 'Dasi kupu-kupu' } },
      { geometry: rectangleAt([106.7, -6.2], 40, 30), properties: { name: 'Jakarta' } },
      { geometry: rectangleAt(margahayu, 40, 30), properties: { name: 'Baik 2', owner_class: 'kerajaan' } },
      { geometry: null, properties: { name: 'Belum digambar' } },
      { geometry: { type: 'Point', coordinates: margahayu }, properties: { name: 'Titik saja' } },
      { geometry: { type: 'LineString', coordinates: [a, b, c] }, properties: { name: 'Garis' } },
    ]);
    const previewed = await preview(file);
    expect(previewed.statusCode, previewed.body).toBe(200);
    const body = previewed.json();
    expect(body).toMatchObject({ feature_count: 7, skipped_count: 2, blocking_count: 2 });
    const issues = body.errors.map((e: { feature: number; reason: string; effect: string }) => [
      e.feature,
      e.reason,
      e.effect,
    ]);
    expect(issues).toEqual([
      [2, 'self_intersection', 'blocks_commit'],
      [5, 'no_geometry', 'skipped'],
      [6, 'point_only', 'skipped'],
      [7, 'not_polygon', 'blocks_commit'],
    ]);
    expect(body.errors[2].position).toEqual(margahayu);

    const refused = await commit(body.import_id, { mapping: body.mapping_suggestion });
    expect(refused.statusCode).toBe(422);
    const problem = refused.json();
    expect(problem).toMatchObject({ type: 'urn:tapak:problem:import-failed', failed_features: [2, 3, 4, 7] });
    expect(problem.detail).toContain('tidak ada bidang yang disimpan');
    const reasons = problem.errors.map((e: { pointer: string; reason: string }) => [e.pointer.split('/')[2], e.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['2', 'self_intersection'],
        ['3', 'outside-region'],
        ['4', 'invalid_value'],
        ['7', 'not_polygon'],
      ]),
    );
    expect(problem.errors.find((e: { reason: string }) => e.reason === 'invalid_value').pointer).toBe(
      '/features/4/properties/owner_class',
    );
    expect(problem.errors[0].message.id).toMatch(/^Fitur 2: /);
    expect(await parcelCount()).toBe(0);

    // The import stays available after a refused commit: ignoring the bad field still leaves bad geometries.
    const again = await commit(body.import_id, { mapping: { ...body.mapping_suggestion, owner_class: null } });
    expect(again.statusCode).toBe(422);
    expect(again.json().failed_features).toEqual([2, 3, 7]);
    expect(await parcelCount()).toBe(0);
  });

  it('skips rows without an outline, applies defaults, and cannot be committed twice', async () => {
    const wkt = `POLYGON((${(rectangleAt(bekasijaya, 40, 30).coordinates[0] as number[][]).map((p) => p.join(' ')).join(',')}))`;
    const csv = [
      'Nama Lokasi;Keterangan;Bujur;Lintang;WKT;Kosong',
      `Lahan pasar;"catatan; dengan titik koma";;;"${wkt}";ya`,
      `Hanya titik;;${margahayu[0]};${margahayu[1]};;`,
      'Belum ada koordinat;;;;;tidak',
    ].join('\n');
    const previewed = await preview(csv);
    expect(previewed.statusCode, previewed.body).toBe(200);
    const body = previewed.json();
    expect(body.mapping_suggestion).toEqual({
      'Nama Lokasi': 'name',
      Keterangan: 'notes',
      Bujur: null,
      Lintang: null,
      Kosong: 'is_vacant',
    });
    expect(body.errors.map((e: { row: number; reason: string }) => [e.row, e.reason])).toEqual([
      [3, 'point_only'],
      [4, 'no_geometry'],
    ]);

    const committed = await commit(body.import_id, {
      mapping: body.mapping_suggestion,
      defaults: { source: 'bmd', owner_class: 'pemkot_bmd', legal_status: 'bersih' },
    });
    expect(committed.statusCode, committed.body).toBe(201);
    const result = committed.json();
    expect(result.created_count).toBe(1);
    expect(result.skipped.map((s: { row: number; reason: string }) => [s.row, s.reason])).toEqual([
      [3, 'point_only'],
      [4, 'no_geometry'],
    ]);
    const parcel = (await t.app.inject({ url: `/api/parcels/${result.parcel_ids[0]}` })).json().properties;
    expect(parcel).toMatchObject({
      name: 'Lahan pasar',
      notes: 'catatan; dengan titik koma',
      is_vacant: true,
      source: 'bmd',
      owner_class: 'pemkot_bmd',
      legal_status: 'bersih',
      status: 'kandidat',
      verdict: 'memenuhi',
    });
    const history = (await t.app.inject({ url: `/api/parcels/${result.parcel_ids[0]}/history` })).json();
    expect(history).toHaveLength(1);

    const twice = await commit(body.import_id, { mapping: body.mapping_suggestion });
    expect(twice.statusCode).toBe(404);
    expect(await parcelCount()).toBe(1);
    await clearParcels();
  });

  it('refuses a mapping that names unknown fields or one attribute twice, and a second primary site', async () => {
    const file = featureCollection([
      { geometry: rectangleAt(bekasijaya, 40, 30), properties: { nama: 'Utama A', utama: 'ya', label: 'x' } },
      { geometry: rectangleAt(bekasijaya, 30, 25, 45), properties: { nama: 'Utama B', utama: 'ya', label: 'y' } },
    ]);
    const body = (await preview(file)).json();
    const unknown = await commit(body.import_id, { mapping: { nama: 'name', kolom_lain: 'notes' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ reason: 'unknown_field', pointer: '/mapping/kolom_lain' });
    const repeated = await commit(body.import_id, { mapping: { nama: 'name', label: 'name' } });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json().errors[0].reason).toBe('target_repeated');
    const badTarget = await commit(body.import_id, { mapping: { nama: 'area_m2' } });
    expect(badTarget.statusCode).toBe(400);

    const primaries = await commit(body.import_id, { mapping: { nama: 'name', utama: 'is_primary' } });
    expect(primaries.statusCode).toBe(422);
    expect(primaries.json().errors).toEqual([
      expect.objectContaining({ reason: 'primary_conflict', pointer: '/features/2/properties/is_primary' }),
    ]);
    expect(await parcelCount()).toBe(0);
  });

  it('takes uploads far beyond the 5 MB JSON body limit of other routes', async () => {
    const notes = 'x'.repeat(6 * 1024 * 1024);
    const file = featureCollection([
      { geometry: rectangleAt(bekasijaya, 40, 30), properties: { name: 'Besar', notes } },
    ]);
    const response = await preview(file);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(response.json().feature_count).toBe(1);
  });

  it('documents the interop routes in OpenAPI', async () => {
    const response = await t.app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/import/parcels/preview',
        '/api/import/parcels/{import_id}/commit',
        '/api/export/parcels.kml',
        '/api/export/parcels.shp.zip',
        '/api/export/parcels.gpkg',
        '/api/export/parcels.csv',
        '/api/export/parcels.xlsx',
        '/api/export/proposal.xlsx',
        '/api/export/proposal.csv',
      ]),
    );
  });

  it('forgets an import after an hour', async () => {
    const body = (await preview(featureCollection([{ geometry: rectangleAt(bekasijaya, 40, 30) }]))).json();
    const file = path.join(importStoreDir(), `${body.import_id}.json`);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(file, twoHoursAgo, twoHoursAgo);
    const expired = await commit(body.import_id, { mapping: {} });
    expect(expired.statusCode).toBe(404);
    expect(fs.existsSync(file)).toBe(false);
    const unknown = await commit('00000000-0000-4000-8000-000000000000', { mapping: {} });
    expect(unknown.statusCode).toBe(404);
  });
});
