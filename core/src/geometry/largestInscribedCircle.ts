import type { MetricPolygon } from './metricPolygons.ts';
import { isInsideRings, toMetricAreaGeometry } from './metricPolygons.ts';
import type { AreaGeometry } from './types.ts';

export interface LargestInscribedCircleOptions {
  /** The radius is found to within this many meters. Default 0.005 (half a centimetre). */
  precisionMeters?: number;
}

const DEFAULT_PRECISION_METERS = 0.005;
// Convex parcels up to this many vertices are solved exactly (see convexInradius).
const MAX_CONVEX_VERTICES = 12;
// Bounds the work on shapes with a long flat ridge (a 200 m strip), where thousands of cells along the
// ridge tie for best and each must shrink to the precision before it is discarded. Such a ridge is
// flat, so the best centre found by then is already exact; only the proof is cut short. Ordinary
// parcels need a few hundred cells.
const MAX_CELLS = 5_000;

/**
 * Radius in meters of the largest circle that fits inside the parcel (holes respected, best part of a
 * MultiPolygon). Twice this radius is the parcel's narrowest width at its widest point, a quick
 * "too narrow for any building" signal that does not depend on the footprint's shape.
 *
 * Computed in a local tangent plane (micrometre distortion). Convex parcels of up to 12 vertices
 * (most of them) are solved exactly from their side lines. Others go through the "pole of
 * inaccessibility" branch and bound (polylabel): square cells are bounded by the distance from their
 * centre to the boundary plus their half-diagonal, the most promising cell is split first, and the
 * search stops when no cell can beat the best centre by more than the precision.
 */
export function largestInscribedCircleRadiusMeters(
  geometry: AreaGeometry,
  options: LargestInscribedCircleOptions = {},
): number {
  const precision = options.precisionMeters ?? DEFAULT_PRECISION_METERS;
  if (!(precision > 0)) throw new RangeError(`precisionMeters must be positive, got ${precision}`);
  // One heap for all parts: a part that cannot beat the best circle found elsewhere is never refined.
  const heap = new CellHeap();
  let best = 0;
  for (const polygon of toMetricAreaGeometry(geometry).polygons) {
    const exterior = polygon.rings[0];
    if (exterior === undefined || exterior.length < 6) continue;
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < exterior.length; i += 2) {
      minX = Math.min(minX, exterior[i] as number);
      maxX = Math.max(maxX, exterior[i] as number);
      minY = Math.min(minY, exterior[i + 1] as number);
      maxY = Math.max(maxY, exterior[i + 1] as number);
    }
    // Most parcels are convex quadrilaterals: solve those exactly, and skip the cells.
    const exact = polygon.rings.length === 1 ? convexInradius(exterior) : null;
    if (exact !== null) {
      best = Math.max(best, exact);
      continue;
    }
    const size = Math.min(maxX - minX, maxY - minY);
    // A sliver narrower than twice the precision holds no circle worth measuring (and would need
    // an absurd number of cells to cover).
    if (!(size > 2 * precision)) continue;
    for (let x = minX; x < maxX; x += size) {
      for (let y = minY; y < maxY; y += size) heap.push(makeCell(polygon, x + size / 2, y + size / 2, size / 2));
    }
    best = Math.max(best, makeCell(polygon, (minX + maxX) / 2, (minY + maxY) / 2, 0).distance);
  }
  let cells = 0;
  while (heap.size > 0 && cells < MAX_CELLS) {
    const cell = heap.pop();
    if (cell.distance > best) best = cell.distance;
    // The heap is ordered by bound: nothing left can beat the best by more than the precision.
    if (cell.bound - best <= precision) break;
    const half = cell.half / 2;
    heap.push(makeCell(cell.polygon, cell.x - half, cell.y - half, half));
    heap.push(makeCell(cell.polygon, cell.x + half, cell.y - half, half));
    heap.push(makeCell(cell.polygon, cell.x - half, cell.y + half, half));
    heap.push(makeCell(cell.polygon, cell.x + half, cell.y + half, half));
    cells += 4;
  }
  return best;
}

interface Cell {
  polygon: MetricPolygon;
  x: number;
  y: number;
  half: number;
  /** Signed distance from the centre to the boundary (negative outside). */
  distance: number;
  /** No point of the cell is farther from the boundary than this. */
  bound: number;
}

function makeCell(polygon: MetricPolygon, x: number, y: number, half: number): Cell {
  const distance = signedDistance(polygon.rings, x, y);
  return { polygon, x, y, half, distance, bound: distance + half * Math.SQRT2 };
}

/**
 * Exact inradius of a small convex polygon without holes, or null when the ring is not convex or has
 * too many vertices. The largest circle in a convex polygon touches (at least) three of its side
 * lines, so it is the largest of the circles tangent to three side lines that stay inside all the
 * others: O(n⁴), trivial for the quadrilaterals and pentagons most parcels are.
 */
function convexInradius(ring: Float64Array): number | null {
  const n = ring.length / 2;
  if (n < 3 || n > MAX_CONVEX_VERTICES) return null;
  // Side lines as inward unit normals (nx, ny) and offsets k: inside means nx·x + ny·y ≥ k.
  const area = signedArea(ring);
  if (area === 0) return 0;
  const orientation = Math.sign(area);
  const nx: number[] = [];
  const ny: number[] = [];
  const k: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const l = (i + 2) % n;
    const ax = ring[2 * i] as number;
    const ay = ring[2 * i + 1] as number;
    const dx = (ring[2 * j] as number) - ax;
    const dy = (ring[2 * j + 1] as number) - ay;
    // Convex: every turn goes the way the ring winds.
    const turn = dx * ((ring[2 * l + 1] as number) - ay) - dy * ((ring[2 * l] as number) - ax);
    if (Math.sign(turn) === -orientation) return null;
    const length = Math.hypot(dx, dy);
    if (length === 0) continue;
    const ux = (-dy / length) * orientation;
    const uy = (dx / length) * orientation;
    nx.push(ux);
    ny.push(uy);
    k.push(ux * ax + uy * ay);
  }
  let best = 0;
  const m = nx.length;
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      for (let c = b + 1; c < m; c++) {
        // Solve n·(x, y) - r = k for the three lines (Cramer's rule).
        const rows = [a, b, c].map((i) => [nx[i] as number, ny[i] as number, -1, k[i] as number]);
        const [r0, r1, r2] = rows as [number[], number[], number[]];
        const det3 = (p: number[], q: number[], s: number[], col: number) => {
          const e = (row: number[], index: number) => (index === col ? (row[3] as number) : (row[index] as number));
          return (
            e(p, 0) * (e(q, 1) * e(s, 2) - e(q, 2) * e(s, 1)) -
            e(p, 1) * (e(q, 0) * e(s, 2) - e(q, 2) * e(s, 0)) +
            e(p, 2) * (e(q, 0) * e(s, 1) - e(q, 1) * e(s, 0))
          );
        };
        const det = det3(r0, r1, r2, -1);
        if (Math.abs(det) < 1e-12) continue;
        const x = det3(r0, r1, r2, 0) / det;
        const y = det3(r0, r1, r2, 1) / det;
        const r = det3(r0, r1, r2, 2) / det;
        if (!(r > best)) continue;
        let inside = true;
        for (let i = 0; i < m && inside; i++) {
          inside = (nx[i] as number) * x + (ny[i] as number) * y - r >= (k[i] as number) - 1e-9;
        }
        if (inside) best = r;
      }
    }
  }
  return best;
}

function signedArea(ring: Float64Array): number {
  const n = ring.length / 2;
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    twice +=
      (ring[2 * j] as number) * (ring[2 * i + 1] as number) - (ring[2 * i] as number) * (ring[2 * j + 1] as number);
  }
  return twice / 2;
}

function signedDistance(rings: readonly Float64Array[], x: number, y: number): number {
  let minSquared = Number.POSITIVE_INFINITY;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ax = ring[2 * j] as number;
      const ay = ring[2 * j + 1] as number;
      const dx = (ring[2 * i] as number) - ax;
      const dy = (ring[2 * i + 1] as number) - ay;
      const lengthSquared = dx * dx + dy * dy;
      let t = lengthSquared > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSquared : 0;
      t = t < 0 ? 0 : Math.min(t, 1);
      const ex = ax + t * dx - x;
      const ey = ay + t * dy - y;
      const squared = ex * ex + ey * ey;
      if (squared < minSquared) minSquared = squared;
    }
  }
  const distance = Math.sqrt(minSquared);
  return isInsideRings(rings, x, y) ? distance : -distance;
}

/** Max-heap of cells by bound. */
class CellHeap {
  private readonly items: Cell[] = [];

  get size(): number {
    return this.items.length;
  }

  push(cell: Cell): void {
    const items = this.items;
    items.push(cell);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if ((items[parent] as Cell).bound >= cell.bound) break;
      items[index] = items[parent] as Cell;
      index = parent;
    }
    items[index] = cell;
  }

  pop(): Cell {
    const items = this.items;
    const top = items[0] as Cell;
    const last = items.pop() as Cell;
    if (items.length > 0) {
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= items.length) break;
        const right = left + 1;
        const child = right < items.length && (items[right] as Cell).bound > (items[left] as Cell).bound ? right : left;
        if ((items[child] as Cell).bound <= last.bound) break;
        items[index] = items[child] as Cell;
        index = child;
      }
      items[index] = last;
    }
    return top;
  }
}
