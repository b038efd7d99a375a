import { isInsideRings } from './metricPolygons.ts';

/** A rectangle in a metric plane: centre, unit direction of its width, and full side lengths. */
export interface MetricRectangle {
  centerX: number;
  centerY: number;
  /** Direction of the width side, radians counter-clockwise from east. */
  rotationRadians: number;
  width: number;
  depth: number;
}

/**
 * Exact containment check of a rectangle in a polygon with holes (metric rings as flat arrays):
 * all four corners inside, and no boundary edge meeting the rectangle's interior. Touching the
 * boundary is allowed. Edges are tested with the separating axis theorem (the rectangle's two axes
 * and the edge's normal), which has no blind spots for a convex shape against a segment.
 *
 * This is independent of the search that proposed the rectangle, so `fitFootprint` only reports a
 * fit that this check confirms.
 */
export function polygonContainsRectangle(rings: readonly Float64Array[], rectangle: MetricRectangle): boolean {
  const ux = Math.cos(rectangle.rotationRadians);
  const uy = Math.sin(rectangle.rotationRadians);
  const halfU = rectangle.width / 2;
  const halfV = rectangle.depth / 2;
  const cx = rectangle.centerX;
  const cy = rectangle.centerY;
  for (const [su, sv] of [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ] as const) {
    const x = cx + su * halfU * ux - sv * halfV * uy;
    const y = cy + su * halfU * uy + sv * halfV * ux;
    if (!isInsideRings(rings, x, y)) return false;
  }
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const px = (ring[2 * j] as number) - cx;
      const py = (ring[2 * j + 1] as number) - cy;
      const qx = (ring[2 * i] as number) - cx;
      const qy = (ring[2 * i + 1] as number) - cy;
      // Axis of the width.
      const pu = px * ux + py * uy;
      const qu = qx * ux + qy * uy;
      if (Math.max(pu, qu) <= -halfU || Math.min(pu, qu) >= halfU) continue;
      // Axis of the depth.
      const pv = py * ux - px * uy;
      const qv = qy * ux - qx * uy;
      if (Math.max(pv, qv) <= -halfV || Math.min(pv, qv) >= halfV) continue;
      // Normal of the edge.
      const ex = qx - px;
      const ey = qy - py;
      const length = Math.hypot(ex, ey);
      if (length === 0) continue;
      const nx = -ey / length;
      const ny = ex / length;
      const distance = Math.abs(px * nx + py * ny);
      const reach = halfU * Math.abs(ux * nx + uy * ny) + halfV * Math.abs(ux * ny - uy * nx);
      if (distance >= reach) continue;
      return false;
    }
  }
  return true;
}
