import type { LocalProjection } from './localProjection.ts';
import { createLocalProjection } from './localProjection.ts';
import type { AreaGeometry } from './types.ts';
import { polygonsOf } from './types.ts';

/**
 * One polygon of an area geometry in a local metric plane: rings as flat `[x0, y0, x1, y1, …]`
 * arrays in meters, without the closing position. Ring 0 is the exterior, the others are holes.
 */
export interface MetricPolygon {
  rings: Float64Array[];
}

/** An area geometry moved into a local metric plane centred on it. */
export interface MetricAreaGeometry {
  projection: LocalProjection;
  polygons: MetricPolygon[];
}

/**
 * Projects every polygon of `geometry` into a local tangent plane at the centre of its bounding box.
 *
 * The bounding-box centre stands in for the centroid: any origin within a few hundred metres gives
 * the same shapes to micrometres (see `createLocalProjection`), and it cannot fall outside the data.
 */
export function toMetricAreaGeometry(geometry: AreaGeometry): MetricAreaGeometry {
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  const polygons = polygonsOf(geometry);
  for (const rings of polygons) {
    for (const position of rings[0] ?? []) {
      if (position[0] < minLon) minLon = position[0];
      if (position[0] > maxLon) maxLon = position[0];
      if (position[1] < minLat) minLat = position[1];
      if (position[1] > maxLat) maxLat = position[1];
    }
  }
  // An empty geometry has nothing to project; any origin will do.
  const origin = minLon <= maxLon && minLat <= maxLat ? [(minLon + maxLon) / 2, (minLat + maxLat) / 2] : [0, 0];
  const projection = createLocalProjection(origin);
  return {
    projection,
    polygons: polygons.map((rings) => ({
      rings: rings.map((ring) => {
        let count = ring.length;
        const first = ring[0];
        const last = ring[count - 1];
        if (count > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1]) {
          count--;
        }
        const flat = new Float64Array(count * 2);
        for (let i = 0; i < count; i++) {
          const position = ring[i];
          if (position === undefined) continue;
          const [x, y] = projection.toLocalMeters(position);
          flat[2 * i] = x;
          flat[2 * i + 1] = y;
        }
        return flat;
      }),
    })),
  };
}

/** Signed shoelace area of a flat ring, positive when counter-clockwise. */
export function signedRingArea(ring: Float64Array): number {
  const n = ring.length / 2;
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    twice += (ring[2 * j] ?? 0) * (ring[2 * i + 1] ?? 0) - (ring[2 * i] ?? 0) * (ring[2 * j + 1] ?? 0);
  }
  return twice / 2;
}

/** Planar area of a metric polygon (exterior minus holes), in square meters. */
export function metricPolygonArea(polygon: MetricPolygon): number {
  let area = 0;
  polygon.rings.forEach((ring, index) => {
    const ringArea = Math.abs(signedRingArea(ring));
    area += index === 0 ? ringArea : -ringArea;
  });
  return area;
}

/**
 * Even-odd point-in-polygon test over all rings (so holes count as outside). Points exactly on the
 * boundary may go either way; callers that care keep a margin from the boundary.
 */
export function isInsideRings(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = ring[2 * i] ?? 0;
      const yi = ring[2 * i + 1] ?? 0;
      const xj = ring[2 * j] ?? 0;
      const yj = ring[2 * j + 1] ?? 0;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Convex hull (Andrew's monotone chain) of the exterior ring, counter-clockwise, as a flat array. */
export function convexHull(points: Float64Array): Float64Array {
  const n = points.length / 2;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(
    (a, b) => (points[2 * a] ?? 0) - (points[2 * b] ?? 0) || (points[2 * a + 1] ?? 0) - (points[2 * b + 1] ?? 0),
  );
  const hull: number[] = [];
  const cross = (o: number, a: number, b: number) => {
    const ox = points[2 * o] ?? 0;
    const oy = points[2 * o + 1] ?? 0;
    return (
      ((points[2 * a] ?? 0) - ox) * ((points[2 * b + 1] ?? 0) - oy) -
      ((points[2 * a + 1] ?? 0) - oy) * ((points[2 * b] ?? 0) - ox)
    );
  };
  const build = (indices: number[]) => {
    const chain: number[] = [];
    for (const index of indices) {
      while (chain.length >= 2 && cross(chain[chain.length - 2] ?? 0, chain[chain.length - 1] ?? 0, index) <= 0) {
        chain.pop();
      }
      chain.push(index);
    }
    chain.pop();
    return chain;
  };
  hull.push(...build(order), ...build(order.slice().reverse()));
  const flat = new Float64Array(hull.length * 2);
  hull.forEach((index, k) => {
    flat[2 * k] = points[2 * index] ?? 0;
    flat[2 * k + 1] = points[2 * index + 1] ?? 0;
  });
  return flat;
}
