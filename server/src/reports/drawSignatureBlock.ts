import type { ReportKelurahan } from './kelurahanReportData.ts';
import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';
import { dinasSignatoryTitle, formatLongDate, kelurahanSignatoryTitle, placeName } from './reportLabels.ts';

/** Height the block needs, kept together on one page. */
const blockHeightPoints = 142;

/**
 * Two signature columns: the lurah (or kepala desa) on the left, the head of the Dinas on the right, under a
 * place and date line, each with room to sign and lines for the name and NIP (civil-servant number).
 */
export function drawSignatureBlock(writer: ReportWriter, kelurahan: ReportKelurahan, printedAt: Date): void {
  writer.ensureSpace(blockHeightPoints);
  const { doc } = writer;
  const top = writer.y + 6;
  const columnWidth = (contentWidthPoints - 40) / 2;
  const rightX = marginPoints + columnWidth + 40;

  doc.font(fonts.regular).fontSize(9).fillColor(colors.ink);
  doc.text(`${placeName(kelurahan.kabkotaNama)}, ${formatLongDate(printedAt)}`, rightX, top, {
    width: columnWidth,
    align: 'center',
    lineBreak: false,
  });

  const columns = [
    { x: marginPoints, role: 'Mengetahui,', title: kelurahanSignatoryTitle(kelurahan.jenis, kelurahan.nama) },
    { x: rightX, role: 'Menyetujui,', title: dinasSignatoryTitle(kelurahan.kabkotaNama) },
  ];
  for (const column of columns) {
    const y = top + 16;
    doc.font(fonts.regular).fontSize(9).fillColor(colors.ink);
    doc.text(column.role, column.x, y, { width: columnWidth, align: 'center', lineBreak: false });
    doc.font(fonts.bold).fontSize(9).fillColor(colors.ink);
    doc.text(column.title, column.x, y + 12, { width: columnWidth, align: 'center' });
    // Room for the signature and stamp, then the printed name and NIP lines.
    const nameY = y + 82;
    doc.save();
    doc
      .moveTo(column.x + 30, nameY + 11)
      .lineTo(column.x + columnWidth - 30, nameY + 11)
      .lineWidth(0.6)
      .stroke(colors.ink);
    doc.restore();
    doc.font(fonts.regular).fontSize(8).fillColor(colors.muted);
    doc.text('Nama', column.x + 30, nameY + 13, { lineBreak: false });
    doc.font(fonts.regular).fontSize(9).fillColor(colors.ink);
    doc.text('NIP. ', column.x + 30, nameY + 26, { lineBreak: false });
    doc.save();
    doc
      .moveTo(column.x + 52, nameY + 34)
      .lineTo(column.x + columnWidth - 30, nameY + 34)
      .lineWidth(0.4)
      .dash(1.5, { space: 1.5 })
      .stroke(colors.muted);
    doc.restore();
  }
  writer.y = top + blockHeightPoints - 6;
}
