import { formatNumber } from '@tapak/core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../core/src/geometry/localProjection.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { renderKelurahanReportPdf } from '../../server/src/reports/kelurahanReport.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
let t: TestApp;
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };
const bekasijayaKode = '32.75.01.1001';

/** The text of each page, as a reader's PDF viewer would extract it. */
async function pdfPages(body: Buffer): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

/** The centre of the largest circle inside a kelurahan, and that circle's radius in metres. */
async function interiorCircle(kode: string): Promise<{ centre: Position; radiusMeters: number }> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number; r: number }> }>(
    `SELECT ST_X(c.center) AS lon, ST_Y(c.center) AS lat,
            ST_Distance(c.center::geography, c.nearest::geography) AS r
     FROM kelurahan k, ST_MaximumInscribedCircle(k.geom) c WHERE k.kode = ?`,
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return { centre: [Number(row.lon), Number(row.lat)], radiusMeters: Number(row.r) };
}

async function createParcel(geometry: unknown, properties: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: { type: 'Feature', geometry, properties },
  });
  expect(response.statusCode).toBe(201);
  return response.json().properties as {
    id: string;
    name: string;
    area_m2: number;
    kelurahan_kode: string;
    checks: Array<{ message: { id: string } }>;
  };
}

describe(`PDF reports on ${testEngine()}`, () => {
  const parcels: Array<{ name: string; area_m2: number; checks: Array<{ message: { id: string } }> }> = [];

  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const { centre, radiusMeters } = await interiorCircle(bekasijayaKode);
    expect(radiusMeters).toBeGreaterThan(150);
    // Three parcels 80 m apart around the middle of Bekasijaya: one qualifying (primary), one larger, one too small.
    const projection = createLocalProjection(centre);
    const at = (eastMeters: number, northMeters: number) =>
      projection.toLonLat([eastMeters, northMeters]) as unknown as Position;
    const specs = [
      { geometry: rectangleAt(at(0, 0), 40, 30, 23), properties: { name: 'Lahan BMD Cut Meutia', is_primary: true } },
      { geometry: rectangleAt(at(80, 0), 45, 40, 0), properties: { name: 'Lahan Fasum Blok C' } },
      { geometry: rectangleAt(at(-80, 0), 25, 20, 0), properties: { name: 'Sisa Lahan Pasar' } },
    ];
    for (const spec of specs) {
      const parcel = await createParcel(spec.geometry, { ...owned, ...spec.properties });
      expect(parcel.kelurahan_kode).toBe(bekasijayaKode);
      parcels.push(parcel);
    }
  });
  afterAll(() => t.close());

  it('renders a kelurahan report with map, candidate table, primary checks and signature block', async () => {
    const response = await t.app.inject(`/api/kelurahan/${bekasijayaKode}/report.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/tapak-laporan-32\.75\.01\.1001-\d{4}-\d{2}-\d{2}\.pdf/);
    const pages = await pdfPages(response.rawPayload);
    // Title, map, three candidates and the primary site's checks fill the first page; the signature follows.
    expect(pages).toHaveLength(2);
    const text = pages.join('\n');
    expect(text).toContain('Laporan Calon Lokasi KKMP');
    expect(text).toContain('Kelurahan Bekasijaya');
    expect(text).toContain('32.75.01.1001');
    expect(text).toContain('Kecamatan Bekasi Timur');
    expect(text).toContain('Kota Bekasi');
    for (const parcel of parcels) {
      expect(text).toContain(parcel.name);
      expect(text).toContain(formatNumber(parcel.area_m2, 'id', 0));
    }
    // The areas are id-ID: a dot groups thousands.
    expect(text).toContain('1.200');
    expect(text).toContain('1.800');
    expect(text).toContain('Memenuhi syarat');
    expect(text).toContain('Tidak memenuhi');
    expect(text).toContain('Syarat lokasi utama: Lahan BMD Cut Meutia');
    const primary = parcels[0];
    if (!primary) throw new Error('no primary parcel');
    for (const check of primary.checks) expect(text).toContain(check.message.id);
    expect(text).toContain('Lurah Bekasijaya');
    expect(text).toContain('Kepala Dinas Koperasi dan UKM Kota Bekasi');
    expect(text).toContain('NIP');
    expect(text).toMatch(
      /Bekasi, \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}/,
    );
  });

  it('prints the date it is given, in id-ID long form, through the function other features call', async () => {
    const pdf = await renderKelurahanReportPdf(t.context, bekasijayaKode, {
      printedAt: new Date('2026-08-17T03:00:00Z'),
    });
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('17 Agustus 2026');
    expect(text).toContain('Bekasi, 17 Agustus 2026');
  });

  it('says plainly when a kelurahan has no candidate and no primary site', async () => {
    const response = await t.app.inject('/api/kelurahan/32.75.02.1001/report.pdf');
    expect(response.statusCode).toBe(200);
    const text = (await pdfPages(response.rawPayload)).join('\n');
    expect(text).toContain('Belum ada calon lokasi di kelurahan ini');
    expect(text).toContain('Belum ada lokasi utama yang ditetapkan untuk kelurahan ini');
    expect(text).not.toContain('Peta tidak tersedia');
  });

  it('answers 404 problem+json for an unknown kode and 400 for a malformed one', async () => {
    const unknown = await t.app.inject('/api/kelurahan/32.75.99.9999/report.pdf');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toMatchObject({ type: 'urn:tapak:problem:not-found', status: 404 });
    const malformed = await t.app.inject('/api/kelurahan/bekasi/report.pdf');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const unknownKecamatan = await t.app.inject('/api/reports/atlas.pdf?kecamatan=32.75.99');
    expect(unknownKecamatan.statusCode).toBe(404);
    expect(unknownKecamatan.headers['content-type']).toContain('application/problem+json');
  });

  it('renders the city atlas: the coverage summary first, then every kelurahan', async () => {
    const coverage = (await t.app.inject('/api/coverage')).json();
    expect(coverage.totals.kelurahan).toBe(56);
    const started = performance.now();
    const response = await t.app.inject('/api/reports/atlas.pdf');
    const elapsedMilliseconds = performance.now() - started;
    console.info(
      `atlas of ${coverage.totals.kelurahan} kelurahan on ${testEngine()}: ${Math.round(elapsedMilliseconds)} ms, ${response.rawPayload.length} bytes`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(response.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(1 + 56);
    const summary = pages[0] ?? '';
    expect(summary).toContain('Atlas Calon Lokasi KKMP');
    // The same figure as /api/coverage, from the same counts.
    expect(summary).toContain(coverage.summary.id);
    expect(summary).toContain('Rekap per kecamatan');
    expect(summary).toContain('Bekasi Timur');
    const rest = pages.slice(1).join('\n');
    for (const kelurahan of coverage.kelurahan as Array<{ nama: string; kode: string }>) {
      expect(rest).toContain(kelurahan.kode);
    }
    // The atlas repeats the kelurahan pages, not the signature block each lurah signs separately.
    expect(rest).not.toContain('Kepala Dinas Koperasi');
    expect(elapsedMilliseconds).toBeLessThan(60_000);
  });

  it('renders one kecamatan only, and a kelurahan without a boundary gets a note instead of a map', async () => {
    const kecamatan = (await t.app.inject('/api/coverage?kecamatan=32.75.12')).json();
    const first = kecamatan.kelurahan[0];
    await t.context.db.knex('kelurahan').where({ kode: first.kode }).update({ geom: null });
    const response = await t.app.inject('/api/reports/atlas.pdf?kecamatan=32.75.12');
    expect(response.statusCode).toBe(200);
    const pages = await pdfPages(response.rawPayload);
    // No parcels there: the summary page and one page per kelurahan of the kecamatan.
    expect(pages).toHaveLength(1 + kecamatan.kelurahan.length);
    expect(pages[0]).toContain(`Kecamatan ${first.kecamatan_nama}`);
    expect(pages[1]).toContain(first.nama);
    expect(pages[1]).toContain('Peta tidak tersedia');
    expect(pages[2]).not.toContain('Peta tidak tersedia');

    const single = await t.app.inject(`/api/kelurahan/${first.kode}/report.pdf`);
    expect(single.statusCode).toBe(200);
    expect((await pdfPages(single.rawPayload)).join('\n')).toContain('Peta tidak tersedia');
  });
});
