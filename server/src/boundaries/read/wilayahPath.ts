/** A GeoJSON polygonal geometry in [lon, lat] order. */
export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Why a `path` could not be turned into a geometry, in both languages of the error messages. */
export class WilayahPathError extends Error {
  constructor(
    readonly reasonId: string,
    readonly reasonEn: string,
  ) {
    super(reasonEn);
  }
}

/**
 * Converts the `path` column of the wilayah_boundaries dataset, JSON in [lat, lng] order, to a GeoJSON geometry in
 * [lon, lat] order. Nesting decides the type: positions in rings in a polygon (3 deep) give a Polygon, one level
 * more a MultiPolygon, and a lone ring (2 deep) is read as a Polygon without holes. Coordinates are copied as
 * they are (no rounding, no ring reorientation); only their count and range are checked, as a guard against a
 * path that is in fact already [lng, lat].
 */
export function wilayahPathToGeometry(path: unknown): PolygonalGeometry {
  const depth = nestingDepth(path);
  switch (depth) {
    case 2:
      return { type: 'Polygon', coordinates: [convert(path, 2) as number[][]] };
    case 3:
      return { type: 'Polygon', coordinates: convert(path, 3) as number[][][] };
    case 4:
      return { type: 'MultiPolygon', coordinates: convert(path, 4) as number[][][][] };
    default:
      throw new WilayahPathError(
        `path bersarang ${depth} tingkat; yang didukung 2 (cincin), 3 (poligon) atau 4 (multipoligon)`,
        `path is nested ${depth} deep; supported are 2 (ring), 3 (polygon) and 4 (multipolygon)`,
      );
  }
}

/** Depth of arrays down the first elements: a position [lat, lng] is 1. */
function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (Array.isArray(current)) {
    depth += 1;
    current = current[0];
  }
  return depth;
}

function convert(value: unknown, depth: number): unknown {
  if (!Array.isArray(value) || value.length === 0) {
    throw new WilayahPathError('path berisi larik kosong atau tidak seragam', 'path holds an empty or uneven array');
  }
  if (depth > 1) return value.map((child) => convert(child, depth - 1));
  const [lat, lng, ...rest] = value as unknown[];
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) {
    throw new WilayahPathError('koordinat bukan angka', 'a coordinate is not a number');
  }
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) {
    throw new WilayahPathError(
      `koordinat [${lat}, ${lng}] di luar jangkauan [lintang, bujur]`,
      `coordinate [${lat}, ${lng}] is out of range for [lat, lng]`,
    );
  }
  return [lng, lat, ...rest];
}
