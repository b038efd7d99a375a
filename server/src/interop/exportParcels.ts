import type { ParcelFeature } from './parcelFeature.ts';
import { proposalTable } from './proposalSheet.ts';
import { type CsvSeparator, csvText } from './write/csv.ts';
import { parcelsGeoPackage } from './write/geoPackage.ts';
import { parcelsKml } from './write/kml.ts';
import { parcelTable } from './write/parcelTable.ts';
import { parcelsShapefileZip } from './write/shapefileZip.ts';
import { xlsxWorkbook } from './write/xlsx.ts';

export const parcelExportFormats = ['kml', 'shp.zip', 'gpkg', 'csv', 'xlsx'] as const;
export type ParcelExportFormat = (typeof parcelExportFormats)[number];

export const proposalExportFormats = ['xlsx', 'csv'] as const;
export type ProposalExportFormat = (typeof proposalExportFormats)[number];

export const exportContentTypes: Record<ParcelExportFormat, string> = {
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
  'shp.zip': 'application/zip',
  gpkg: 'application/geopackage+sqlite3',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportOptions {
  /** File name without extension, also used inside the Shapefile ZIP. */
  baseName: string;
  /** A title for people (KML document name, GeoPackage description). */
  title: string;
  separator?: CsvSeparator | undefined;
}

/** Parcels (as the GeoJSON export has them) in one of the other download formats. */
export async function exportParcels(
  features: ParcelFeature[],
  format: ParcelExportFormat,
  options: ExportOptions,
): Promise<Buffer | string> {
  switch (format) {
    case 'kml':
      return parcelsKml(features, options.title);
    case 'shp.zip':
      return Buffer.from(parcelsShapefileZip(features, options.baseName));
    case 'gpkg':
      return Buffer.from(await parcelsGeoPackage(features, options.title));
    case 'csv':
      return csvText(parcelTable(features), options.separator);
    case 'xlsx':
      return xlsxWorkbook(parcelTable(features), 'Bidang');
  }
}

/** The Agrinas proposal sheet (proposalSheet.ts says which parcels are in it). */
export async function exportProposal(
  features: ParcelFeature[],
  format: ProposalExportFormat,
  separator?: CsvSeparator,
): Promise<Buffer | string> {
  const table = proposalTable(features);
  return format === 'csv' ? csvText(table, separator) : xlsxWorkbook(table, 'Usulan lokasi');
}
