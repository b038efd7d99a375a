import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { drawKelurahanPages } from './drawKelurahanPages.ts';
import { loadKelurahanReportData } from './kelurahanReportData.ts';
import { collectPdf, ReportWriter } from './reportDocument.ts';

export interface KelurahanReportOptions {
  /** The date printed on the report; now by default. */
  printedAt?: Date;
}

/**
 * The PDF report of one kelurahan (A4 portrait), rendered on the server without network access.
 * Throws a `not-found` HttpProblem when the region has no kelurahan with this code.
 * Other features (the proposal package) call this exact function: keep its signature.
 */
export async function renderKelurahanReportPdf(
  context: TapakContext,
  kode: string,
  options: KelurahanReportOptions = {},
): Promise<Buffer> {
  const { db, region } = context;
  const data = await loadKelurahanReportData(db.knex, region.kode, kode, options.printedAt ?? new Date());
  if (!data) {
    throw new HttpProblem('not-found', {
      id: `Kelurahan dengan kode ${kode} tidak ada di wilayah ${region.nama}.`,
      en: `No kelurahan with code ${kode} in ${region.nama}.`,
    });
  }
  const writer = new ReportWriter({
    title: `Laporan Calon Lokasi KKMP – ${data.kelurahan.nama} (${data.kelurahan.kode})`,
    subject: `Calon lokasi Koperasi Kelurahan Merah Putih, ${data.kelurahan.nama}, ${data.kelurahan.kabkotaNama}`,
  });
  const pdf = collectPdf(writer.doc);
  drawKelurahanPages(writer, data, { signatureBlock: true });
  writer.doc.end();
  return pdf;
}
