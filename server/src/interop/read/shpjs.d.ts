// shpjs ships no type declarations; these cover the two functions the Shapefile reader uses.
declare module 'shpjs' {
  type Bytes = ArrayBuffer | Uint8Array | DataView;
  /** GeoJSON geometries, one per record (null for a null shape); reprojected when `prj` is given. */
  export function parseShp(shp: Bytes, prj?: string | false): Array<{ type: string; coordinates: unknown } | null>;
  /** dBase records as objects; `cpg` names the text encoding (UTF-8 when absent). */
  export function parseDbf(dbf: Bytes, cpg?: string | Bytes): Array<Record<string, unknown>>;
}
