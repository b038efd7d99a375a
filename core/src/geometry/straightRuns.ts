/** A maximal stretch of consecutive ring vertices that lie on one straight line (within a tolerance). */
export interface StraightRun {
  /** Direction of the run, radians counter-clockwise from east. */
  directionRadians: number;
  lengthMeters: number;
}

// Digitised parcel boundaries often split one straight side into several short edges; those still
// count as one side, as long as no vertex strays more than this from the chord.
const DEFAULT_TOLERANCE_METERS = 0.01;
// Bounds the O(k²) collinearity check; longer straight runs simply start a new run.
const MAX_RUN_VERTICES = 32;

/**
 * Splits a closed ring (flat `[x0, y0, …]` in meters, no closing position) into straight runs.
 * The footprint search tries the direction of each long run, because the best rectangle very often
 * lies flush against a straight side of the parcel, and then the exact angle matters.
 */
export function straightRuns(ring: Float64Array, toleranceMeters = DEFAULT_TOLERANCE_METERS): StraightRun[] {
  const n = ring.length / 2;
  const runs: StraightRun[] = [];
  if (n < 2) return runs;
  const x = (i: number) => ring[2 * (i % n)] as number;
  const y = (i: number) => ring[2 * (i % n) + 1] as number;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && end - start < MAX_RUN_VERTICES && isStraight(start, end + 1)) end++;
    const dx = x(end) - x(start);
    const dy = y(end) - y(start);
    const length = Math.hypot(dx, dy);
    if (length > 0) runs.push({ directionRadians: Math.atan2(dy, dx), lengthMeters: length });
    start = end;
  }
  return runs;

  function isStraight(from: number, to: number): boolean {
    const dx = x(to) - x(from);
    const dy = y(to) - y(from);
    const length = Math.hypot(dx, dy);
    if (length === 0) return false;
    for (let k = from + 1; k < to; k++) {
      const along = ((x(k) - x(from)) * dx + (y(k) - y(from)) * dy) / length;
      const across = Math.abs((x(k) - x(from)) * dy - (y(k) - y(from)) * dx) / length;
      // Vertices must also progress along the chord: a spike that doubles back is not a straight side.
      if (across > toleranceMeters || along < 0 || along > length) return false;
    }
    return true;
  }
}
