import { formatNumber } from '@tapak/core';
import { drawNorthArrow, drawScaleBar, tracePolygons } from './drawMap.ts';
import { drawTable, type TableColumn } from './drawTable.ts';
import { drawSectionHeading } from './drawTitleBlock.ts';
import type { ReportKelurahan } from './kelurahanReportData.ts';
import { boxesOverlap, fitPositionsToFrame, type PageBox, positionsOf } from './pageGeometry.ts';
import { colors, contentWidthPoints, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';
import { formatLongDate, verdictStyles } from './reportLabels.ts';

/**
 * The atlas's first page: the city's totals (the same figures as /api/coverage), an overview map of which
 * kelurahan have a qualifying site, and a table per kecamatan.
 */

export interface CoverageTotals {
  kelurahan: number;
  withCandidates: number;
  withQualifyingSite: number;
  withoutQualifyingSite: number;
  withPrimarySite: number;
}

export interface KecamatanCoverage extends CoverageTotals {
  kode: string;
  nama: string;
}

export interface AtlasSummary {
  regionNama: string;
  /** Set when the atlas covers one kecamatan only. */
  kecamatanNama: string | null;
  totals: CoverageTotals;
  kecamatan: KecamatanCoverage[];
  /** Every kelurahan of the atlas with whether it has a qualifying site, for the overview map. */
  kelurahan: Array<{ kelurahan: ReportKelurahan; hasQualifyingSite: boolean; hasCandidates: boolean }>;
  printedAt: Date;
}

const columns: TableColumn[] = [
  { header: 'Kecamatan', headerEn: 'District', widthShare: 0.28 },
  { header: 'Kelurahan', headerEn: 'Villages', widthShare: 0.12, align: 'right' },
  { header: 'Ada kandidat', headerEn: 'With candidates', widthShare: 0.14, align: 'right' },
  { header: 'Memenuhi syarat', headerEn: 'With qualifying site', widthShare: 0.16, align: 'right' },
  { header: 'Belum memenuhi', headerEn: 'Without qualifying site', widthShare: 0.16, align: 'right' },
  { header: 'Lokasi utama', headerEn: 'With primary site', widthShare: 0.14, align: 'right' },
];

const count = (value: number) => formatNumber(value, 'id', 0);

export function drawAtlasSummary(writer: ReportWriter, summary: AtlasSummary): void {
  const { doc } = writer;
  writer.footerText = `Tapak · Atlas Calon Lokasi KKMP · ${summary.regionNama} · ringkasan`;
  writer.newPage();
  const top = writer.y;
  doc.font(fonts.bold).fontSize(16).fillColor(colors.ink);
  doc.text('Atlas Calon Lokasi KKMP', marginPoints, top, { lineBreak: false });
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text('Atlas of candidate sites for the Koperasi Kelurahan Merah Putih', marginPoints, top + 20, {
    lineBreak: false,
  });
  doc.font(fonts.bold).fontSize(12).fillColor(colors.ink);
  const scope = summary.kecamatanNama
    ? `Kecamatan ${summary.kecamatanNama}, ${summary.regionNama}`
    : summary.regionNama;
  doc.text(scope, marginPoints, top + 34, { lineBreak: false });
  doc.font(fonts.regular).fontSize(7.5).fillColor(colors.muted);
  doc.text('Tanggal cetak / Printed', marginPoints, top + 34, {
    width: contentWidthPoints,
    align: 'right',
    lineBreak: false,
  });
  doc.font(fonts.bold).fontSize(9).fillColor(colors.ink);
  doc.text(formatLongDate(summary.printedAt), marginPoints, top + 46, {
    width: contentWidthPoints,
    align: 'right',
    lineBreak: false,
  });
  const ruleY = top + 62;
  doc.save();
  doc
    .moveTo(marginPoints, ruleY)
    .lineTo(marginPoints + contentWidthPoints, ruleY)
    .lineWidth(1.2)
    .stroke(colors.ink);
  doc.restore();
  writer.y = ruleY + 12;

  const { totals } = summary;
  doc.font(fonts.bold).fontSize(13).fillColor(verdictStyles.memenuhi.ink);
  doc.text(
    `${count(totals.withQualifyingSite)} dari ${count(totals.kelurahan)} kelurahan memiliki lokasi memenuhi syarat`,
    marginPoints,
    writer.y,
    { lineBreak: false },
  );
  doc.font(fonts.regular).fontSize(8).fillColor(colors.muted);
  doc.text(
    `${count(totals.withQualifyingSite)} of ${count(totals.kelurahan)} kelurahan have a qualifying site · ` +
      `${count(totals.withoutQualifyingSite)} belum / without · ${count(totals.withPrimarySite)} dengan lokasi utama / with a primary site`,
    marginPoints,
    writer.y + 17,
    { lineBreak: false },
  );
  writer.y += 36;

  drawOverviewMap(writer, summary, 320);

  drawSectionHeading(writer, 'Rekap per kecamatan', 'Summary per district');
  const rows = summary.kecamatan.map((k) => [
    { text: k.nama },
    { text: count(k.kelurahan) },
    { text: count(k.withCandidates) },
    { text: count(k.withQualifyingSite), color: verdictStyles.memenuhi.ink },
    {
      text: count(k.withoutQualifyingSite),
      color: k.withoutQualifyingSite > 0 ? verdictStyles.tidak_memenuhi.ink : colors.ink,
    },
    { text: count(k.withPrimarySite) },
  ]);
  rows.push([
    { text: 'Jumlah / Total' },
    { text: count(totals.kelurahan) },
    { text: count(totals.withCandidates) },
    { text: count(totals.withQualifyingSite), color: verdictStyles.memenuhi.ink },
    { text: count(totals.withoutQualifyingSite), color: verdictStyles.tidak_memenuhi.ink },
    { text: count(totals.withPrimarySite) },
  ]);
  drawTable(writer, columns, rows, { totalRow: true });
}

const overviewFills = {
  qualifying: { fill: '#86efac', label: 'Ada lokasi memenuhi syarat' },
  candidates: { fill: '#fde68a', label: 'Ada kandidat, belum memenuhi syarat' },
  none: { fill: '#fecaca', label: 'Belum ada kandidat' },
  noBoundary: { fill: '#e2e8f0', label: 'Batas belum diimpor (tidak digambar)' },
} as const;

function drawOverviewMap(writer: ReportWriter, summary: AtlasSummary, heightPoints: number): void {
  const { doc } = writer;
  const withBoundary = summary.kelurahan.filter((k) => k.kelurahan.boundary !== null);
  if (withBoundary.length === 0) return;
  const frame = { x: marginPoints, y: writer.y, width: contentWidthPoints, height: heightPoints };
  const transform = fitPositionsToFrame(positionsOf(withBoundary.map((k) => k.kelurahan.boundary)), frame, 12);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).fill('#f8fafc');
  for (const entry of withBoundary) {
    const style = entry.hasQualifyingSite
      ? overviewFills.qualifying
      : entry.hasCandidates
        ? overviewFills.candidates
        : overviewFills.none;
    const boundary = entry.kelurahan.boundary;
    if (!boundary) continue;
    doc.save();
    tracePolygons(doc, boundary, transform);
    doc.lineWidth(0.5).fillAndStroke(style.fill, '#475569', 'even-odd');
    doc.restore();
  }
  // Names that would overprint an earlier one are left out: at city scale the small northern kelurahan crowd,
  // and an unreadable tangle helps nobody (every kelurahan has its own page after this one).
  doc.font(fonts.regular).fontSize(5).fillColor(colors.ink);
  const placed: PageBox[] = [];
  for (const entry of withBoundary) {
    if (!entry.kelurahan.labelPosition) continue;
    const [x, y] = transform.toPage(entry.kelurahan.labelPosition);
    const width = doc.widthOfString(entry.kelurahan.nama);
    const box = { x: x - width / 2, y: y - 3, width, height: 6 };
    if (placed.some((other) => boxesOverlap(box, other))) continue;
    placed.push(box);
    doc.text(entry.kelurahan.nama, box.x, box.y, { lineBreak: false });
  }
  doc.restore();
  drawNorthArrow(doc, frame);
  drawScaleBar(doc, frame, transform.pointsPerMeter, 120);
  doc.save();
  doc.rect(frame.x, frame.y, frame.width, frame.height).lineWidth(0.8).stroke(colors.ink);
  doc.restore();
  writer.y += heightPoints + 6;

  let x = marginPoints;
  doc.font(fonts.regular).fontSize(7).fillColor(colors.ink);
  for (const style of Object.values(overviewFills)) {
    doc.save();
    doc
      .rect(x, writer.y + 0.5, 14, 8)
      .lineWidth(0.5)
      .fillAndStroke(style.fill, '#475569');
    doc.restore();
    doc.font(fonts.regular).fontSize(7).fillColor(colors.ink);
    doc.text(style.label, x + 18, writer.y, { lineBreak: false });
    x += 18 + doc.widthOfString(style.label) + 14;
  }
  writer.y += 20;
}
