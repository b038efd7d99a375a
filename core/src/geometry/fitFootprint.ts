import type { MetricPolygon } from './metricPolygons.ts';
import { convexHull, metricPolygonArea, toMetricAreaGeometry } from './metricPolygons.ts';
import { polygonContainsRectangle } from './polygonContainsRectangle.ts';
import type { RectanglePlacement } from './rectangleSearch.ts';
import { RectangleSearch } from './rectangleSearch.ts';
import { straightRuns } from './straightRuns.ts';
import type { AreaGeometry, LonLat, PolygonGeometry } from './types.ts';

export interface FitFootprintOptions {
  /** Long side of the building footprint, meters. Default 30. */
  widthMeters?: number;
  /** Short side of the building footprint, meters. Default 20. */
  depthMeters?: number;
}

export interface FootprintFit {
  /** Whether a `width × depth` rectangle fits entirely inside the parcel at some position and rotation. */
  fits: boolean;
  /** One such rectangle (closed, counter-clockwise `[lon, lat]` ring), or null when none fits. */
  footprint: PolygonGeometry | null;
  /** Bearing of the footprint's long side in degrees clockwise from true north, in [0, 180); null when none fits. */
  rotationDegrees: number | null;
  /**
   * How much the rectangle could still grow: the amount by which both sides can be lengthened together
   * and still fit, i.e. a `(width + slack) × (depth + slack)` rectangle fits, so even the tightest side
   * has `slack` to spare. In meters, rounded to the millimetre. When the footprint does not fit, it is
   * negative: both sides would have to shrink by `-slack` (best effort). Null when not even a 1 cm
   * sliver of the footprint's proportions fits.
   */
  slackMeters: number | null;
}

/**
 * Contact closer than this counts as touching. A millimetre is far below survey precision and far
 * below the centimetre this check promises, but it keeps rounding from turning an exact fit (a 60 × 40
 * right triangle holds a 30 × 20 rectangle with zero room to spare) into a miss.
 */
export const FOOTPRINT_TOLERANCE_METERS = 0.001;

const DEFAULT_WIDTH_METERS = 30;
const DEFAULT_DEPTH_METERS = 20;
// Regular rotations seeding the search, on top of the parcel's own side directions.
const SWEEP_STEP_RADIANS = (10 * Math.PI) / 180;
// Precision of the growth while the answer is still far from the fit threshold: seeding only has to
// find the right basins.
const SWEEP_TOLERANCE_METERS = 0.005;
const FIRST_TOLERANCE_METERS = 0.1;
// Full precision, used when the best growth is within NEAR_THRESHOLD_METERS of zero.
const FINE_TOLERANCE_METERS = 0.0002;
const NEAR_THRESHOLD_METERS = 0.01;
// Otherwise the slack is wanted to the millimetre, or 1 % of its size for large slacks.
const SLACK_TOLERANCE_METERS = 0.001;
// The hill climb on the angle stops at this step (or earlier, when a step can no longer matter).
const REFINE_MIN_STEP_RADIANS = (0.002 * Math.PI) / 180;
// A climbing step of α radians must gain this fraction of α × half-diagonal to be taken.
const CLIMB_GAIN_FRACTION = 0.05;
// Only sides at least this fraction of the footprint's short side propose a rotation of their own.
const MIN_RUN_FRACTION = 0.25;
const MAX_RUN_ROTATIONS = 48;
// The proof of a "no" finds every rotation whose growth reaches this much above the fit threshold.
const PROOF_TOLERANCE_METERS = 0.004;
// Work budget per polygon, in strip scans: 5,000,000 / edges, within [3,000, 10,000] (about 10 ms at
// 100 vertices, 60 ms at 1,000). Ordinary parcels use a few hundred scans. It only binds when a parcel
// misses by millimetres over a wide range of rotations (a near-disk), and then the "no" is given
// without finishing the proof: wrong, if at all, by a few millimetres.
const SCAN_BUDGET_EDGE_SCANS = 5_000_000;
const MIN_SCAN_BUDGET = 3_000;
const MAX_SCAN_BUDGET = 10_000;

/**
 * Does a `width × depth` rectangle (default 30 × 20 m) fit entirely inside the parcel, at some position
 * and rotation? Holes are respected, and any single part of a MultiPolygon may hold it.
 *
 * The parcel is projected onto a local tangent plane at its centre (micrometre distortion, see
 * `createLocalProjection`). For one rotation, a branch and bound over the rectangle's position with
 * exact strip scans (see `RectangleSearch`) finds the largest growth of both sides that still fits,
 * to a fraction of a millimetre. Over the rotation:
 *
 * 1. Seeds: the directions of the parcel's and its convex hull's long straight sides (both ways
 *    round; a rectangle flush against a side is the usual optimum, and there the exact angle matters),
 *    then a 10° sweep, most promising first. Each seed only has to beat the best so far, so most are
 *    rejected after a scan or two.
 * 2. A hill climb on the angle from the best seed, with halving steps down to 0.002°.
 * 3. If nothing fits yet, a proof: the growth is Lipschitz in the rotation (turning a rectangle by α
 *    costs at most (long side + growth)·sin α), so a branch and bound over rotation intervals either
 *    finds a fitting rotation or shows that none reaches +4 mm. A "no" is therefore exact to 4 mm
 *    (within a work budget that only near-disks missing by millimetres exhaust), and a "yes" is
 *    confirmed by an independent exact containment check of the rectangle, shrunk by
 *    {@link FOOTPRINT_TOLERANCE_METERS}. Exact to 1 cm either way.
 *
 * The slack is the largest growth at the returned rotation, to the millimetre (0.1 % above 1 m). The
 * rotation is the best found, not proven best: on irregular shapes another basin of rotations may
 * allow a few percent more growth.
 */
export function fitFootprint(geometry: AreaGeometry, options: FitFootprintOptions = {}): FootprintFit {
  const width = options.widthMeters ?? DEFAULT_WIDTH_METERS;
  const depth = options.depthMeters ?? DEFAULT_DEPTH_METERS;
  if (!(width > 0 && depth > 0 && Number.isFinite(width) && Number.isFinite(depth))) {
    throw new RangeError(`Footprint sides must be positive finite meters, got ${width} × ${depth}`);
  }
  const metric = toMetricAreaGeometry(geometry);
  const parts = metric.polygons
    .filter((polygon) => (polygon.rings[0]?.length ?? 0) >= 6)
    .map((polygon) => ({ polygon, area: metricPolygonArea(polygon) }))
    .sort((a, b) => b.area - a.area);

  const state: SearchState = { best: null, bestPart: null, floor: -Math.min(width, depth) + 0.01 };
  const prepared = parts.flatMap(({ polygon, area }) => preparePart(polygon, area, width, depth) ?? []);
  for (const part of prepared) seedAndClimb(part, width, depth, state);
  // Seeds and climbing find ordinary optima; a "no" is only given after proving it rotation by rotation.
  const beforeProof = state.best;
  for (const part of prepared) {
    if (state.best !== null && state.best.growthMeters >= -FOOTPRINT_TOLERANCE_METERS) break;
    proveNoFit(part, state);
  }
  // A fit found by the proof sits on a grid of rotations; climb to the best angle nearby.
  if (state.bestPart !== null && state.best !== beforeProof) climbFrom(state.bestPart, width, depth, state);
  // The climb worked to 1 % of the slack; settle the final rotation to the millimetre (0.1 % beyond 1 m).
  if (state.bestPart !== null && state.best !== null) {
    const { rotationRadians, growthMeters } = state.best;
    const tolerance = Math.max(SLACK_TOLERANCE_METERS, 0.001 * Math.abs(growthMeters));
    if (fineTolerance(state) > tolerance) {
      evaluate(state.bestPart, state, rotationRadians, growthMeters + tolerance, tolerance);
    }
  }

  const best = state.best;
  const bestPolygon = state.bestPart?.polygon ?? null;
  if (best === null || bestPolygon === null) {
    return { fits: false, footprint: null, rotationDegrees: null, slackMeters: null };
  }
  const slack = Math.round(best.growthMeters * 1000) / 1000;
  const ux = Math.cos(best.rotationRadians);
  const uy = Math.sin(best.rotationRadians);
  // The placement is in the rotated frame; turn its centre back into the local plane.
  const cx = best.centerX * ux - best.centerY * uy;
  const cy = best.centerX * uy + best.centerY * ux;
  const fits =
    best.growthMeters >= -FOOTPRINT_TOLERANCE_METERS &&
    polygonContainsRectangle(bestPolygon.rings, {
      centerX: cx,
      centerY: cy,
      rotationRadians: best.rotationRadians,
      width: width - 2 * FOOTPRINT_TOLERANCE_METERS,
      depth: depth - 2 * FOOTPRINT_TOLERANCE_METERS,
    });
  if (!fits) {
    return {
      fits: false,
      footprint: null,
      rotationDegrees: null,
      slackMeters: Math.min(slack, -FOOTPRINT_TOLERANCE_METERS),
    };
  }

  const corners: [number, number][] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ];
  const ring: LonLat[] = corners.map(([su, sv]) =>
    metric.projection.toLonLat([
      cx + (su * width * ux - sv * depth * uy) / 2,
      cy + (su * width * uy + sv * depth * ux) / 2,
    ]),
  );
  ring.push([...(ring[0] as LonLat)]);
  // The long side runs along the width, or along the depth when the caller made the depth longer.
  const [longX, longY] = width >= depth ? [ux, uy] : [-uy, ux];
  const bearing = ((((Math.atan2(longX, longY) * 180) / Math.PI) % 180) + 180) % 180;
  return {
    fits: true,
    footprint: { type: 'Polygon', coordinates: [ring] },
    rotationDegrees: Math.round(bearing * 1e6) / 1e6,
    slackMeters: Math.max(0, slack),
  };
}

interface SearchState {
  best: RectanglePlacement | null;
  /** The polygon holding the best placement. */
  bestPart: Part | null;
  /** Smallest growth worth reporting: a 1 cm sliver of the footprint's proportions. */
  floor: number;
}

/**
 * The growth the next placement must reach. Below the fit threshold, the target never jumps past
 * `-FOOTPRINT_TOLERANCE_METERS`, so a coarse tolerance can never skip over a fit.
 */
function targetGrowth(state: SearchState, tolerance: number): number {
  if (state.best === null) return state.floor;
  const next = state.best.growthMeters + tolerance;
  return state.best.growthMeters < -FOOTPRINT_TOLERANCE_METERS ? Math.min(next, -FOOTPRINT_TOLERANCE_METERS) : next;
}

/**
 * Tolerance while seeding: it only has to find the right basin, so it is coarse until something fits
 * roughly: the first placement is merely the starting target.
 */
function sweepTolerance(state: SearchState): number {
  if (state.best === null) return FIRST_TOLERANCE_METERS;
  return Math.min(0.25, Math.max(SWEEP_TOLERANCE_METERS, 0.03 * Math.abs(state.best.growthMeters)));
}

/**
 * Final tolerance. It scales with the distance from the fit threshold: a parcel 10 m too narrow needs
 * no millimetre answer, while one within a centimetre of fitting gets the full precision.
 */
function fineTolerance(state: SearchState): number {
  const distance = state.best === null ? Number.POSITIVE_INFINITY : Math.abs(state.best.growthMeters);
  if (distance < NEAR_THRESHOLD_METERS) return FINE_TOLERANCE_METERS;
  return Math.min(0.05, Math.max(SLACK_TOLERANCE_METERS, 0.01 * distance));
}

/** One polygon of the parcel, ready to be searched at any rotation. */
interface Part {
  polygon: MetricPolygon;
  hull: Float64Array;
  search: RectangleSearch;
  /** Lipschitz constant of the growth over the rotation, meters per radian. */
  lipschitz: number;
  scanBudget: number;
}

function preparePart(polygon: MetricPolygon, area: number, width: number, depth: number): Part | null {
  const exterior = polygon.rings[0];
  if (exterior === undefined) return null;
  const hull = convexHull(exterior);
  let edgeCount = 0;
  for (const ring of polygon.rings) edgeCount += ring.length / 2;
  // A rectangle of growth g turned by α still contains one of growth g - (long side + g)·sin α, and
  // g itself is bounded by the area: (width + g)(depth + g) ≤ area.
  const areaBound = (Math.sqrt((width - depth) ** 2 + 4 * Math.max(area, 0)) - width - depth) / 2;
  return {
    polygon,
    hull,
    search: new RectangleSearch(polygon, hull, width, depth),
    lipschitz: Math.max(width, depth) + Math.max(0, areaBound),
    scanBudget: Math.min(MAX_SCAN_BUDGET, Math.max(MIN_SCAN_BUDGET, SCAN_BUDGET_EDGE_SCANS / edgeCount)),
  };
}

/**
 * Looks for a placement at `rotation` reaching `target`, and records it when it beats the best.
 * Returns a growth that no placement at this rotation reaches.
 */
function evaluate(
  part: Part,
  state: SearchState,
  rotation: number,
  target: number,
  tolerance: number,
  firstOnly = false,
): number {
  const hullBound = part.search.growthUpperBound(rotation);
  if (hullBound < target) return hullBound;
  part.search.setRotation(rotation);
  const found = part.search.improve(target, tolerance, firstOnly);
  if (found !== null && (state.best === null || found.growthMeters > state.best.growthMeters)) {
    state.best = found;
    state.bestPart = part;
  }
  return Math.min(hullBound, part.search.upperBound);
}

/**
 * First pass over a polygon: the seed rotations, then a hill climb on the angle from the best one.
 * This finds the optimum of ordinary parcels (flush against a side) at once; what it cannot do is
 * prove that nothing better hides between the seeds, which {@link proveNoFit} does when it matters.
 */
function seedAndClimb(part: Part, width: number, depth: number, state: SearchState): void {
  // Side directions first, longest side first, since they usually hold the optimum and a good early
  // target lets most later rotations be rejected after a scan or two.
  for (const rotation of candidateRotations(part, width, depth)) {
    evaluate(part, state, rotation, targetGrowth(state, sweepTolerance(state)), sweepTolerance(state));
  }
  if (state.bestPart === part) climbFrom(part, width, depth, state);
}

/** Hill climb on the angle from the best placement, with halving steps. */
function climbFrom(part: Part, width: number, depth: number, state: SearchState): void {
  const best = state.best;
  if (best === null) return;
  let rotation = best.rotationRadians;
  // Turning by `step` moves the rectangle's corners by about step × half its diagonal; once that is
  // below the tolerance, smaller steps cannot change the answer.
  const halfDiagonal = Math.hypot(width + best.growthMeters, depth + best.growthMeters) / 2;
  const minStep = Math.max(REFINE_MIN_STEP_RADIANS, fineTolerance(state) / halfDiagonal);
  let step = SWEEP_STEP_RADIANS / 2;
  // Coarse steps only look for coarse gains (what a step that size could plausibly bring); the small
  // ones are left to the finer steps that follow. This keeps each rejection cheap.
  const tolerance = () => Math.max(fineTolerance(state), CLIMB_GAIN_FRACTION * halfDiagonal * step);
  const improves = (candidate: number): boolean => {
    const before = state.best;
    evaluate(part, state, candidate, targetGrowth(state, tolerance()), tolerance());
    return state.best !== before;
  };
  // The seeds were placed with a coarse tolerance: first settle the best one to the climb's.
  improves(rotation);
  while (step >= minStep && part.search.scans < part.scanBudget) {
    if (improves(rotation + step)) rotation += step;
    else if (improves(rotation - step)) rotation -= step;
    else step /= 2;
  }
}

/**
 * Settles a "does not fit" answer: a branch and bound over the rotation with the target fixed at the
 * fit threshold. An interval of half-width r around θ is discarded when θ cannot even reach
 * threshold - L·r (the growth is L-Lipschitz in the rotation), otherwise it is halved; once L·r is
 * below PROOF_TOLERANCE_METERS, θ itself is searched at the threshold. So every rotation whose growth
 * reaches +PROOF_TOLERANCE_METERS is found. Cheap when the parcel misses by a wide margin (a few scans
 * per 10° interval), thorough when it misses by millimetres.
 */
function proveNoFit(part: Part, state: SearchState): void {
  const threshold = -FOOTPRINT_TOLERANCE_METERS;
  // Depth first, so that a fit hiding between the seeds is reached as soon as possible.
  const stack: number[] = [0, Math.PI];
  while (stack.length > 0 && part.search.scans < part.scanBudget) {
    if (state.best !== null && state.best.growthMeters >= threshold) return;
    const to = stack.pop() as number;
    const from = stack.pop() as number;
    const middle = (from + to) / 2;
    const reach = (part.lipschitz * (to - from)) / 2;
    if (reach <= PROOF_TOLERANCE_METERS) {
      evaluate(part, state, middle, threshold, FINE_TOLERANCE_METERS, true);
      continue;
    }
    // Only whether the relaxed target is reachable matters here, not by how much.
    const relaxed = Math.max(state.floor, threshold - reach);
    const bound = evaluate(part, state, middle, relaxed, FINE_TOLERANCE_METERS, true);
    if (bound <= relaxed) continue;
    stack.push(middle, to, from, middle);
  }
}

/**
 * Seed rotations: the directions of the longest straight sides (both ways round, longest first),
 * then a regular sweep ordered by the hull bound, most promising first. All in [0, π), since a
 * rectangle turned by half a turn is the same rectangle.
 */
function candidateRotations(part: Part, width: number, depth: number): number[] {
  const minRun = MIN_RUN_FRACTION * Math.min(width, depth);
  const runs = [...part.polygon.rings, part.hull]
    .flatMap((ring) => straightRuns(ring))
    .filter((run) => run.lengthMeters >= minRun)
    .sort((a, b) => b.lengthMeters - a.lengthMeters)
    .slice(0, MAX_RUN_ROTATIONS);
  const rotations: number[] = [];
  const add = (angle: number) => {
    const normalized = ((angle % Math.PI) + Math.PI) % Math.PI;
    if (!rotations.some((other) => Math.abs(other - normalized) < 1e-9)) rotations.push(normalized);
  };
  for (const run of runs) {
    add(run.directionRadians);
    add(run.directionRadians + Math.PI / 2);
  }
  const sweep: { angle: number; bound: number }[] = [];
  for (let angle = 0; angle < Math.PI - 1e-9; angle += SWEEP_STEP_RADIANS) {
    sweep.push({ angle, bound: part.search.growthUpperBound(angle) });
  }
  sweep.sort((a, b) => b.bound - a.bound);
  for (const { angle } of sweep) add(angle);
  return rotations;
}
