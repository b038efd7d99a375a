import type { BoundaryIntersection, IndexedRing } from './findBoundaryIntersections.ts';
import { findBoundaryIntersections } from './findBoundaryIntersections.ts';
import type { LocalizedText, RingLabel } from './geometryProblemMessages.ts';
import { geometryMessages } from './geometryProblemMessages.ts';
import { normalizeAreaGeometry } from './normalizeAreaGeometry.ts';
import type { AreaGeometry, LinearRing, LonLat, Position } from './types.ts';

/** Stable machine-readable codes; clients branch on these, never on the message text. */
export type GeometryProblemReason =
  | 'not_polygon'
  | 'empty'
  | 'ring_not_closed'
  | 'ring_too_few_positions'
  | 'position_not_finite'
  | 'position_dimension'
  | 'lon_out_of_range'
  | 'lat_out_of_range'
  | 'self_intersection'
  | 'hole_outside_shell'
  | 'parts_overlap'
  | 'too_many_vertices';

export interface GeometryProblem {
  reason: GeometryProblemReason;
  /** JSON pointer into the geometry, e.g. `/coordinates/0/5` (ring 0, position 5). */
  path: string;
  /** Bahasa Indonesia first, English second. */
  message: LocalizedText;
  /** `[lon, lat]` near the problem, when there is one to show on the map. */
  position?: LonLat;
}

export interface ValidateAreaGeometryLimits {
  /** Most positions accepted over all rings (closing positions included). Default 10,000. */
  maxVertices?: number;
}

export type AreaGeometryValidation = { ok: true; geometry: AreaGeometry } | { ok: false; problems: GeometryProblem[] };

const DEFAULT_MAX_VERTICES = 10_000;
// A broken import can yield thousands of identical problems; the first ones are enough to act on.
const MAX_PROBLEMS = 50;
const MAX_INTERSECTIONS = 10;

/**
 * Checks that `input` is a valid GeoJSON Polygon or MultiPolygon for a parcel, and names every
 * problem (up to 50) with a stable reason, a JSON pointer and a bilingual message.
 *
 * Accepted: either ring winding, 3D positions (the altitude is dropped), repeated consecutive
 * positions. Refused: anything not a Polygon/MultiPolygon, empty geometries, unclosed rings, rings
 * with fewer than 4 positions (or fewer than 3 distinct ones), positions that are not 2 or 3 finite
 * numbers or are outside longitude/latitude ranges, boundaries that cross or overlap themselves or
 * each other, holes outside their exterior or nested in another hole, MultiPolygon parts that cover
 * each other, and more than `maxVertices` positions. Structural problems are reported first; the
 * topology is only examined once the coordinates themselves are sound.
 *
 * Topology follows the OGC simple-features rules that PostGIS `ST_IsValid` applies, in the
 * longitude/latitude plane (for parcel-sized edges the difference from geodesic edges is far below
 * a millimetre). On success the geometry is returned normalized: 2D positions, closed rings,
 * counter-clockwise exteriors and clockwise holes (RFC 7946).
 */
export function validateAreaGeometry(input: unknown, limits: ValidateAreaGeometryLimits = {}): AreaGeometryValidation {
  const maxVertices = limits.maxVertices ?? DEFAULT_MAX_VERTICES;
  const problems: GeometryProblem[] = [];
  const report = (problem: GeometryProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    report({ reason: 'not_polygon', path: '', message: geometryMessages.notPolygon(describe(input)) });
    return { ok: false, problems };
  }
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const received = typeof type === 'string' ? type : `object without a GeoJSON type (${describe(type)})`;
    report({ reason: 'not_polygon', path: '/type', message: geometryMessages.notPolygon(received) });
    return { ok: false, problems };
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    report({ reason: 'empty', path: '/coordinates', message: geometryMessages.empty() });
    return { ok: false, problems };
  }

  // Each polygon as [path, rings], so Polygon and MultiPolygon are walked alike.
  const polygons: { path: string; part: number | null; rings: unknown[] }[] = [];
  if (type === 'Polygon') {
    polygons.push({ path: '/coordinates', part: null, rings: coordinates });
  } else {
    coordinates.forEach((rings: unknown, part) => {
      if (!Array.isArray(rings) || rings.length === 0) {
        report({ reason: 'empty', path: `/coordinates/${part}`, message: geometryMessages.empty() });
      } else {
        polygons.push({ path: `/coordinates/${part}`, part, rings });
      }
    });
  }

  let vertices = 0;
  for (const polygon of polygons) {
    for (const ring of polygon.rings) vertices += Array.isArray(ring) ? ring.length : 0;
  }
  if (vertices > maxVertices) {
    // Checked before anything costly, so an oversized upload is refused at once.
    return {
      ok: false,
      problems: [
        {
          reason: 'too_many_vertices',
          path: '/coordinates',
          message: geometryMessages.tooManyVertices(vertices, maxVertices),
        },
      ],
    };
  }

  for (const polygon of polygons) {
    polygon.rings.forEach((ring, ringIndex) => {
      checkRing(ring, `${polygon.path}/${ringIndex}`, { ring: ringIndex, part: polygon.part }, report);
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const geometry = (
    type === 'Polygon'
      ? { type, coordinates: coordinates as LinearRing[] }
      : { type, coordinates: coordinates as LinearRing[][] }
  ) as AreaGeometry;
  // Topology on the input's own vertex order, so that every path points at the vertex as submitted.
  for (const problem of topologyProblems(geometry)) report(problem);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, geometry: normalizeAreaGeometry(geometry) };
}

/** Positions, ring size and closure of one ring (the structure, not the topology). */
function checkRing(ring: unknown, path: string, label: RingLabel, report: (problem: GeometryProblem) => void): void {
  if (!Array.isArray(ring)) {
    report({ reason: 'ring_too_few_positions', path, message: geometryMessages.ringTooFewPositions(label, 0, false) });
    return;
  }
  let sound = true;
  ring.forEach((position: unknown, index) => {
    const positionPath = `${path}/${index}`;
    if (!Array.isArray(position) || position.length < 2 || position.length > 3) {
      const numbers = Array.isArray(position) ? position.length : 0;
      report({
        reason: 'position_dimension',
        path: positionPath,
        message: geometryMessages.positionDimension(label, index, numbers),
      });
      sound = false;
      return;
    }
    if (!position.every((value) => typeof value === 'number' && Number.isFinite(value))) {
      report({
        reason: 'position_not_finite',
        path: positionPath,
        message: geometryMessages.positionNotFinite(label, index),
      });
      sound = false;
      return;
    }
    const [lon, lat] = position as [number, number];
    if (lon < -180 || lon > 180) {
      report({
        reason: 'lon_out_of_range',
        path: positionPath,
        message: geometryMessages.lonOutOfRange(label, index, lon),
      });
      sound = false;
    }
    if (lat < -90 || lat > 90) {
      report({
        reason: 'lat_out_of_range',
        path: positionPath,
        message: geometryMessages.latOutOfRange(label, index, lat),
      });
      sound = false;
    }
  });
  if (ring.length < 4) {
    report({
      reason: 'ring_too_few_positions',
      path,
      message: geometryMessages.ringTooFewPositions(label, ring.length, false),
    });
    return;
  }
  if (!sound) return;
  const positions = ring as Position[];
  const first = positions[0] as Position;
  const last = positions[positions.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    report({
      reason: 'ring_not_closed',
      path: `${path}/${positions.length - 1}`,
      message: geometryMessages.ringNotClosed(label),
      position: [last[0], last[1]],
    });
    return;
  }
  const distinct = indexRing(positions).sourceIndex.length;
  if (distinct < 3) {
    report({
      reason: 'ring_too_few_positions',
      path,
      message: geometryMessages.ringTooFewPositions(label, distinct, true),
    });
  }
}

/** Distinct consecutive vertices of a closed ring, without the closing repeat. */
function indexRing(ring: readonly (readonly number[])[]): IndexedRing {
  const sourceIndex: number[] = [];
  const coordinates: number[] = [];
  const count = ring.length - 1;
  for (let i = 0; i < count; i++) {
    const position = ring[i] as readonly number[];
    const x = position[0] as number;
    const y = position[1] as number;
    const previous = coordinates.length;
    if (previous > 0 && coordinates[previous - 2] === x && coordinates[previous - 1] === y) continue;
    coordinates.push(x, y);
    sourceIndex.push(i);
  }
  // The last vertex may repeat the first (a doubled closing position).
  while (
    sourceIndex.length > 1 &&
    coordinates[coordinates.length - 2] === coordinates[0] &&
    coordinates[coordinates.length - 1] === coordinates[1]
  ) {
    coordinates.length -= 2;
    sourceIndex.pop();
  }
  return { points: Float64Array.from(coordinates), sourceIndex };
}

/** Crossings, holes outside their exterior, nested holes and overlapping parts. */
function topologyProblems(geometry: AreaGeometry): GeometryProblem[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const multi = geometry.type === 'MultiPolygon';
  const rings: IndexedRing[] = [];
  const labels: (RingLabel & { path: string })[] = [];
  polygons.forEach((polygon, part) => {
    polygon.forEach((ring, ringIndex) => {
      rings.push(indexRing(ring));
      labels.push({
        ring: ringIndex,
        part: multi ? part : null,
        path: multi ? `/coordinates/${part}/${ringIndex}` : `/coordinates/${ringIndex}`,
      });
    });
  });

  const problems: GeometryProblem[] = [];
  const seen = new Set<string>();
  for (const hit of findBoundaryIntersections(rings, MAX_INTERSECTIONS)) {
    const key = `${hit.x},${hit.y}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(intersectionProblem(hit, labels));
  }
  // Containment is only meaningful once no boundary crosses another.
  if (problems.length > 0) return problems;

  let offset = 0;
  const parts = polygons.map((polygon) => {
    const indexed = rings.slice(offset, offset + polygon.length);
    offset += polygon.length;
    return indexed;
  });
  parts.forEach((partRings, part) => {
    const [exterior, ...holes] = partRings;
    if (exterior === undefined) return;
    holes.forEach((hole, h) => {
      const probe = pointOffBoundary(hole, [exterior]);
      if (probe === null) return;
      const [x, y] = probe;
      const label = { ring: h + 1, part: multi ? part : null };
      const path = multi ? `/coordinates/${part}/${h + 1}` : `/coordinates/${h + 1}`;
      if (locate(exterior, x, y) !== 'inside') {
        problems.push({
          reason: 'hole_outside_shell',
          path,
          message: geometryMessages.holeOutsideShell(label, x, y, false),
          position: [x, y],
        });
        return;
      }
      const container = holes.findIndex((other, o) => o !== h && locate(other, x, y) === 'inside');
      if (container >= 0) {
        problems.push({
          reason: 'hole_outside_shell',
          path,
          message: geometryMessages.holeOutsideShell(label, x, y, true),
          position: [x, y],
        });
      }
    });
  });
  if (multi) {
    for (let part = 0; part < parts.length; part++) {
      const exterior = parts[part]?.[0];
      if (exterior === undefined) continue;
      for (let other = 0; other < parts.length; other++) {
        const otherRings = parts[other];
        if (other === part || otherRings === undefined || otherRings[0] === undefined) continue;
        // With no crossings, a part either lies within another's area or is apart from it; one
        // vertex off the other's boundary tells which.
        const probe = pointOffBoundary(exterior, otherRings);
        if (probe === null || !insideArea(otherRings, probe[0], probe[1])) continue;
        problems.push({
          reason: 'parts_overlap',
          path: `/coordinates/${part}`,
          message: geometryMessages.partsOverlap(part, other, probe[0], probe[1]),
          position: probe,
        });
        break;
      }
    }
  }
  return problems;
}

function intersectionProblem(hit: BoundaryIntersection, labels: readonly { path: string }[]): GeometryProblem {
  const label = labels[hit.ring] as { path: string };
  return {
    reason: 'self_intersection',
    path: `${label.path}/${hit.vertex}`,
    message: geometryMessages.selfIntersection(hit.x, hit.y),
    position: [hit.x, hit.y],
  };
}

/** A vertex of `ring` that lies on none of the `others`' boundaries, or null. */
function pointOffBoundary(ring: IndexedRing, others: readonly IndexedRing[]): LonLat | null {
  for (let i = 0; i < ring.points.length; i += 2) {
    const x = ring.points[i] as number;
    const y = ring.points[i + 1] as number;
    if (others.every((other) => locate(other, x, y) !== 'boundary')) return [x, y];
  }
  return null;
}

/** Inside the exterior and in none of the holes. */
function insideArea(rings: readonly IndexedRing[], x: number, y: number): boolean {
  const [exterior, ...holes] = rings;
  if (exterior === undefined || locate(exterior, x, y) !== 'inside') return false;
  return holes.every((hole) => locate(hole, x, y) === 'outside');
}

/** Where a point lies relative to one ring: crossing-number test, with exact on-boundary detection. */
function locate(ring: IndexedRing, x: number, y: number): 'inside' | 'outside' | 'boundary' {
  const points = ring.points;
  const n = points.length / 2;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = points[2 * i] as number;
    const yi = points[2 * i + 1] as number;
    const xj = points[2 * j] as number;
    const yj = points[2 * j + 1] as number;
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    if (
      cross === 0 &&
      Math.min(xi, xj) <= x &&
      x <= Math.max(xi, xj) &&
      Math.min(yi, yj) <= y &&
      y <= Math.max(yi, yj)
    ) {
      return 'boundary';
    }
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
