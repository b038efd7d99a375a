import type { Crs, CrsSource } from './crs.ts';

/** A property value as a file holds it (arrays only from GeoJSON, e.g. tags). */
export type SourceValue = string | number | boolean | null | Array<string | number | boolean | null>;

/** One feature or table row of an uploaded file, before it is mapped onto a parcel. */
export interface SourceFeature {
  /** 1-based position in the file: the "feature number" every message uses. */
  number: number;
  /** The spreadsheet row (header = row 1) for CSV and XLSX, else null. */
  row: number | null;
  /** GeoJSON geometry in the file's CRS (WGS 84 once the preview has reprojected it), or null. */
  geometry: unknown;
  properties: Record<string, SourceValue>;
  /** Why the reader could not make a geometry of this feature (e.g. malformed WKT); it blocks the commit. */
  readError?: { reason: string; message: { id: string; en: string } };
}

export const importFormats = ['geojson', 'kml', 'kmz', 'shp', 'gpkg', 'csv', 'xlsx'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** A notice about the whole file (a default assumed, a layer ignored), not about one feature. */
export interface FileNote {
  reason: string;
  message: { id: string; en: string };
}

export interface ReadResult {
  crs: Crs;
  crsSource: CrsSource;
  features: SourceFeature[];
  /** Field names in file order (readers that know the schema give it; otherwise it is collected). */
  fieldNames?: string[];
  notes: FileNote[];
}

const isScalar = (value: unknown): value is string | number | boolean | null =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

/**
 * GeoJSON properties as flat fields: an object of plain values becomes `object_key` fields (Tapak's own
 * `kib_a` and `fasos_fasum`, so every format maps the same way), arrays of plain values stay arrays, and
 * anything deeper is kept as JSON text.
 */
export function flattenProperties(properties: Record<string, unknown> | null | undefined): Record<string, SourceValue> {
  const flat: Record<string, SourceValue> = {};
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (value === undefined) continue;
    if (isScalar(value)) flat[key] = value;
    else if (Array.isArray(value) && value.every(isScalar)) flat[key] = value;
    else if (!Array.isArray(value) && Object.values(value as object).every(isScalar)) {
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        flat[`${key}_${inner}`] = innerValue as SourceValue;
      }
    } else flat[key] = JSON.stringify(value);
  }
  return flat;
}
