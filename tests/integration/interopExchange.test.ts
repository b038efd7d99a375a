import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { zipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parcelAttributeNames } from '../../core/src/contracts/parcel.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import type { TestApp } from '../support/testApp.ts';
import { createTestApp } from '../support/testApp.ts';

type Position = [number, number];
type Ring = number[][];

let source: TestApp;
let target: TestApp;
let workDir: string;

async function pointInside(t: TestApp, kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

const offset = ([lon, lat]: Position, dLon: number): Position => [lon + dLon, lat];
const reversed = (ring: Ring) => [...ring].reverse();

/** The attributes a planner enters: what must survive every round trip unchanged. */
const enteredAttributes = parcelAttributeNames;

interface Listed {
  type: 'FeatureCollection';
  features: Array<{ properties: Record<string, unknown> & { name: string; area_m2: number } }>;
}

async function listParcels(t: TestApp): Promise<Listed> {
  const response = await t.app.inject({ url: '/api/parcels?limit=1000' });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function geometriesByName(t: TestApp): Promise<Map<string, string>> {
  const rows = await t.context.db
    .knex('parcels')
    .whereNull('deleted_at')
    .select('name', t.context.db.knex.raw('ST_AsGeoJSON(geom, 15) AS g'));
  return new Map(rows.map((row: { name: string; g: string }) => [row.name, row.g]));
}

/** Hausdorff distance in metres (UTM 48S), computed by the target's PostGIS. */
async function hausdorffMeters(a: string, b: string): Promise<number> {
  const result = await target.context.db.knex.raw<{ rows: Array<{ d: number }> }>(
    `SELECT ST_HausdorffDistance(
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 32748),
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326), 32748)) AS d`,
    [a, b],
  );
  return Number(result.rows[0]?.d);
}

async function clearTarget() {
  await target.context.db.knex('parcel_status_history').del();
  await target.context.db.knex('parcels').del();
}

async function download(url: string) {
  const response = await source.app.inject({ url });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  return response;
}

/** The upload as a browser or curl sends it: any content type, or none (the format is read from the bytes). */
async function preview(payload: Buffer | Uint8Array, contentType: string | undefined) {
  return target.app.inject({
    method: 'POST',
    url: '/api/import/parcels/preview',
    payload: Buffer.from(payload),
    headers: contentType ? { 'content-type': contentType } : {},
  });
}

describe(`parcel exchange formats on ${testEngine()}`, () => {
  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-interop-'));
    source = await createTestApp();
    target = await createTestApp();
    const boundaries = sharedData('kota-bekasi-kelurahan.geojson');
    await importBoundaries(source.context.db.knex, boundaries, { regionCode: '32.75' });
    await importBoundaries(target.context.db.knex, boundaries, { regionCode: '32.75' });

    const bekasijaya = await pointInside(source, '32.75.01.1001');
    const second = await pointInside(source, '32.75.02.1001');
    const third = await pointInside(source, '32.75.03.1002');
    const fourth = await pointInside(source, '32.75.01.1002');
    const withHole = rectangleAt(third, 60, 50, 10);
    withHole.coordinates.push(reversed(rectangleAt(third, 10, 10, 10).coordinates[0] as Ring));
    const parcels = [
      {
        geometry: rectangleAt(bekasijaya, 40, 30, 23),
        properties: {
          name: 'Lahan BMD Jl. Cut Meutia',
          source: 'bmd',
          owner_class: 'pemkot_bmd',
          legal_status: 'bersih',
          current_use: 'Lahan kosong, bekas gudang',
          is_vacant: true,
          kib_a: {
            kode_barang: '1.3.1.01.001',
            register: '0001',
            hak: 'Hak Pakai',
            sertifikat_nomor: '10.09.01.02.4.00012',
            sertifikat_tanggal: '2015-03-02',
            tahun_pengadaan: 1998,
            penggunaan: 'Tanah kosong',
            asal_usul: 'Pembelian',
            alamat: 'Jl. Cut Meutia No. 1',
            luas_sertifikat_m2: 1200.5,
          },
          tags: ['prioritas', 'dekat pasar'],
          notes: 'Catatan <b>penting</b> & "kutipan" — akses jalan 6 m ✓\nBaris kedua',
          status: 'diusulkan',
          is_primary: true,
        },
      },
      {
        geometry: rectangleAt(second, 35, 25, 0),
        properties: {
          name: '=HYPERLINK("http://x")',
          source: 'fasos_fasum',
          owner_class: 'fasos_fasum',
          legal_status: 'dalam_proses',
          fasos_fasum: {
            perumahan: 'Perumahan Griya Asri',
            developer: 'PT Maju Jaya',
            bast_nomor: 'BAST/12/2019',
            bast_tanggal: '2019-12-01',
            handover_status: 'sudah_bast',
          },
          shortlisted: true,
          shortlist_rank: 2,
        },
      },
      {
        geometry: withHole,
        properties: {
          name: 'Bidang berlubang',
          owner_class: 'swasta',
          legal_status: 'sengketa',
          is_vacant: false,
          status: 'ditolak',
          status_reason: 'Sengketa batas',
        },
      },
      {
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            rectangleAt(offset(fourth, -0.0002), 30, 20).coordinates,
            rectangleAt(offset(fourth, 0.0002), 30, 20).coordinates,
          ],
        },
        properties: { name: 'Dua bagian (MultiPolygon)', status: 'disetujui' },
      },
    ];
    for (const parcel of parcels) {
      const response = await source.app.inject({
        method: 'POST',
        url: '/api/parcels',
        payload: { type: 'Feature', ...parcel },
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const exportFormats = ['kml', 'shp.zip', 'gpkg', 'csv', 'xlsx'] as const;

  it('names every download like the GeoJSON export and GDAL reads each one', async () => {
    const date = new Date().toISOString().slice(0, 10);
    for (const format of exportFormats) {
      const response = await download(`/api/export/parcels.${format}`);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="tapak-bidang-32.75-${date}.${format}"`,
      );
      const file = path.join(workDir, `export.${format}`);
      fs.writeFileSync(file, response.rawPayload);
      const dataset = format === 'shp.zip' ? `/vsizip/${file}` : file;
      const ogrinfo = spawnSync('ogrinfo', ['-ro', '-so', '-al', dataset], { encoding: 'utf8' });
      expect(ogrinfo.status, ogrinfo.stderr).toBe(0);
      expect(ogrinfo.stderr, `${format} warnings`).toBe('');
      const counts = [...ogrinfo.stdout.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));
      expect(counts, `${format}: ${ogrinfo.stdout}`).toEqual([4]);
    }
    const filtered = await download('/api/export/parcels.kml?kelurahan=32.75.01.1001&qualifies=true');
    expect(filtered.headers['content-disposition']).toBe(
      `attachment; filename="tapak-bidang-memenuhi-32.75-32.75.01.1001-${date}.kml"`,
    );
  });

  it('writes a Shapefile with a WGS 84 .prj, a UTF-8 .cpg and fields of at most 10 characters', async () => {
    const response = await download('/api/export/parcels.shp.zip');
    const file = path.join(workDir, 'fields.shp.zip');
    fs.writeFileSync(file, response.rawPayload);
    const info = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${file}`], { encoding: 'utf8' });
    expect(info).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"/);
    expect(info).toContain('kib_sertno (String');
    expect(info).toContain('akses jalan 6 m ✓');
    expect(info).toContain('Polygon');
  });

  it('styles KML by verdict and escapes what planners typed', async () => {
    const kml = (await download('/api/export/parcels.kml')).body;
    expect(kml).toContain('<Style id="memenuhi">');
    expect(kml).toContain('<Style id="tidak_memenuhi">');
    expect(kml).toContain('<Style id="belum_lengkap">');
    expect(kml).toMatch(/<styleUrl>#(memenuhi|tidak_memenuhi|belum_lengkap)<\/styleUrl>/);
    expect(kml).not.toContain('<b>penting</b>');
    // The description is HTML escaped for HTML, then escaped again as XML text.
    expect(kml).toContain('&lt;td&gt;Catatan &amp;lt;b&amp;gt;penting&amp;lt;/b&amp;gt; &amp;amp;');
    const problems: string[] = [];
    const doc = new DOMParser({
      onError: (level, message) => level !== 'warning' && problems.push(message),
    }).parseFromString(kml, 'text/xml');
    expect(problems).toEqual([]);
    expect(doc.getElementsByTagName('Placemark').length).toBe(4);
    const description = doc.getElementsByTagName('description')[0]?.textContent ?? '';
    expect(description).toContain('&lt;b&gt;penting&lt;/b&gt;');
  });

  it('neutralises formula-looking names in CSV and XLSX', async () => {
    const csv = (await download('/api/export/parcels.csv')).rawPayload;
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).not.toMatch(/(^|[,\n])"?=HYPERLINK/m);
    expect(text.split('\r\n')[0]).toMatch(/^\uFEFFid,name,kelurahan_kode,.*,point_lon,point_lat,.*,wkt$/);

    const semicolon = (await download('/api/export/parcels.csv?separator=semicolon')).body;
    expect(semicolon.split('\r\n')[0]).toMatch(/^\uFEFFid;name;kelurahan_kode;/);

    const xlsx = (await download('/api/export/parcels.xlsx')).rawPayload;
    const sheet = (await readSheet(xlsx)) as unknown[][];
    const names = sheet.slice(1).map((row) => row[1]);
    expect(names).toContain(`'=HYPERLINK("http://x")`);
    expect(names.some((name) => typeof name === 'string' && name.startsWith('='))).toBe(false);
  });

  it('writes the Agrinas proposal sheet: proposed or later, or primary; never rejected', async () => {
    const xlsx = (await download('/api/export/proposal.xlsx')).rawPayload;
    const [header = [], ...rows] = (await readSheet(xlsx)) as unknown[][];
    expect(rows.map((row) => row[header.indexOf('Nama lokasi / Site name')])).toEqual([
      'Lahan BMD Jl. Cut Meutia',
      'Dua bagian (MultiPolygon)',
    ]);
    const listed = await listParcels(source);
    const primary = listed.features.find((f) => f.properties.name === 'Lahan BMD Jl. Cut Meutia')?.properties;
    const [pointLon, pointLat] = (primary?.point ?? []) as number[];
    const row = rows[0] ?? [];
    const cell = (title: string) => row[header.indexOf(title)];
    expect(cell('Kode kelurahan / Kelurahan code')).toBe('32.75.01.1001');
    expect(cell('Kelurahan')).toBe('Bekasijaya');
    expect(cell('Lintang / Latitude')).toBe(pointLat);
    expect(cell('Bujur / Longitude')).toBe(pointLon);
    expect(cell('Luas (m²) / Area (m²)')).toBeCloseTo(1200, 0);
    expect(cell('Hak atas tanah / Land right')).toBe('Hak Pakai');
    expect(cell('Nomor sertifikat / Certificate number')).toBe('10.09.01.02.4.00012');
    expect(cell('Akses jalan / Road access')).toBeNull();
    expect(cell('Cek: Luas minimum / Check: Minimum area')).toBe('lulus / pass');
    expect(cell('Status usulan / Pipeline status')).toBe('Diusulkan / Proposed');
    expect(cell('Lokasi utama / Primary site')).toBe('ya / yes');

    const csv = await download('/api/export/proposal.csv?kecamatan=32.75.01');
    expect(csv.headers['content-disposition']).toMatch(
      /filename="tapak-usulan-agrinas-32\.75-32\.75\.01-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  const roundTrips = [
    { format: 'geojson', url: '/api/export/parcels.geojson', contentType: 'application/geo+json' },
    { format: 'kml', url: '/api/export/parcels.kml', contentType: 'application/vnd.google-earth.kml+xml' },
    { format: 'kmz', url: '/api/export/parcels.kml', contentType: 'application/vnd.google-earth.kmz' },
    { format: 'shp', url: '/api/export/parcels.shp.zip', contentType: undefined },
    { format: 'gpkg', url: '/api/export/parcels.gpkg', contentType: 'application/octet-stream' },
    { format: 'csv', url: '/api/export/parcels.csv', contentType: 'text/csv' },
    { format: 'xlsx', url: '/api/export/parcels.xlsx', contentType: 'multipart/form-data; boundary=x' },
  ] as const;

  for (const { format, url, contentType } of roundTrips) {
    it(`round-trips ${format}: same geometries within 1 cm and the same attributes`, async () => {
      const exported = (await download(url)).rawPayload;
      const file = format === 'kmz' ? zipSync({ 'doc.kml': new Uint8Array(exported) }) : exported;
      const previewed = await preview(file, contentType);
      expect(previewed.statusCode, previewed.body.slice(0, 1000)).toBe(200);
      const body = previewed.json();
      expect(body).toMatchObject({ format, feature_count: 4, importable_count: 4, skipped_count: 0, errors: [] });
      expect(body.sample).toHaveLength(4);

      const committed = await target.app.inject({
        method: 'POST',
        url: `/api/import/parcels/${body.import_id}/commit`,
        payload: { mapping: body.mapping_suggestion },
      });
      expect(committed.statusCode, committed.body.slice(0, 2000)).toBe(201);
      expect(committed.json().created_count).toBe(4);

      try {
        const before = await listParcels(source);
        const after = await listParcels(target);
        expect(after.features).toHaveLength(4);
        const sourceGeometries = await geometriesByName(source);
        const targetGeometries = await geometriesByName(target);
        for (const original of before.features) {
          const copy = after.features.find((f) => f.properties.name === original.properties.name);
          expect(copy, `${format}: ${original.properties.name}`).toBeDefined();
          for (const key of enteredAttributes) {
            expect(copy?.properties[key], `${format}: ${original.properties.name}.${key}`).toEqual(
              original.properties[key],
            );
          }
          expect(copy?.properties.kelurahan_kode).toBe(original.properties.kelurahan_kode);
          expect(copy?.properties.verdict).toBe(original.properties.verdict);
          // Exports carry 7 decimals (about 1 cm), which moves a 1,200 m² area by a few tenths of a m² at most.
          expect(Math.abs((copy?.properties.area_m2 ?? 0) - original.properties.area_m2)).toBeLessThan(0.5);
          const distance = await hausdorffMeters(
            sourceGeometries.get(original.properties.name) ?? '',
            targetGeometries.get(original.properties.name) ?? '',
          );
          expect(distance, `${format}: ${original.properties.name}`).toBeLessThan(0.01);
        }
      } finally {
        await clearTarget();
      }
    });
  }
});
