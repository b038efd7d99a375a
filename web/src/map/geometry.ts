import type { MultiPolygon, Position } from 'geojson';

// Small planar helpers on lon/lat degrees. Kota Bekasi spans a few kilometres near the equator, so
// treating degrees as a plane distorts by well under 1 %: fine for label placement and outlines,
// never used for areas (those come from the server, computed on the ellipsoid).

export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export function emptyBBox(): BBox {
  return [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
}

export function extendBBox(box: BBox, geometry: MultiPolygon): BBox {
  for (const polygon of geometry.coordinates) {
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon === undefined || lat === undefined) continue;
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

export function isValidBBox(box: BBox): boolean {
  return box.every(Number.isFinite) && box[0] <= box[2] && box[1] <= box[3];
}

export function bboxOf(geometry: MultiPolygon): BBox {
  return extendBBox(emptyBBox(), geometry);
}

function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    const [ax, ay] = a as [number, number];
    const [bx, by] = b as [number, number];
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside;
}

/** Even-odd test over every ring, so holes are outside. */
export function multiPolygonContains(geometry: MultiPolygon, x: number, y: number): boolean {
  for (const polygon of geometry.coordinates) {
    let inside = false;
    for (const ring of polygon) if (ringContains(ring, x, y)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

function segmentDistanceSq(px: number, py: number, a: Position, b: Position): number {
  let [x, y] = a as [number, number];
  let dx = (b[0] as number) - x;
  let dy = (b[1] as number) - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0] as number;
      y = b[1] as number;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Signed distance from a point to a polygon's outline: positive inside. */
function signedDistance(x: number, y: number, polygon: Position[][]): number {
  let inside = false;
  let min = Number.POSITIVE_INFINITY;
  for (const ring of polygon) {
    if (ringContains(ring, x, y)) inside = !inside;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      min = Math.min(min, segmentDistanceSq(x, y, ring[i] as Position, ring[j] as Position));
    }
  }
  return (inside ? 1 : -1) * Math.sqrt(min);
}

type Cell = { x: number; y: number; h: number; d: number; max: number };

function makeCell(x: number, y: number, h: number, polygon: Position[][]): Cell {
  const d = signedDistance(x, y, polygon);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as [number, number];
    const b = ring[j] as [number, number];
    sum += (b[0] - a[0]) * (b[1] + a[1]);
  }
  return Math.abs(sum / 2);
}

/**
 * The pole of inaccessibility (the inside point farthest from the outline), where a label reads best
 * even in a crescent-shaped kelurahan whose centroid falls outside it. Grid refinement after
 * Agafonkin's polylabel; `precision` in degrees (1e-5 ≈ 1 m).
 */
export function labelPoint(geometry: MultiPolygon, precision = 1e-5): [number, number] | null {
  // The largest part carries the label: a kelurahan split by a river is still one name.
  let polygon: Position[][] | undefined;
  let bestArea = -1;
  for (const candidate of geometry.coordinates) {
    const area = ringArea(candidate[0] ?? []);
    if (area > bestArea) {
      bestArea = area;
      polygon = candidate;
    }
  }
  const outer = polygon?.[0];
  if (!polygon || !outer || outer.length < 4) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of outer as [number, number][]) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const cellSize = Math.min(maxX - minX, maxY - minY);
  if (cellSize === 0) return [minX, minY];
  const queue: Cell[] = [];
  const half = cellSize / 2;
  for (let x = minX; x < maxX; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) queue.push(makeCell(x + half, y + half, half, polygon));
  }
  let best = makeCell((minX + maxX) / 2, (minY + maxY) / 2, 0, polygon);
  // Kota Bekasi's polygons are small; a sorted array is simpler than a heap and fast enough.
  for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
    queue.sort((a, b) => a.max - b.max);
    const cell = queue.pop() as Cell;
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const h = cell.h / 2;
    queue.push(
      makeCell(cell.x - h, cell.y - h, h, polygon),
      makeCell(cell.x + h, cell.y - h, h, polygon),
      makeCell(cell.x - h, cell.y + h, h, polygon),
      makeCell(cell.x + h, cell.y + h, h, polygon),
    );
  }
  return [best.x, best.y];
}
