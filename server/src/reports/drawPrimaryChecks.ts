import { drawMap } from './drawMap.ts';
import { drawSectionHeading } from './drawTitleBlock.ts';
import type { KelurahanReportData } from './kelurahanReportData.ts';
import { positionsOf } from './pageGeometry.ts';
import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';
import { checkStatusStyles, severityLabels } from './reportLabels.ts';

/**
 * The checks of the primary site, each with its own message and pass/fail, beside a close-up map of the
 * site where the placed 30 × 20 m footprint is large enough to see. Without a primary site, one clear line.
 */

const closeUpSizePoints = 165;
const gapPoints = 14;

export function drawPrimaryChecks(writer: ReportWriter, data: KelurahanReportData): void {
  const { doc } = writer;
  const primary = data.parcels.find((parcel) => parcel.isPrimary);
  if (!primary) {
    writer.ensureSpace(40);
    drawSectionHeading(writer, 'Syarat lokasi utama', 'Checks of the primary site');
    doc.font(fonts.italic).fontSize(9).fillColor(colors.ink);
    doc.text(
      'Belum ada lokasi utama yang ditetapkan untuk kelurahan ini. / No primary site has been chosen for this kelurahan.',
      marginPoints,
      writer.y,
      { width: contentWidthPoints },
    );
    writer.y = doc.y + 10;
    return;
  }

  writer.ensureSpace(16 + closeUpSizePoints + 4);
  drawSectionHeading(writer, `Syarat lokasi utama: ${primary.name}`, 'Checks of the primary site');
  const top = writer.y;
  const closeUpX = marginPoints + contentWidthPoints - closeUpSizePoints;
  drawMap(doc, { x: closeUpX, y: top, width: closeUpSizePoints, height: closeUpSizePoints }, data, {
    extent: positionsOf([primary.geometry]),
    paddingPoints: 22,
    labels: false,
    maxScaleBarPoints: 60,
  });
  doc.font(fonts.italic).fontSize(6.5).fillColor(colors.muted);
  doc.text('Detail lokasi utama dengan bangunan 30 × 20 m', closeUpX, top + closeUpSizePoints + 2, {
    width: closeUpSizePoints,
    align: 'center',
    lineBreak: false,
  });
  const closeUpPage = writer.pageCount;

  const listWidth = contentWidthPoints - closeUpSizePoints - gapPoints;
  const markWidth = 12;
  const severityWidth = 52;
  const statusWidth = 68;
  const messageWidth = listWidth - markWidth - severityWidth - statusWidth - 6;
  const fontSize = 7.5;
  for (const check of primary.checks) {
    const style = checkStatusStyles[check.status];
    doc.font(fonts.regular).fontSize(fontSize);
    const height = Math.max(doc.heightOfString(check.message.id, { width: messageWidth }), fontSize + 2) + 3;
    writer.ensureSpace(height);
    const y = writer.y;
    let x = marginPoints;
    doc
      .font(fonts.bold)
      .fontSize(fontSize + 1)
      .fillColor(style.ink);
    doc.text(style.mark, x, y - 0.5, { width: markWidth, lineBreak: false });
    x += markWidth;
    doc
      .font(fonts.regular)
      .fontSize(fontSize - 0.5)
      .fillColor(colors.muted);
    doc.text(severityLabels[check.severity], x, y + 0.5, { width: severityWidth, lineBreak: false });
    x += severityWidth;
    doc.font(fonts.regular).fontSize(fontSize).fillColor(colors.ink);
    doc.text(check.message.id, x, y, { width: messageWidth });
    x += messageWidth + 6;
    doc.font(fonts.bold).fontSize(fontSize).fillColor(style.ink);
    doc.text(style.label, x, y, { width: statusWidth, align: 'right', lineBreak: false });
    writer.y = y + height;
  }
  if (primary.checks.length === 0) {
    doc.font(fonts.italic).fontSize(fontSize).fillColor(colors.muted);
    doc.text('Belum ada hasil pemeriksaan. / Not checked yet.', marginPoints, writer.y, { lineBreak: false });
    writer.y += 12;
  }
  // The close-up may reach lower than a short list of checks.
  if (writer.pageCount === closeUpPage) writer.y = Math.max(writer.y, top + closeUpSizePoints + 12);
  writer.y += 8;
}
