import { BoundaryReadError } from './errors.ts';
import { WGS84_SRID } from './rawBoundaryFeature.ts';

/**
 * EPSG code of an old-style (GeoJSON 2008) top-level `crs` member. RFC 7946 dropped `crs` and fixed WGS 84,
 * but exports from QGIS/ArcGIS still write it, and a UTM file (EPSG:32748 covers Jawa) must not be read as
 * degrees. `urn:ogc:def:crs:EPSG::4326` formally means lat/lon axis order, yet every GeoJSON writer uses it for
 * lon/lat, so it is taken as plain 4326 like CRS84.
 */
export function sridFromGeoJsonCrs(crs: unknown): number {
  if (crs === null || crs === undefined) return WGS84_SRID;
  if (typeof crs === 'object' && !Array.isArray(crs)) {
    const { type, properties } = crs as { type?: unknown; properties?: unknown };
    const props = (typeof properties === 'object' && properties !== null ? properties : {}) as Record<string, unknown>;
    if (type === 'name' && typeof props.name === 'string') {
      const srid = sridFromCrsName(props.name.trim());
      if (srid !== null) return srid;
    }
    // Pre-2008 drafts: {"type":"EPSG","properties":{"code":4326}}.
    if (typeof type === 'string' && type.toUpperCase() === 'EPSG') {
      const code = Number(props.code);
      if (Number.isInteger(code) && code > 0) return code;
    }
  }
  const shown = JSON.stringify(crs)?.slice(0, 200) ?? String(crs);
  throw new BoundaryReadError('unsupported_crs', {
    id: `Sistem koordinat (crs) tidak dikenali: ${shown}. Gunakan EPSG:4326 (WGS 84) atau kode EPSG.`,
    en: `Unrecognised coordinate reference system (crs): ${shown}. Use EPSG:4326 (WGS 84) or an EPSG code.`,
  });
}

const CRS84 =
  /^(?:urn:ogc:def:crs:OGC:[\d.]*:CRS84|(?:OGC:)?CRS84|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[\d.]+\/CRS84)$/i;
const EPSG_NAME =
  /^(?:urn:ogc:def:crs:EPSG:[\d.]*:|EPSG::?|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/)(\d+)$/i;

function sridFromCrsName(name: string): number | null {
  if (CRS84.test(name)) return WGS84_SRID;
  const match = EPSG_NAME.exec(name);
  if (!match?.[1]) return null;
  const code = Number(match[1]);
  return code > 0 ? code : null;
}
