import { BEKASI_UTM_ZONE, type UtmZone, utmToLonLat } from './utm.ts';

// "Masukkan koordinat": turns what planners paste (a column of lon/lat pairs from a spreadsheet, the
// corner list of a BPN survey in UTM 48S, a WKT polygon or a GeoJSON geometry) into one closed ring.
// Pure and forgiving about format, strict about meaning: every line that is not a point is reported by
// number, never skipped silently.

export type LonLat = [lon: number, lat: number];

export type CoordinateSystem = 'lonlat' | 'utm';

export type ParseIssue =
  /** Line `line` (1-based) holds no pair of numbers. */
  | { kind: 'unreadable'; line: number; text: string }
  /** A position outside any sensible range for the detected system. */
  | { kind: 'out_of_range'; line: number; text: string }
  /** Fewer than three distinct points. */
  | { kind: 'too_few_points'; count: number }
  | { kind: 'empty' }
  /** GeoJSON/WKT that is not a polygon with one part. */
  | { kind: 'unsupported_geometry'; detail: string };

export type ParseResult =
  | {
      ok: true;
      ring: LonLat[];
      system: CoordinateSystem;
      /** Lon/lat given as lat/lon (or northing/easting) and turned around. */
      swapped: boolean;
      /** The closing point was added. */
      closed: boolean;
      points: number;
    }
  | { ok: false; issues: ParseIssue[] };

export type ParseOptions = { utmZone?: UtmZone; system?: CoordinateSystem | 'auto' };

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

/**
 * Reads one number written either way: "106.987654", "-6,234567" (id-ID decimal comma), "712000,5".
 * Thousands separators are not accepted: "9.310.000" would be ambiguous next to "106.987".
 */
export function parseNumber(token: string): number | null {
  const text = token.trim().replace(/^\u2212/, '-');
  if (!NUMBER.test(text)) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** The numbers on one line, with commas read as separators or as decimal marks depending on the line. */
export function numbersOnLine(line: string): number[] {
  let text = line.trim().replace(/[()[\]{}"']/g, ' ');
  if (text === '') return [];
  // With a dot anywhere, dots are decimal marks and commas separate values ("106.98, -6.23").
  // Without one, a comma between digits is a decimal mark when something else separates the values
  // ("106,98 -6,23" or "106,98;-6,23"), and a separator otherwise ("712000,9310000").
  const hasDot = text.includes('.');
  const otherSeparator = /[\s;\t|]/.test(text.replace(/^\s+|\s+$/g, ''));
  if (hasDot || !otherSeparator) text = text.replaceAll(',', ' ');
  const tokens = text.split(/[\s;\t|]+/).filter((t) => t !== '');
  const numbers: number[] = [];
  for (const token of tokens) {
    const value = parseNumber(token.replace(/[°]$/, ''));
    if (value !== null) numbers.push(value);
  }
  return numbers;
}

/** Picks the coordinate pair out of a line's numbers: "1 106.9 -6.2" (point number), "106.9 -6.2 12.5" (height). */
function pairOf(numbers: number[]): [number, number] | null {
  if (numbers.length === 2) return [numbers[0] as number, numbers[1] as number];
  if (numbers.length === 3) {
    const [a, b, c] = numbers as [number, number, number];
    const looksLikeIndex = Number.isInteger(a) && a >= 0 && a < 10_000 && Math.abs(b) > Math.abs(a) / 1000;
    // A point number before coordinates is the common spreadsheet layout ("No, X, Y").
    if (looksLikeIndex && !(Math.abs(a) <= 180 && Math.abs(b) <= 90 && Math.abs(c) > 90)) return [b, c];
    return [a, b];
  }
  return null;
}

const isLat = (v: number) => v >= -11.5 && v <= 6.5;
const isLonIndonesia = (v: number) => v >= 94 && v <= 142;

/** Polygons pasted as GeoJSON: a geometry, a Feature or a FeatureCollection with one polygon. */
function ringFromGeoJson(text: string): LonLat[] | ParseIssue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'unsupported_geometry', detail: 'JSON' };
  }
  let geometry = value as { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown[] };
  if (geometry?.type === 'FeatureCollection') {
    if (!Array.isArray(geometry.features) || geometry.features.length !== 1) {
      return { kind: 'unsupported_geometry', detail: 'FeatureCollection' };
    }
    geometry = geometry.features[0] as typeof geometry;
  }
  if (geometry?.type === 'Feature') geometry = geometry.geometry as typeof geometry;
  let rings: unknown;
  if (geometry?.type === 'Polygon') rings = geometry.coordinates;
  else if (
    geometry?.type === 'MultiPolygon' &&
    Array.isArray(geometry.coordinates) &&
    geometry.coordinates.length === 1
  ) {
    rings = geometry.coordinates[0];
  } else return { kind: 'unsupported_geometry', detail: String(geometry?.type ?? 'JSON') };
  if (!Array.isArray(rings) || rings.length !== 1 || !Array.isArray(rings[0])) {
    return { kind: 'unsupported_geometry', detail: 'Polygon with holes' };
  }
  const ring: LonLat[] = [];
  for (const position of rings[0] as unknown[]) {
    if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number') {
      return { kind: 'unsupported_geometry', detail: 'coordinates' };
    }
    ring.push([position[0], position[1]]);
  }
  return ring;
}

/** Lines of text for each point: WKT "POLYGON ((x y, x y, …))" becomes one pair per line. */
function linesOf(text: string): string[] {
  const wkt = /^\s*(?:MULTI)?POLYGON\s*Z?\s*\(+(.*?)\)+\s*$/is.exec(text);
  if (wkt) {
    const body = wkt[1] ?? '';
    if (/\)\s*,\s*\(/.test(body)) return ['\u0000'];
    return body.split(',');
  }
  return text.split(/\r?\n/);
}

/** Parses pasted coordinates into a closed WGS 84 ring. */
export function parseCoordinateText(text: string, options: ParseOptions = {}): ParseResult {
  const zone = options.utmZone ?? BEKASI_UTM_ZONE;
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, issues: [{ kind: 'empty' }] };

  let raw: { line: number; text: string; pair: [number, number] }[] = [];
  const issues: ParseIssue[] = [];
  if (trimmed.startsWith('{')) {
    const ring = ringFromGeoJson(trimmed);
    if (!Array.isArray(ring)) return { ok: false, issues: [ring] };
    raw = ring.map((pair, index) => ({ line: index + 1, text: pair.join(' '), pair }));
  } else {
    const lines = linesOf(trimmed);
    if (lines[0] === '\u0000') return { ok: false, issues: [{ kind: 'unsupported_geometry', detail: 'WKT' }] };
    lines.forEach((line, index) => {
      if (line.trim() === '') return;
      const pair = pairOf(numbersOnLine(line));
      // A header row ("Bujur Lintang", "X Y") is not an error when it comes first and has no digits.
      if (!pair && raw.length === 0 && !/\d/.test(line)) return;
      if (!pair) issues.push({ kind: 'unreadable', line: index + 1, text: line.trim() });
      else raw.push({ line: index + 1, text: line.trim(), pair });
    });
  }
  if (raw.length === 0 && issues.length === 0) return { ok: false, issues: [{ kind: 'empty' }] };

  // Meters or degrees: any value beyond 360 can only be a projected coordinate.
  const requested = options.system ?? 'auto';
  const system: CoordinateSystem =
    requested !== 'auto'
      ? requested
      : raw.some(({ pair }) => Math.abs(pair[0]) > 360 || Math.abs(pair[1]) > 360)
        ? 'utm'
        : 'lonlat';

  let swapped = false;
  let ring: LonLat[];
  if (system === 'utm') {
    // Northings in the southern hemisphere are in the millions, eastings between 160 000 and 840 000.
    swapped = raw.length > 0 && raw.every(({ pair }) => pair[0] > 1_000_000 && pair[1] < 1_000_000);
    ring = [];
    for (const { line, text: lineText, pair } of raw) {
      const [easting, northing] = swapped ? [pair[1], pair[0]] : pair;
      if (easting < 100_000 || easting > 900_000 || northing < 0 || northing > 10_000_000) {
        issues.push({ kind: 'out_of_range', line, text: lineText });
        continue;
      }
      ring.push(utmToLonLat(easting, northing, zone));
    }
  } else {
    // Spreadsheets often list latitude first; within Indonesia the two ranges never overlap.
    swapped = raw.length > 0 && raw.every(({ pair }) => isLat(pair[0]) && isLonIndonesia(pair[1]));
    ring = [];
    for (const { line, text: lineText, pair } of raw) {
      const [lon, lat] = swapped ? [pair[1], pair[0]] : pair;
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
        issues.push({ kind: 'out_of_range', line, text: lineText });
        continue;
      }
      ring.push([lon, lat]);
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1]);
  if (closed && first) ring.push([first[0], first[1]]);
  const distinct = new Set(ring.map(([x, y]) => `${x},${y}`)).size;
  if (distinct < 3) return { ok: false, issues: [{ kind: 'too_few_points', count: distinct }] };
  return { ok: true, ring, system, swapped, closed, points: distinct };
}
