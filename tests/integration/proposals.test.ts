import { unzipSync } from 'fflate';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { jpegWithGps, multipartForm, tinyPdf } from '../support/attachmentFiles.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
let t: TestApp;

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [Number(row.lon), Number(row.lat)];
}

async function createParcel(center: Position, name: string, isPrimary: boolean): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: {
      type: 'Feature',
      geometry: rectangleAt(center, 40, 30, 15),
      properties: {
        name,
        owner_class: 'pemkot_bmd',
        legal_status: 'bersih',
        source: 'bmd',
        is_vacant: true,
        is_primary: isPrimary,
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function attach(parcelId: string, file: Buffer, fileName: string, contentType: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/parcels/${parcelId}/attachments`,
    ...multipartForm([{ name: 'file', value: file, fileName, contentType }]),
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

async function download(url: string) {
  const response = await t.app.inject({ url });
  expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
  expect(response.headers['content-type']).toBe('application/zip');
  return { response, entries: unzipSync(new Uint8Array(response.rawPayload)) };
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe(`Agrinas proposal packages on ${testEngine()}`, () => {
  const folder = '32.75.01.1001_bekasijaya';
  let siteId: string;
  let photo: Buffer;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const bekasijaya = await pointInside('32.75.01.1001');
    siteId = await createParcel(bekasijaya, 'Lahan BMD Jl. Cut Meutia', true);
    await createParcel(await pointInside('32.75.02.1001'), 'Lahan fasos Margahayu', true);
    photo = await jpegWithGps({ lon: bekasijaya[0], lat: bekasijaya[1], takenAt: '2026:04:02 10:00:00' });
    pdf = await tinyPdf('BAST fasos-fasum');
    await attach(siteId, photo, 'tampak depan.jpg', 'image/jpeg');
    await attach(siteId, photo, 'tampak depan.jpg', 'image/jpeg');
    await attach(siteId, pdf, 'BAST 2019.pdf', 'application/pdf');
    const removed = await attach(siteId, pdf, 'dihapus.pdf', 'application/pdf');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/attachments/${removed.id}` })).statusCode).toBe(204);
    // A contact for the sheet: the kelurahan's lurah account.
    const lurah = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'lurah-bekasijaya',
        display_name: 'Lurah Bekasijaya',
        role: 'lurah',
        territory_kode: '32.75.01.1001',
        password: 'kata-sandi-lurah-uji',
      },
    });
    expect(lurah.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('packs one site: sheet (XLSX, CSV), polygon, point, report, live photos and documents', async () => {
    const { response, entries } = await download(`/api/parcels/${siteId}/proposal.zip`);
    expect(response.headers['content-disposition']).toBe('attachment; filename="usulan-kkmp-32.75.01.1001.zip"');
    expect(Object.keys(entries).sort()).toEqual(
      [
        `${folder}/bidang.geojson`,
        `${folder}/dokumen/BAST 2019.pdf`,
        `${folder}/foto/tampak depan-2.jpg`,
        `${folder}/foto/tampak depan.jpg`,
        `${folder}/laporan.pdf`,
        `${folder}/titik.geojson`,
        `${folder}/usulan.csv`,
        `${folder}/usulan.xlsx`,
      ].sort(),
    );

    const sheet = (await readSheet(Buffer.from(entries[`${folder}/usulan.xlsx`] as Uint8Array))) as unknown[][];
    expect(sheet).toHaveLength(2);
    const header = sheet[0] as string[];
    const row = Object.fromEntries(header.map((title, i) => [title, sheet[1]?.[i]]));
    expect(row).toMatchObject({
      'Wilayah / Region': 'Kota Bekasi (32.75)',
      'Kode kelurahan / Kelurahan code': '32.75.01.1001',
      Kelurahan: 'Bekasijaya',
      Kecamatan: 'Bekasi Timur',
      'Nama lokasi / Site name': 'Lahan BMD Jl. Cut Meutia',
      'Prototipe 30 × 20 m muat / 30 × 20 m prototype fits': 'ya / yes',
      'Lokasi utama / Primary site': 'ya / yes',
      'Kontak / Contact': 'Lurah Bekasijaya (lurah)',
      'ID bidang / Parcel id': siteId,
    });
    expect(row['Luas (m²) / Area (m²)']).toBeCloseTo(1200, 0);
    expect(String(row['Kelas pemilik / Owner class'])).toMatch(/BMD/i);

    const csv = text(entries[`${folder}/usulan.csv`]);
    expect(csv.startsWith('\uFEFFNo,Wilayah / Region,Kode kelurahan / Kelurahan code,Kelurahan,Kecamatan')).toBe(true);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);

    const polygon = JSON.parse(text(entries[`${folder}/bidang.geojson`]));
    expect(polygon.type).toBe('FeatureCollection');
    expect(polygon.features[0].geometry.type).toBe('MultiPolygon');
    expect(polygon.features[0].properties).toMatchObject({ id: siteId, kelurahan_kode: '32.75.01.1001' });
    const point = JSON.parse(text(entries[`${folder}/titik.geojson`]));
    expect(point.features[0].geometry.type).toBe('Point');
    const [lon, lat] = point.features[0].geometry.coordinates;
    const inside = await t.context.db.knex.raw<{ rows: Array<{ inside: boolean }> }>(
      'SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) AS inside FROM parcels WHERE id = ?',
      [lon, lat, siteId],
    );
    expect(inside.rows[0]?.inside).toBe(true);

    expect(text(entries[`${folder}/laporan.pdf`]?.subarray(0, 5))).toBe('%PDF-');
    expect(Buffer.from(entries[`${folder}/foto/tampak depan.jpg`] as Uint8Array).equals(photo)).toBe(true);
    expect(Buffer.from(entries[`${folder}/foto/tampak depan-2.jpg`] as Uint8Array).equals(photo)).toBe(true);
    expect(Buffer.from(entries[`${folder}/dokumen/BAST 2019.pdf`] as Uint8Array).equals(pdf)).toBe(true);
  });

  it('packs the primary sites of named kelurahan and says which have none', async () => {
    const { response, entries } = await download('/api/kelurahan/proposal.zip?kode=32.75.01.1001&kode=32.75.01.1002');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="usulan-kkmp-32.75.01.1001_32.75.01.1002.zip"',
    );
    const folders = new Set(Object.keys(entries).map((name) => name.split('/')[0]));
    expect([...folders].sort()).toEqual(['32.75.01.1001_bekasijaya', 'BACA.txt']);
    expect(text(entries['BACA.txt'])).toContain('32.75.01.1002');
  });

  it('packs the primary sites of every kelurahan with primary=true', async () => {
    const { entries } = await download('/api/kelurahan/proposal.zip?primary=true');
    const folders = [...new Set(Object.keys(entries).map((name) => name.split('/')[0]))].sort();
    expect(folders).toHaveLength(3);
    expect(folders[0]).toBe('32.75.01.1001_bekasijaya');
    expect(folders[1]).toMatch(/^32\.75\.02\.1001_[a-z-]+$/);
    for (const name of folders.slice(0, 2)) {
      expect(Object.keys(entries)).toEqual(
        expect.arrayContaining([`${name}/usulan.xlsx`, `${name}/laporan.pdf`, `${name}/bidang.geojson`]),
      );
    }
  });

  it('answers with problems: unknown kelurahan, no selection, no primary site, a deleted parcel', async () => {
    const unknown = await t.app.inject({ url: '/api/kelurahan/proposal.zip?kode=32.75.99.9999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ url: '/api/kelurahan/proposal.zip' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/kelurahan/proposal.zip?kode=32.75.01.1002' })).statusCode).toBe(404);

    const other = await createParcel(await pointInside('32.75.03.1001'), 'Akan dihapus', false);
    const parcel = await t.app.inject({ url: `/api/parcels/${other}` });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${other}`,
      headers: { 'if-match': parcel.headers.etag as string },
    });
    expect((await t.app.inject({ url: `/api/parcels/${other}/proposal.zip` })).statusCode).toBe(404);
    expect((await t.injectAs(null, { method: 'GET', url: `/api/parcels/${siteId}/proposal.zip` })).statusCode).toBe(
      401,
    );
  });
});
