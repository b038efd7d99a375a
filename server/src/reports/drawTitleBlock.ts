import type { ReportKelurahan } from './kelurahanReportData.ts';
import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';
import { formatLongDate } from './reportLabels.ts';

/** The heading of a kelurahan report: title, kelurahan name and code, kecamatan, region, date printed. */
export function drawTitleBlock(writer: ReportWriter, kelurahan: ReportKelurahan, printedAt: Date): void {
  const { doc } = writer;
  const x = marginPoints;
  const dateColumnPoints = 170;
  const top = writer.y;

  doc.font(fonts.bold).fontSize(16).fillColor(colors.ink);
  doc.text('Laporan Calon Lokasi KKMP', x, top, { lineBreak: false });
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text('Report of candidate sites for the Koperasi Kelurahan Merah Putih', x, top + 20, { lineBreak: false });

  const jenisLabel = kelurahan.jenis === 'desa' ? 'Desa' : 'Kelurahan';
  doc.font(fonts.bold).fontSize(12).fillColor(colors.ink);
  doc.text(`${jenisLabel} ${kelurahan.nama}`, x, top + 34, {
    width: contentWidthPoints - dateColumnPoints,
    lineBreak: false,
    ellipsis: true,
  });
  doc.font(fonts.regular).fontSize(9).fillColor(colors.ink);
  doc.text(
    `Kode ${kelurahan.kode} · Kecamatan ${kelurahan.kecamatanNama} · ${kelurahan.kabkotaNama} · Provinsi ${kelurahan.provinsiNama}`,
    x,
    top + 50,
    { width: contentWidthPoints - dateColumnPoints, lineBreak: false, ellipsis: true },
  );

  const dateX = x + contentWidthPoints - dateColumnPoints;
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text('Tanggal cetak / Printed', dateX, top + 34, { width: dateColumnPoints, align: 'right', lineBreak: false });
  doc.font(fonts.bold).fontSize(9).fillColor(colors.ink);
  doc.text(formatLongDate(printedAt), dateX, top + 46, { width: dateColumnPoints, align: 'right', lineBreak: false });
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text(`Wilayah: ${kelurahan.kabkotaNama}`, dateX, top + 3, {
    width: dateColumnPoints,
    align: 'right',
    lineBreak: false,
  });

  const ruleY = top + 66;
  doc.save();
  doc
    .moveTo(x, ruleY)
    .lineTo(x + contentWidthPoints, ruleY)
    .lineWidth(1.2)
    .stroke(colors.ink);
  doc.restore();
  writer.y = ruleY + 8;
}

/** A section heading, Indonesian first with the English in smaller grey type. */
export function drawSectionHeading(writer: ReportWriter, id: string, en: string): void {
  const { doc } = writer;
  doc.font(fonts.bold).fontSize(10.5).fillColor(colors.ink);
  doc.text(id, marginPoints, writer.y, { lineBreak: false });
  const idWidth = doc.widthOfString(id);
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text(`/ ${en}`, marginPoints + idWidth + 5, writer.y + 2.5, { lineBreak: false });
  writer.y += 16;
}
