import type { MetricPolygon } from './metricPolygons.ts';

/**
 * A placement of a grown rectangle found by {@link RectangleSearch}, in the rotated frame.
 *
 * The rectangle of size `(width + growth) × (depth + growth)` centred on `(centerX, centerY)` lies inside
 * the polygon, so the requested `width × depth` rectangle at the same centre keeps `growth / 2` of
 * clearance on every side.
 */
export interface RectanglePlacement {
  rotationRadians: number;
  growthMeters: number;
  centerX: number;
  centerY: number;
}

// Cells of candidate centres narrower than this are not split further: below a tenth of a millimetre
// the only differences left are rounding noise.
const MIN_CELL_METERS = 1e-4;
// Edges are stored as [leftX, leftY, rightX, rightY, slope].
const EDGE_STRIDE = 5;
// Hard stop against pathological inputs; ordinary parcels need a few dozen strip scans per rotation.
const MAX_SCANS_PER_ROTATION = 4_000;

/**
 * Decides, for one polygon (with holes) and one rotation at a time, where a `width × depth` rectangle
 * can sit, and how much both of its sides could still grow.
 *
 * The polygon is rotated by `-θ`, so the rectangle becomes axis-aligned: its width along x, its depth
 * along y. The core primitive is {@link freeGap}: for a vertical strip `x1 < x < x2`, every polygon edge
 * that enters the open strip blocks the y-range it covers there; the gaps between blocked ranges hold
 * no boundary at all, so each gap is entirely inside or entirely outside the polygon (decided by the
 * parity of the edges crossing the strip's centre line below it). A rectangle `[x1, x2] × [y, y + h]`
 * fits exactly when one inside gap is at least `h` tall. No sampling is involved: the answer for a
 * given strip is exact up to floating-point rounding. Edges are grouped in blocks of consecutive
 * edges of one ring; a block is a connected chain, so when it lies wholly inside the strip (and off
 * its centre line) it blocks exactly the y-range it spans, and the scan handles it as one range. Only
 * the few blocks cut by the strip's sides or centre line are taken edge by edge: a scan costs about
 * √n rather than n, which is what keeps 1,000-vertex parcels fast.
 *
 * Over the horizontal position, {@link improve} runs a branch and bound on the rectangle's centre x.
 * For a cell of centres `[a, b]`, every rectangle centred in the cell contains the "core" strip
 * `[b - w/2, a + w/2]`, so if the core has no inside gap of height `h`, no centre in the cell works and
 * the cell is discarded; otherwise the cell's middle is tried and the cell is halved. When a centre
 * works, the growth at that centre is maximised by bisection and the target rises. This is what makes
 * the search exact to a fraction of a millimetre for a given rotation, where a grid of sample
 * positions would only be exact to its spacing.
 */
export class RectangleSearch {
  readonly width: number;
  readonly depth: number;
  private readonly source: Float64Array;
  private readonly edges: Float64Array;
  private readonly edgeCount: number;
  /** First edge of each block, plus the total edge count at the end. */
  private readonly blockStart: Int32Array;
  /** Per block, in the rotated frame: [minX, maxX, minY, maxY]. */
  private readonly blocks: Float64Array;
  private readonly hull: Float64Array;
  private blockedLow = new Float64Array(64);
  private blockedHigh = new Float64Array(64);
  private crossings = new Float64Array(64);
  private bucketDelta = new Int32Array(64);
  private bucketTop = new Float64Array(64);
  private bucketBottom = new Float64Array(64);
  private order: number[] = [];
  private cos = 1;
  private sin = 0;
  private rotation = 0;
  minX = 0;
  maxX = 0;
  minY = 0;
  maxY = 0;
  /** Top of the gap found by the last successful {@link freeGap}. */
  gapTop = Number.NaN;
  /** Number of strip scans so far, the cost measure for budgets, tests and benchmarks. */
  scans = 0;
  /** After {@link improve}: no placement at this rotation reaches this growth. */
  upperBound = Number.POSITIVE_INFINITY;

  constructor(polygon: MetricPolygon, hull: Float64Array, width: number, depth: number) {
    this.width = width;
    this.depth = depth;
    this.hull = hull;
    let count = 0;
    for (const ring of polygon.rings) count += ring.length / 2;
    this.edgeCount = count;
    this.source = new Float64Array(count * 4);
    this.edges = new Float64Array(count * EDGE_STRIDE);
    let k = 0;
    // A scan handles whole blocks off the strip's three lines, and edge by edge the few blocks that
    // straddle one: about √(edges / 3) edges per block balances the two costs.
    const blockEdges = Math.max(4, Math.round(Math.sqrt(count / 3)));
    const blockStarts: number[] = [];
    let edge = 0;
    for (const ring of polygon.rings) {
      const n = ring.length / 2;
      for (let i = 0; i < n; i++) {
        const j = i + 1 === n ? 0 : i + 1;
        this.source[k++] = ring[2 * i] as number;
        this.source[k++] = ring[2 * i + 1] as number;
        this.source[k++] = ring[2 * j] as number;
        this.source[k++] = ring[2 * j + 1] as number;
        // Blocks are runs of consecutive edges of one ring, so each block is a connected chain.
        if (i % blockEdges === 0) blockStarts.push(edge);
        edge++;
      }
    }
    blockStarts.push(edge);
    this.blockStart = Int32Array.from(blockStarts);
    this.blocks = new Float64Array((blockStarts.length - 1) * 4);
    this.ensureCapacity(count);
  }

  /**
   * An upper bound on the growth at rotation `θ`, from the convex hull's extent alone: the rectangle
   * cannot be wider than the polygon's shadow on either axis. O(hull size), used to skip rotations.
   */
  growthUpperBound(rotationRadians: number): number {
    const cos = Math.cos(rotationRadians);
    const sin = Math.sin(rotationRadians);
    const hull = this.hull;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < hull.length; i += 2) {
      const x = hull[i] as number;
      const y = hull[i + 1] as number;
      const u = x * cos + y * sin;
      const v = y * cos - x * sin;
      if (u < minX) minX = u;
      if (u > maxX) maxX = u;
      if (v < minY) minY = v;
      if (v > maxY) maxY = v;
    }
    return Math.min(maxX - minX - this.width, maxY - minY - this.depth);
  }

  /** Rotates the polygon by `-θ`, so that direction `θ` (counter-clockwise from east) becomes +x. */
  setRotation(rotationRadians: number): void {
    this.rotation = rotationRadians;
    this.cos = Math.cos(rotationRadians);
    this.sin = Math.sin(rotationRadians);
    const { cos, sin, source, edges, blocks, blockStart } = this;
    let minX = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    for (let block = 0; block + 1 < blockStart.length; block++) {
      let blockMinX = Number.POSITIVE_INFINITY;
      let blockMaxX = Number.NEGATIVE_INFINITY;
      let blockMinY = Number.POSITIVE_INFINITY;
      let blockMaxY = Number.NEGATIVE_INFINITY;
      const end = blockStart[block + 1] as number;
      for (let edge = blockStart[block] as number; edge < end; edge++) {
        const k = 4 * edge;
        const e = EDGE_STRIDE * edge;
        const ax = (source[k] as number) * cos + (source[k + 1] as number) * sin;
        const ay = (source[k + 1] as number) * cos - (source[k] as number) * sin;
        const bx = (source[k + 2] as number) * cos + (source[k + 3] as number) * sin;
        const by = (source[k + 3] as number) * cos - (source[k + 2] as number) * sin;
        // Store each edge left to right, which the strip scan relies on, with its slope (0 when
        // vertical) so the scan never divides.
        if (ax <= bx) {
          edges[e] = ax;
          edges[e + 1] = ay;
          edges[e + 2] = bx;
          edges[e + 3] = by;
        } else {
          edges[e] = bx;
          edges[e + 1] = by;
          edges[e + 2] = ax;
          edges[e + 3] = ay;
        }
        edges[e + 4] = ax === bx ? 0 : (by - ay) / (bx - ax);
        if (ax < blockMinX) blockMinX = ax;
        if (ax > blockMaxX) blockMaxX = ax;
        if (ay < blockMinY) blockMinY = ay;
        if (ay > blockMaxY) blockMaxY = ay;
        if (bx < blockMinX) blockMinX = bx;
        if (bx > blockMaxX) blockMaxX = bx;
        if (by < blockMinY) blockMinY = by;
        if (by > blockMaxY) blockMaxY = by;
      }
      blocks[4 * block] = blockMinX;
      blocks[4 * block + 1] = blockMaxX;
      blocks[4 * block + 2] = blockMinY;
      blocks[4 * block + 3] = blockMaxY;
      if (blockMinX < minX) minX = blockMinX;
      if (blockMaxX > maxX) maxX = blockMaxX;
      if (blockMinY < minY) minY = blockMinY;
      if (blockMaxY > maxY) maxY = blockMaxY;
    }
    this.minX = minX;
    this.maxX = maxX;
    this.minY = minY;
    this.maxY = maxY;
  }

  /**
   * Finds an inside gap at least `minHeight` tall in the open vertical strip `x1 < x < x2` of the
   * rotated polygon. Returns the gap's bottom y (and sets {@link gapTop}), or NaN when there is none.
   * Edges that only touch the strip's sides are ignored: the rectangle may touch the boundary.
   *
   * One pass over the edges, O(edges + buckets): the polygon's y-range is cut into buckets half the
   * wanted height, so every gap tall enough contains a whole bucket that no blocked range touches;
   * the gap's exact ends are then the highest top in the bucket below and the lowest bottom in the
   * bucket above. This is the hot loop of the whole footprint search, hence the flat typed arrays.
   */
  freeGap(x1: number, x2: number, minHeight: number): number {
    this.scans++;
    if (!(minHeight > 0)) return Number.NaN;
    const bucketSize = minHeight / 2;
    const buckets = Math.floor((this.maxY - this.minY) / bucketSize) + 1;
    if (buckets > 4 * this.edgeCount + 64) return this.gapBySorting(x1, x2, minHeight);
    if (this.bucketDelta.length < buckets + 1) this.growBuckets(buckets + 1);
    const { edges, crossings, bucketDelta: delta, bucketTop: top, bucketBottom: bottom } = this;
    // Plain loops: TypedArray#fill costs more than the whole scan for a handful of buckets.
    for (let b = 0; b < buckets; b++) {
      delta[b] = 0;
      top[b] = Number.NEGATIVE_INFINITY;
      bottom[b] = Number.POSITIVE_INFINITY;
    }
    delta[buckets] = 0;
    const origin = this.minY;
    const perBucket = 1 / bucketSize;
    const lastBucket = buckets - 1;
    const middle = (x1 + x2) / 2;
    let blocked = 0;
    let crossingCount = 0;
    const { blocks, blockStart } = this;
    const blockCount = blockStart.length - 1;
    for (let block = 0; block < blockCount; block++) {
      const blockMinX = blocks[4 * block] as number;
      const blockMaxX = blocks[4 * block + 1] as number;
      if (blockMaxX <= x1 || blockMinX >= x2) continue;
      if (blockMinX > x1 && blockMaxX < x2 && (blockMaxX <= middle || blockMinX > middle)) {
        // The whole chain lies inside the strip and off its centre line: being connected, it blocks
        // exactly the y-range it spans. One range instead of one per edge.
        const lo = blocks[4 * block + 2] as number;
        const hi = blocks[4 * block + 3] as number;
        let first = Math.floor((lo - origin) * perBucket);
        let last = Math.floor((hi - origin) * perBucket);
        if (first < 0) first = 0;
        else if (first > lastBucket) first = lastBucket;
        if (last < first) last = first;
        else if (last > lastBucket) last = lastBucket;
        delta[first] = (delta[first] as number) + 1;
        delta[last + 1] = (delta[last + 1] as number) - 1;
        if (hi > (top[last] as number)) top[last] = hi;
        if (lo < (bottom[first] as number)) bottom[first] = lo;
        blocked++;
        continue;
      }
      const end = (blockStart[block + 1] as number) * EDGE_STRIDE;
      for (let k = (blockStart[block] as number) * EDGE_STRIDE; k < end; k += EDGE_STRIDE) {
        const ax = edges[k] as number;
        const bx = edges[k + 2] as number;
        if (bx <= x1 || ax >= x2) continue;
        const ay = edges[k + 1] as number;
        const by = edges[k + 3] as number;
        const slope = edges[k + 4] as number;
        // Clip to the strip (a vertical edge inside it is never clipped).
        const ya = ax < x1 ? ay + (x1 - ax) * slope : ay;
        const yb = bx > x2 ? by - (bx - x2) * slope : by;
        // Half-open rule, so a vertex on the centre line is counted once (vertical edges never count).
        if (ax <= middle && middle < bx) crossings[crossingCount++] = ay + (middle - ax) * slope;
        const lo = Math.min(ya, yb);
        const hi = Math.max(ya, yb);
        let first = Math.floor((lo - origin) * perBucket);
        let last = Math.floor((hi - origin) * perBucket);
        // Clipping can overshoot the polygon's y-range by a rounding error.
        if (first < 0) first = 0;
        else if (first > lastBucket) first = lastBucket;
        if (last < first) last = first;
        else if (last > lastBucket) last = lastBucket;
        delta[first] = (delta[first] as number) + 1;
        delta[last + 1] = (delta[last + 1] as number) - 1;
        if (hi > (top[last] as number)) top[last] = hi;
        if (lo < (bottom[first] as number)) bottom[first] = lo;
        blocked++;
      }
    }
    // Nothing enters the strip: it is entirely outside the (bounded) polygon.
    if (blocked === 0) return Number.NaN;
    let coverage = 0;
    let runStart = -1;
    let touched = false;
    for (let b = 0; b < buckets; b++) {
      coverage += delta[b] as number;
      if (coverage === 0) {
        if (runStart < 0) runStart = b;
        continue;
      }
      // Untouched buckets below the lowest blocked range are outside the polygon, not a gap.
      if (runStart >= 0 && touched) {
        const gapLow = top[runStart - 1] as number;
        const gapHigh = bottom[b] as number;
        if (gapHigh - gapLow >= minHeight && this.isInsideGap(crossingCount, gapLow, gapHigh)) {
          this.gapTop = gapHigh;
          return gapLow;
        }
      }
      touched = true;
      runStart = -1;
    }
    return Number.NaN;
  }

  /**
   * Fallback of {@link freeGap} when the wanted height is tiny compared to the polygon (too many
   * buckets): collect the blocked ranges, sort them and walk up through the gaps.
   */
  private gapBySorting(x1: number, x2: number, minHeight: number): number {
    const { edges, blockedLow, blockedHigh, crossings } = this;
    const middle = (x1 + x2) / 2;
    let blocked = 0;
    let crossingCount = 0;
    for (let k = 0; k < edges.length; k += EDGE_STRIDE) {
      const ax = edges[k] as number;
      const bx = edges[k + 2] as number;
      if (bx <= x1 || ax >= x2) continue;
      const ay = edges[k + 1] as number;
      const by = edges[k + 3] as number;
      const slope = edges[k + 4] as number;
      const ya = ax < x1 ? ay + (x1 - ax) * slope : ay;
      const yb = bx > x2 ? by - (bx - x2) * slope : by;
      if (ax <= middle && middle < bx) crossings[crossingCount++] = ay + (middle - ax) * slope;
      blockedLow[blocked] = Math.min(ya, yb);
      blockedHigh[blocked] = Math.max(ya, yb);
      blocked++;
    }
    if (blocked === 0) return Number.NaN;
    const order = this.order;
    order.length = blocked;
    for (let i = 0; i < blocked; i++) order[i] = i;
    order.sort((a, b) => (blockedLow[a] as number) - (blockedLow[b] as number));
    let reach = blockedHigh[order[0] as number] as number;
    for (let r = 1; r < blocked; r++) {
      const i = order[r] as number;
      const lo = blockedLow[i] as number;
      if (lo - reach >= minHeight && this.isInsideGap(crossingCount, reach, lo)) {
        this.gapTop = lo;
        return reach;
      }
      const hi = blockedHigh[i] as number;
      if (hi > reach) reach = hi;
    }
    return Number.NaN;
  }

  /** Even-odd rule along the strip's centre line: an odd number of crossings below means inside. */
  private isInsideGap(crossingCount: number, gapLow: number, gapHigh: number): boolean {
    const level = (gapLow + gapHigh) / 2;
    const crossings = this.crossings;
    let below = 0;
    for (let i = 0; i < crossingCount; i++) if ((crossings[i] as number) < level) below++;
    return below % 2 === 1;
  }

  /**
   * Searches the current rotation for a placement whose growth is at least `targetGrowth`, and
   * returns the best one found (growth maximised to within `tolerance`), or null when the target is
   * out of reach here. Either way {@link upperBound} is left at a growth no placement at this
   * rotation reaches. The caller raises the target between rotations, so most rotations are
   * rejected after a handful of strip scans. With `firstOnly`, it only answers whether the target is
   * reachable: the first placement found is returned as is, with growth exactly `targetGrowth`.
   */
  improve(targetGrowth: number, tolerance: number, firstOnly = false): RectanglePlacement | null {
    let best: RectanglePlacement | null = null;
    let target = targetGrowth;
    let w = this.width + target;
    let h = this.depth + target;
    const extentBound = Math.min(this.maxX - this.minX - this.width, this.maxY - this.minY - this.depth);
    this.upperBound = extentBound;
    if (extentBound < target) return null;
    // Cells of candidate centre x, as a flat FIFO queue of [from, to] pairs: breadth first, so coarse
    // positions all over the polygon are tried (and raise the target) before any cell is refined.
    const queue: number[] = [];
    let head = 0;
    const from = this.minX + w / 2;
    const to = this.maxX - w / 2;
    const pieces = Math.max(1, Math.ceil((to - from) / (w / 2)));
    for (let i = 0; i < pieces; i++) {
      queue.push(from + ((to - from) * i) / pieces, from + ((to - from) * (i + 1)) / pieces);
    }
    const scanLimit = this.scans + MAX_SCANS_PER_ROTATION;
    while (head < queue.length && this.scans < scanLimit) {
      const cellFrom = queue[head++] as number;
      const cellTo = queue[head++] as number;
      // The target may have risen since the cell was queued: the rectangle is wider, so fewer centres fit.
      const a = Math.max(cellFrom, this.minX + w / 2);
      const b = Math.min(cellTo, this.maxX - w / 2);
      if (a > b) continue;
      if (b > a && Number.isNaN(this.freeGap(b - w / 2, a + w / 2, h))) continue;
      const middle = (a + b) / 2;
      const gapLow = this.freeGap(middle - w / 2, middle + w / 2, h);
      if (!Number.isNaN(gapLow)) {
        if (firstOnly) {
          this.upperBound = extentBound;
          return {
            rotationRadians: this.rotation,
            growthMeters: target,
            centerX: middle,
            centerY: (gapLow + this.gapTop) / 2,
          };
        }
        best = this.growAt(middle, target, tolerance);
        target = best.growthMeters + tolerance;
        w = this.width + target;
        h = this.depth + target;
      }
      if (b - a > MIN_CELL_METERS) queue.push(a, middle, middle, b);
      // Keep the queue from growing without bound: drop consumed entries now and then.
      if (head > 4096) {
        queue.splice(0, head);
        head = 0;
      }
    }
    // Every cell was either discarded by a core scan or is narrower than MIN_CELL_METERS: nothing here
    // reaches the final target. When the scan limit cut the search short, only the extents bound it.
    this.upperBound = head >= queue.length ? Math.min(target, extentBound) : extentBound;
    return best;
  }

  /**
   * The largest growth (to within `tolerance / 2`) for a rectangle centred at `centerX`, knowing that
   * `feasibleGrowth` already fits there. Bisection: a rectangle that fits still fits when shrunk.
   */
  private growAt(centerX: number, feasibleGrowth: number, tolerance: number): RectanglePlacement {
    let lo = feasibleGrowth;
    let hi = Math.min(
      2 * Math.min(centerX - this.minX, this.maxX - centerX) - this.width,
      this.maxY - this.minY - this.depth,
    );
    let gapLow = this.freeGap(centerX - (this.width + lo) / 2, centerX + (this.width + lo) / 2, this.depth + lo);
    let gapHigh = this.gapTop;
    while (hi - lo > tolerance / 2) {
      const growth = (lo + hi) / 2;
      const found = this.freeGap(
        centerX - (this.width + growth) / 2,
        centerX + (this.width + growth) / 2,
        this.depth + growth,
      );
      if (Number.isNaN(found)) {
        hi = growth;
      } else {
        lo = growth;
        gapLow = found;
        gapHigh = this.gapTop;
      }
    }
    return { rotationRadians: this.rotation, growthMeters: lo, centerX, centerY: (gapLow + gapHigh) / 2 };
  }

  /** Maps a point of the rotated frame back to the local metric plane. */
  unrotate(x: number, y: number): [number, number] {
    return [x * this.cos - y * this.sin, x * this.sin + y * this.cos];
  }

  private ensureCapacity(edgeCount: number): void {
    if (this.blockedLow.length >= edgeCount) return;
    this.blockedLow = new Float64Array(edgeCount);
    this.blockedHigh = new Float64Array(edgeCount);
    this.crossings = new Float64Array(edgeCount);
  }

  private growBuckets(size: number): void {
    const capacity = Math.max(size, 2 * this.bucketDelta.length);
    this.bucketDelta = new Int32Array(capacity);
    this.bucketTop = new Float64Array(capacity);
    this.bucketBottom = new Float64Array(capacity);
  }
}
