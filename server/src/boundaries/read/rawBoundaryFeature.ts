/**
 * One boundary as read from a source, before any validation: the importer decides what a usable code, name
 * and geometry are. Keeping the reader dumb lets it report every problem of a file in one pass instead of
 * stopping at the first odd feature.
 */
export interface RawBoundaryFeature {
  /** 1-based position of the feature (GeoJSON) or row (SQL) in the source, for error reports. */
  ordinal: number;
  /** Feature properties; `{}` when the source has `null` or no properties. */
  properties: Record<string, unknown>;
  /** Geometry exactly as read (GeoJSON), or built from the SQL `path` column; not validated. */
  geometry: unknown;
  /** EPSG code of the coordinates: 4326 unless the GeoJSON declares another `crs`. */
  srid: number;
}

/** Formats a source can be in; decided by sniffing the content, never by the file name. */
export type BoundaryFormat = 'geojson' | 'wilayah-sql';

export const WGS84_SRID = 4326;
