import type { LocalizedText } from '../api/types.ts';

// The shapes of the two-step parcel import as the server sends them (server/src/interop/importContracts.ts,
// documented in /api/docs). The web cannot import server code, so they are restated here, read-only.

export type ImportFormat = 'geojson' | 'kml' | 'kmz' | 'shp' | 'gpkg' | 'csv' | 'xlsx';

export type ImportIssue = {
  /** Feature number in the file, from 1. */
  feature: number;
  /** Spreadsheet row (the header is row 1); null for files without rows. */
  row: number | null;
  reason: string;
  message: LocalizedText;
  effect: 'skipped' | 'blocks_commit';
  position?: [number, number];
};

export type ImportFieldType = 'text' | 'number' | 'boolean' | 'list' | 'empty' | 'mixed';

export type ImportPreview = {
  import_id: string;
  format: ImportFormat;
  crs_detected: {
    code: string | null;
    name: string;
    source: 'default' | 'query' | 'geojson_crs' | 'prj' | 'geopackage' | 'wkt_srid' | 'format';
    reprojected: boolean;
  };
  feature_count: number;
  importable_count: number;
  skipped_count: number;
  blocking_count: number;
  fields: { name: string; type: ImportFieldType }[];
  sample: { feature: number; row: number | null; geometry: unknown; properties: Record<string, unknown> }[];
  errors: ImportIssue[];
  errors_total: number;
  notes: { reason: string; message: LocalizedText }[];
  mapping_suggestion: Record<string, string | null>;
  targets: string[];
  expires_at: string;
};

export type ImportCommitResult = {
  import_id: string;
  created_count: number;
  parcel_ids: string[];
  skipped: ImportIssue[];
};
