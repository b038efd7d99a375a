import proj4 from 'proj4';
import { InteropError } from './interopError.ts';

/**
 * Coordinate reference systems the importer understands, and reprojection to WGS 84 lon/lat with proj4.
 *
 * Planners' files come in WGS 84 (KML, GeoJSON, GPS), UTM on WGS 84 (zone 48S = EPSG:32748 for Bekasi and
 * Jakarta) or BPN's cadastral grid TM-3 on DGN95 (EPSG:23830–23845; Bekasi lies in zone 48.2 = EPSG:23834,
 * central meridian 106.5° E). DGN95 is realised on ITRF and its ellipsoid is WGS 84: EPSG gives a null
 * transformation to WGS 84, so TM-3 needs no datum shift (the proj strings below say so with towgs84=0).
 * A file on another datum without a stated shift to WGS 84 (e.g. ID74) is refused rather than misplaced by
 * tens of metres.
 */

export type CrsSource = 'default' | 'query' | 'geojson_crs' | 'prj' | 'geopackage' | 'wkt_srid' | 'format';

export interface Crs {
  /** "EPSG:32748", or null for a CRS known only by its WKT. */
  code: string | null;
  name: string;
  /** Turns one source position into [lon, lat]; null for WGS 84 (nothing to do). */
  toLonLat: ((x: number, y: number) => [number, number]) | null;
}

export const wgs84: Crs = { code: 'EPSG:4326', name: 'WGS 84', toLonLat: null };

const tm3FirstCode = 23830;
const tm3LastCode = 23845;

function tm3CentralMeridian(code: number): number {
  return 94.5 + 3 * (code - tm3FirstCode);
}

/** "48.2": the UTM zone holding the central meridian, .1 for the western and .2 for the eastern half. */
function tm3ZoneLabel(code: number): string {
  const meridian = tm3CentralMeridian(code);
  const utmZone = Math.floor((meridian + 180) / 6) + 1;
  const utmMeridian = utmZone * 6 - 183;
  return `${utmZone}.${meridian > utmMeridian ? 2 : 1}`;
}

function projected(code: string | null, name: string, definition: string): Crs {
  const converter = proj4(definition, 'EPSG:4326');
  return {
    code,
    name,
    toLonLat: (x, y) => {
      const [lon, lat] = converter.forward([x, y]);
      return [lon as number, lat as number];
    },
  };
}

/** The CRS of an EPSG code Tapak supports, or null. */
export function crsOfEpsg(code: number): Crs | null {
  if (code === 4326 || code === 4755) return code === 4326 ? wgs84 : { ...wgs84, code: 'EPSG:4755', name: 'DGN95' };
  if ((code >= 32601 && code <= 32660) || (code >= 32701 && code <= 32760)) {
    const zone = code % 100;
    const south = code >= 32700;
    return projected(
      `EPSG:${code}`,
      `WGS 84 / UTM zone ${zone}${south ? 'S' : 'N'}`,
      `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
    );
  }
  if (code >= tm3FirstCode && code <= tm3LastCode) {
    return projected(
      `EPSG:${code}`,
      `DGN95 / Indonesia TM-3 zone ${tm3ZoneLabel(code)}`,
      `+proj=tmerc +lat_0=0 +lon_0=${tm3CentralMeridian(code)} +k=0.9999 +x_0=200000 +y_0=1500000 ` +
        '+ellps=WGS84 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
    );
  }
  if (code === 3857) return projected('EPSG:3857', 'WGS 84 / Pseudo-Mercator', 'EPSG:3857');
  return null;
}

function unsupported(what: string): InteropError {
  return new InteropError('crs_unsupported', {
    id: `Sistem koordinat ${what} tidak didukung. Gunakan WGS 84 (EPSG:4326), UTM WGS 84 (mis. EPSG:32748) atau TM-3 DGN95 (EPSG:23830–23845), atau ubah dahulu dengan QGIS.`,
    en: `The coordinate system ${what} is not supported. Use WGS 84 (EPSG:4326), UTM on WGS 84 (e.g. EPSG:32748) or TM-3 on DGN95 (EPSG:23830–23845), or convert it first in QGIS.`,
  });
}

/** An "EPSG:32748" text (the `?crs=` override or an EWKT SRID) as a supported CRS; throws otherwise. */
export function crsOfCodeText(text: string): Crs {
  const match = /^(?:EPSG:)?(\d{4,5})$/i.exec(text.trim());
  const crs = match ? crsOfEpsg(Number(match[1])) : null;
  if (!crs) throw unsupported(text);
  return crs;
}

/** The `crs` member of a (pre-RFC 7946) GeoJSON file, as GDAL and older tools write it. */
export function crsOfGeoJsonMember(member: unknown): Crs {
  const name = (member as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return wgs84;
  if (/CRS84$/i.test(name)) return wgs84;
  const match = /EPSG:{1,2}(?:[\d.]*:)?(\d{4,5})$/i.exec(name);
  const crs = match ? crsOfEpsg(Number(match[1])) : null;
  if (!crs) throw unsupported(name);
  return crs;
}

const acceptedDatum = /WGS[ _]?(19)?84|Geodesi[ _]Nasional[ _]1995|DGN[ _]?(19)?95|SRGI/i;

/**
 * The CRS a Shapefile's .prj (ESRI or OGC WKT 1) or a GeoPackage definition describes. Known names map to
 * their EPSG code (so the preview can show it); anything else proj4 can read is used as it stands.
 */
export function crsOfWkt(wkt: string): Crs {
  const text = wkt.trim();
  const rootName =
    /^\s*(?:PROJCS|PROJCRS|GEOGCS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? text.slice(0, 60);
  const datumName = /DATUM\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  if (!acceptedDatum.test(datumName) && !/TOWGS84/i.test(text)) throw unsupported(`"${rootName}"`);
  const isProjected = /^\s*PROJ/i.test(text);
  if (!isProjected) return /DGN/i.test(datumName) ? (crsOfEpsg(4755) ?? wgs84) : wgs84;

  const authority = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(text)?.[1];
  if (authority) {
    const crs = crsOfEpsg(Number(authority));
    if (crs) return crs;
  }
  const utm = /UTM[ _]zone[ _](\d{1,2})([NS])/i.exec(rootName);
  if (utm && /WGS/i.test(datumName)) {
    const crs = crsOfEpsg((utm[2]?.toUpperCase() === 'S' ? 32700 : 32600) + Number(utm[1]));
    if (crs) return crs;
  }
  const tm3 = /TM-?3[ _]zone[ _](\d{2}\.[12])/i.exec(rootName);
  if (tm3) {
    for (let code = tm3FirstCode; code <= tm3LastCode; code++) {
      if (tm3ZoneLabel(code) === tm3[1]) return crsOfEpsg(code) ?? wgs84;
    }
  }
  try {
    return projected(null, rootName, text);
  } catch {
    throw unsupported(`"${rootName}"`);
  }
}

/** Applies a CRS to every position of a GeoJSON geometry (any type), dropping altitudes. */
export function reprojectGeometry<T>(geometry: T, crs: Crs): T {
  const convert = (value: unknown): unknown => {
    if (!Array.isArray(value)) return value;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      if (x === undefined || y === undefined) return value;
      return crs.toLonLat ? crs.toLonLat(x, y) : [x, y];
    }
    return value.map(convert);
  };
  const walk = (g: unknown): unknown => {
    if (!g || typeof g !== 'object') return g;
    const node = g as { type?: string; coordinates?: unknown; geometries?: unknown[] };
    if (node.type === 'GeometryCollection' && Array.isArray(node.geometries)) {
      return { ...node, geometries: node.geometries.map(walk) };
    }
    return { ...node, coordinates: convert(node.coordinates) };
  };
  return walk(geometry) as T;
}
