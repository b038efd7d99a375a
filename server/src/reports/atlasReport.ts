import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { type CoverageRow, coverageRows } from '../repositories/kelurahanRepository.ts';
import { reportKelurahan, reportKelurahanAroundKecamatan, reportParcels } from '../repositories/reportRepository.ts';
import {
  type AtlasSummary,
  type CoverageTotals,
  drawAtlasSummary,
  type KecamatanCoverage,
} from './drawAtlasSummary.ts';
import { drawKelurahanPages } from './drawKelurahanPages.ts';
import {
  type KelurahanReportData,
  neighbourMarginDegrees,
  type ReportKelurahan,
  type ReportParcel,
  toReportKelurahan,
  toReportParcel,
} from './kelurahanReportData.ts';
import { positionsOf } from './pageGeometry.ts';
import { ReportWriter } from './reportDocument.ts';

/**
 * The city atlas: a summary page, then every kelurahan's report pages (without the signature block, which
 * belongs to the single report a lurah signs). All data is read in three queries up front, so a missing
 * kecamatan answers 404 before any byte is sent; the pages are then drawn one kelurahan at a time,
 * yielding to the event loop in between, while the response streams.
 */

export interface AtlasOptions {
  kecamatan?: string;
  printedAt?: Date;
}

/**
 * More kelurahan than a kab/kota has (Kota Bekasi 56, the largest kabupaten a few hundred) means a province
 * or national region without a kecamatan filter: thousands of pages nobody prints. One kecamatan is asked for.
 */
const maxAtlasKelurahan = 1000;

type BoundingBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

function boundingBox(kelurahan: ReportKelurahan): BoundingBox | null {
  if (!kelurahan.boundary) return null;
  const box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positionsOf([kelurahan.boundary])) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

function boxesTouch(a: BoundingBox, b: BoundingBox, marginDegrees: number): boolean {
  return (
    a[0] - marginDegrees <= b[2] &&
    b[0] <= a[2] + marginDegrees &&
    a[1] - marginDegrees <= b[3] &&
    b[1] <= a[3] + marginDegrees
  );
}

/** The totals the way /api/coverage counts them, from the same repository rows. */
function coverageTotals(rows: readonly CoverageRow[]): CoverageTotals {
  const withQualifyingSite = rows.filter((row) => row.qualifying > 0).length;
  return {
    kelurahan: rows.length,
    withCandidates: rows.filter((row) => row.candidates > 0).length,
    withQualifyingSite,
    withoutQualifyingSite: rows.length - withQualifyingSite,
    withPrimarySite: rows.filter((row) => row.primary_id !== null).length,
  };
}

export async function renderAtlasPdf(context: TapakContext, options: AtlasOptions = {}): Promise<PDFKit.PDFDocument> {
  const { db, region } = context;
  const printedAt = options.printedAt ?? new Date();
  const scope = options.kecamatan ? { kecamatan: options.kecamatan } : {};
  const coverage = await coverageRows(db.knex, region.kode, options.kecamatan);
  if (coverage.length === 0) {
    throw new HttpProblem('not-found', {
      id: `Kecamatan dengan kode ${options.kecamatan} tidak ada di wilayah ${region.nama}.`,
      en: `No kecamatan with code ${options.kecamatan} in ${region.nama}.`,
    });
  }
  if (coverage.length > maxAtlasKelurahan) {
    throw new HttpProblem('bad-request', {
      id: `Atlas dibatasi ${maxAtlasKelurahan} kelurahan; wilayah ini memiliki ${coverage.length}. Pilih satu kecamatan (?kecamatan=…).`,
      en: `An atlas is limited to ${maxAtlasKelurahan} kelurahan; this region has ${coverage.length}. Choose one kecamatan (?kecamatan=…).`,
    });
  }
  // A kecamatan atlas still shows what lies across its edge: its neighbours are read too.
  const [allKelurahanRows, parcelRows] = await Promise.all([
    options.kecamatan
      ? reportKelurahanAroundKecamatan(db.knex, region.kode, options.kecamatan, neighbourMarginDegrees)
      : reportKelurahan(db.knex, region.kode),
    reportParcels(db.knex, region.kode, scope),
  ]);

  const allKelurahan = allKelurahanRows.map(toReportKelurahan);
  const boxes = new Map(allKelurahan.map((k) => [k.kode, boundingBox(k)]));
  const parcelsByKelurahan = new Map<string, ReportParcel[]>();
  for (const row of parcelRows) {
    const list = parcelsByKelurahan.get(row.kelurahan_kode) ?? [];
    list.push(toReportParcel(row));
    parcelsByKelurahan.set(row.kelurahan_kode, list);
  }
  const inScope = new Set(coverage.map((row) => row.kode));
  const pages: KelurahanReportData[] = allKelurahan
    .filter((k) => inScope.has(k.kode))
    .map((kelurahan) => {
      const box = boxes.get(kelurahan.kode);
      return {
        kelurahan,
        parcels: parcelsByKelurahan.get(kelurahan.kode) ?? [],
        neighbours: box
          ? allKelurahan.flatMap((other) => {
              const otherBox = boxes.get(other.kode);
              return other.kode !== kelurahan.kode &&
                other.boundary &&
                other.labelPosition &&
                otherBox &&
                boxesTouch(box, otherBox, neighbourMarginDegrees)
                ? [{ nama: other.nama, boundary: other.boundary, labelPosition: other.labelPosition }]
                : [];
            })
          : [],
        printedAt,
      };
    });

  const kecamatan = new Map<string, KecamatanCoverage>();
  for (const row of coverage) {
    const rowsOfKecamatan = coverage.filter((other) => other.kecamatan_kode === row.kecamatan_kode);
    if (!kecamatan.has(row.kecamatan_kode)) {
      kecamatan.set(row.kecamatan_kode, {
        kode: row.kecamatan_kode,
        nama: row.kecamatan_nama,
        ...coverageTotals(rowsOfKecamatan),
      });
    }
  }
  const coverageByKode = new Map(coverage.map((row) => [row.kode, row]));
  const summary: AtlasSummary = {
    regionNama: region.nama,
    kecamatanNama: options.kecamatan ? (coverage[0]?.kecamatan_nama ?? null) : null,
    totals: coverageTotals(coverage),
    kecamatan: [...kecamatan.values()],
    kelurahan: pages.map(({ kelurahan }) => ({
      kelurahan,
      hasQualifyingSite: (coverageByKode.get(kelurahan.kode)?.qualifying ?? 0) > 0,
      hasCandidates: (coverageByKode.get(kelurahan.kode)?.candidates ?? 0) > 0,
    })),
    printedAt,
  };

  const writer = new ReportWriter({
    title: `Atlas Calon Lokasi KKMP – ${summary.kecamatanNama ? `Kecamatan ${summary.kecamatanNama}, ` : ''}${region.nama}`,
    subject: `Calon lokasi Koperasi Kelurahan Merah Putih per kelurahan, ${region.nama}`,
  });
  const render = async () => {
    drawAtlasSummary(writer, summary);
    for (const page of pages) {
      // Let the finished pages flow to the client and other requests run between kelurahan.
      await yieldToEventLoop();
      drawKelurahanPages(writer, page, { signatureBlock: false });
    }
    writer.doc.end();
  };
  render().catch((error: unknown) => writer.doc.destroy(error instanceof Error ? error : new Error(String(error))));
  return writer.doc;
}
