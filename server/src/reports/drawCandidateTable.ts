import { formatNumber, parcelStatusLabels } from '@tapak/core';
import { drawTable, type TableColumn } from './drawTable.ts';
import type { ReportParcel } from './kelurahanReportData.ts';
import { colors, fonts, marginPoints, type ReportWriter } from './reportDocument.ts';
import { verdictStyles } from './reportLabels.ts';

const columns: TableColumn[] = [
  { header: 'Peringkat', headerEn: 'Rank', widthShare: 0.09, align: 'center' },
  { header: 'Nama bidang', headerEn: 'Parcel name', widthShare: 0.35 },
  { header: 'Luas (m²)', headerEn: 'Area (m²)', widthShare: 0.12, align: 'right' },
  { header: 'Hasil penilaian', headerEn: 'Verdict', widthShare: 0.17 },
  { header: 'Status', headerEn: 'Pipeline status', widthShare: 0.14 },
  { header: 'Lokasi utama', headerEn: 'Primary site', widthShare: 0.13, align: 'center' },
];

/** The kelurahan's candidates, best rank first, or one line saying there are none. */
export function drawCandidateTable(writer: ReportWriter, parcels: readonly ReportParcel[]): void {
  if (parcels.length === 0) {
    writer.ensureSpace(16);
    writer.doc.font(fonts.italic).fontSize(9).fillColor(colors.muted);
    writer.doc.text('Belum ada calon lokasi di kelurahan ini. / No candidate site yet.', marginPoints, writer.y, {
      lineBreak: false,
    });
    writer.y += 16;
    return;
  }
  const rows = parcels.map((parcel) => [
    { text: String(parcel.rank) },
    { text: parcel.name, bold: parcel.isPrimary },
    // Whole square metres: the area is ellipsoidal and exact to far below a metre; paper needs no decimals.
    { text: formatNumber(parcel.areaSquareMeters, 'id', 0) },
    { text: verdictStyles[parcel.verdict].label, color: verdictStyles[parcel.verdict].ink },
    { text: parcelStatusLabels[parcel.status].id },
    { text: parcel.isPrimary ? 'Ya' : '–', bold: parcel.isPrimary },
  ]);
  drawTable(writer, columns, rows);
}
