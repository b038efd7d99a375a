import { createLocalProjection } from '../../../src/geometry/localProjection.ts';
import type { AreaGeometry, LonLat, MultiPolygonGeometry, PolygonGeometry } from '../../../src/geometry/types.ts';
import { polygonsOf } from '../../../src/geometry/types.ts';

/** A point in Bekasi (Kota Bekasi, Jawa Barat), where Tapak's first parcels are. */
export const BEKASI: LonLat = [107.0, -6.24];

export type MetricRing = [number, number][];

/** Rectangle of `width` (along x before rotation) × `depth`, centred on `center`, turned counter-clockwise. */
export function rectangle(
  width: number,
  depth: number,
  rotationDegrees = 0,
  center: [number, number] = [0, 0],
): MetricRing {
  return rotate(
    [
      [-width / 2, -depth / 2],
      [width / 2, -depth / 2],
      [width / 2, depth / 2],
      [-width / 2, depth / 2],
    ],
    rotationDegrees,
  ).map(([x, y]) => [x + center[0], y + center[1]]);
}

/** Regular polygon with `sides` vertices on a circle of `radius` (its circumradius). */
export function regularPolygon(radius: number, sides: number, center: [number, number] = [0, 0]): MetricRing {
  return Array.from({ length: sides }, (_, i) => {
    const angle = (2 * Math.PI * i) / sides;
    return [center[0] + radius * Math.cos(angle), center[1] + radius * Math.sin(angle)] as [number, number];
  });
}

export function rotate(ring: MetricRing, degrees: number): MetricRing {
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return ring.map(([x, y]) => [x * cos - y * sin, x * sin + y * cos]);
}

export function translate(ring: MetricRing, dx: number, dy: number): MetricRing {
  return ring.map(([x, y]) => [x + dx, y + dy]);
}

/** A metric ring (any winding) as a closed `[lon, lat]` ring on the plane tangent at `origin`. */
export function toLonLatRing(ring: MetricRing, origin: LonLat = BEKASI): LonLat[] {
  const projection = createLocalProjection(origin);
  const positions = ring.map((point) => projection.toLonLat(point));
  positions.push([...(positions[0] as LonLat)]);
  return positions;
}

/** A Polygon from metric rings (exterior first), placed at `origin`. */
export function metricPolygon(rings: MetricRing[], origin: LonLat = BEKASI): PolygonGeometry {
  return { type: 'Polygon', coordinates: rings.map((ring) => toLonLatRing(ring, origin)) };
}

/** A MultiPolygon from metric polygons (each `[exterior, ...holes]`), placed at `origin`. */
export function metricMultiPolygon(polygons: MetricRing[][], origin: LonLat = BEKASI): MultiPolygonGeometry {
  return {
    type: 'MultiPolygon',
    coordinates: polygons.map((rings) => rings.map((ring) => toLonLatRing(ring, origin))),
  };
}

/**
 * Independent check that `footprint` lies inside `parcel`, deliberately different from the code under
 * test: points every 2 cm along the footprint's outline must be inside the parcel (even-odd over all
 * rings, in a fresh tangent plane), and no parcel vertex may lie inside the footprint shrunk by
 * `toleranceMeters`. Returns the first violation, or null.
 */
export function footprintViolation(
  parcel: AreaGeometry,
  footprint: PolygonGeometry,
  toleranceMeters = 0.002,
): string | null {
  const projection = createLocalProjection(footprint.coordinates[0]?.[0] ?? BEKASI);
  const corners = (footprint.coordinates[0] ?? []).slice(0, 4).map((p) => projection.toLocalMeters(p));
  const rings = polygonsOf(parcel).flatMap((polygon) =>
    polygon.map((ring) => ring.map((p) => projection.toLocalMeters(p))),
  );
  const center = corners.reduce(([sx, sy], [x, y]) => [sx + x / 4, sy + y / 4], [0, 0]);
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = corners[k] as [number, number];
    const [bx, by] = corners[(k + 1) % 4] as [number, number];
    const steps = Math.ceil(Math.hypot(bx - ax, by - ay) / 0.02);
    for (let s = 0; s <= steps; s++) {
      // Pull each sample towards the centre by the tolerance, so touching the boundary is allowed.
      let x = ax + ((bx - ax) * s) / steps;
      let y = ay + ((by - ay) * s) / steps;
      const distance = Math.hypot(center[0] - x, center[1] - y);
      x += ((center[0] - x) / distance) * toleranceMeters;
      y += ((center[1] - y) / distance) * toleranceMeters;
      if (!insideEvenOdd(rings, x, y))
        return `footprint outline point (${x.toFixed(3)}, ${y.toFixed(3)}) is outside the parcel`;
    }
  }
  const shrunk = corners.map(([x, y]) => {
    const distance = Math.hypot(center[0] - x, center[1] - y);
    return [x + ((center[0] - x) / distance) * toleranceMeters, y + ((center[1] - y) / distance) * toleranceMeters];
  });
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (insideEvenOdd([shrunk], x, y))
        return `parcel vertex (${x.toFixed(3)}, ${y.toFixed(3)}) is inside the footprint`;
    }
  }
  return null;
}

function insideEvenOdd(rings: readonly (readonly (readonly number[])[])[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
