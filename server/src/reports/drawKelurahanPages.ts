import { drawCandidateTable } from './drawCandidateTable.ts';
import { drawMap, drawMapLegend } from './drawMap.ts';
import { drawPrimaryChecks } from './drawPrimaryChecks.ts';
import { drawSignatureBlock } from './drawSignatureBlock.ts';
import { drawSectionHeading, drawTitleBlock } from './drawTitleBlock.ts';
import type { KelurahanReportData } from './kelurahanReportData.ts';
import { positionsOf } from './pageGeometry.ts';
import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';

/**
 * One kelurahan's report, from a new page: title block, map with legend, candidate table, the primary
 * site's checks and (in the single report) the signature block. The single report and every atlas page
 * are drawn by this one function.
 */

const mapHeightPoints = 275;

export interface KelurahanPagesOptions {
  signatureBlock: boolean;
}

export function drawKelurahanPages(
  writer: ReportWriter,
  data: KelurahanReportData,
  options: KelurahanPagesOptions,
): void {
  const { kelurahan } = data;
  writer.footerText = `Tapak · Laporan Calon Lokasi KKMP · ${kelurahan.nama} (${kelurahan.kode}) · ${kelurahan.kecamatanNama}`;
  writer.newPage();
  drawTitleBlock(writer, kelurahan, data.printedAt);

  const frame = { x: marginPoints, y: writer.y, width: contentWidthPoints, height: mapHeightPoints };
  if (kelurahan.boundary) {
    drawMap(writer.doc, frame, data, {
      // The parcels are in the extent too: one that crosses the border must not be cut off.
      extent: positionsOf([kelurahan.boundary, ...data.parcels.map((parcel) => parcel.geometry)]),
      paddingPoints: 18,
      labels: true,
      maxScaleBarPoints: 110,
    });
    writer.y += mapHeightPoints + 6;
    writer.y += drawMapLegend(writer.doc, marginPoints, writer.y, contentWidthPoints) + 6;
  } else {
    drawMissingBoundaryNote(writer, frame.height / 3);
  }

  drawSectionHeading(writer, `Daftar calon lokasi (${data.parcels.length})`, 'Candidate sites');
  drawCandidateTable(writer, data.parcels);
  writer.y += 12;
  drawPrimaryChecks(writer, data);
  if (options.signatureBlock) drawSignatureBlock(writer, kelurahan, data.printedAt);
}

function drawMissingBoundaryNote(writer: ReportWriter, heightPoints: number): void {
  const { doc } = writer;
  doc.save();
  doc
    .rect(marginPoints, writer.y, contentWidthPoints, heightPoints)
    .lineWidth(0.8)
    .dash(3, { space: 3 })
    .stroke(colors.muted);
  doc.restore();
  doc.font(fonts.bold).fontSize(10).fillColor(colors.ink);
  doc.text(
    'Peta tidak tersedia: batas wilayah kelurahan ini belum diimpor.',
    marginPoints,
    writer.y + heightPoints / 2 - 14,
    {
      width: contentWidthPoints,
      align: 'center',
    },
  );
  doc.font(fonts.regular).fontSize(8).fillColor(colors.muted);
  doc.text(
    'Impor batas kelurahan (npm run import:boundaries atau POST /api/admin/boundaries) lalu cetak ulang. / No map: the boundary has not been imported.',
    marginPoints + 20,
    doc.y + 2,
    { width: contentWidthPoints - 40, align: 'center' },
  );
  writer.y += heightPoints + 12;
}
