import type { MultiPolygon, Polygon, Position } from 'geojson';

// terra-draw (1.35) edits single-ring Polygons only: it refuses a MultiPolygon and a Polygon with holes
// ("Feature has holes"). A parcel of several parts or with holes is therefore edited as one single-ring
// polygon per ring — each part's outline and each hole — and put back together, in the same order, after
// every change. The live verdict and the save always see the whole geometry.

export type EditableGeometry = Polygon | MultiPolygon;

/** Where a ring sits in the parcel: part (0 for a Polygon) and ring (0 the outline, k the k-th hole). */
export type RingKey = { part: number; ring: number };

/** The structure of the geometry being edited, to reassemble its rings. */
export type EditLayout = { type: EditableGeometry['type']; rings: RingKey[] };

/** A ring needs three distinct vertices: four positions with the closing one. */
const MIN_RING_POSITIONS = 4;

function partsOf(geometry: EditableGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/**
 * The geometry the vertex editor can work on, or null. A MultiPolygon of a single part without holes is
 * edited (and saved) as the Polygon it is; anything else keeps its type. Every ring must be a ring.
 */
export function editableGeometry(geometry: EditableGeometry | null): EditableGeometry | null {
  if (!geometry) return null;
  const parts = partsOf(geometry);
  if (parts.length === 0) return null;
  if (parts.some((rings) => rings.length === 0 || rings.some((ring) => ring.length < MIN_RING_POSITIONS))) return null;
  if (geometry.type === 'MultiPolygon' && parts.length === 1 && (parts[0] as Position[][]).length === 1) {
    return { type: 'Polygon', coordinates: parts[0] as Position[][] };
  }
  return geometry;
}

/** Each ring as its own single-ring Polygon, outlines before holes within a part, with the layout to rebuild. */
export function splitForEditing(geometry: EditableGeometry): { layout: EditLayout; rings: Polygon[] } {
  const keys: RingKey[] = [];
  const rings: Polygon[] = [];
  partsOf(geometry).forEach((part, p) => {
    part.forEach((ring, r) => {
      keys.push({ part: p, ring: r });
      rings.push({ type: 'Polygon', coordinates: [ring] });
    });
  });
  return { layout: { type: geometry.type, rings: keys }, rings };
}

/** The parcel from its edited rings (in the order `splitForEditing` gave them). */
export function reassemble(layout: EditLayout, rings: readonly Position[][][]): EditableGeometry {
  if (rings.length !== layout.rings.length) {
    throw new Error(`reassemble: ${rings.length} rings for a layout of ${layout.rings.length}`);
  }
  const parts: Position[][][] = [];
  layout.rings.forEach((key, index) => {
    const ring = (rings[index] as Position[][])[0] as Position[];
    const part = parts[key.part] ?? [];
    part[key.ring] = ring;
    parts[key.part] = part;
  });
  return layout.type === 'Polygon'
    ? { type: 'Polygon', coordinates: parts[0] as Position[][] }
    : { type: 'MultiPolygon', coordinates: parts };
}

/** Whether two geometries split into the same rings (then an update can keep terra-draw's features). */
export function sameLayout(a: EditLayout | null, b: EditLayout): boolean {
  return (
    a !== null &&
    a.type === b.type &&
    a.rings.length === b.rings.length &&
    a.rings.every((key, i) => key.part === b.rings[i]?.part && key.ring === b.rings[i]?.ring)
  );
}

/** Every position of every ring (closing positions included). */
export function positionsOf(geometry: EditableGeometry): Position[] {
  return partsOf(geometry).flat(2);
}

/** A position of `after` that `before` does not have: the vertex just dragged or inserted. */
export function movedVertex(before: EditableGeometry | null, after: EditableGeometry): Position | null {
  const known = new Set((before ? positionsOf(before) : []).map((p) => `${p[0]},${p[1]}`));
  for (const position of positionsOf(after)) if (!known.has(`${position[0]},${position[1]}`)) return position;
  return null;
}

/**
 * The ring a click means when rings overlap on screen: among rings whose outline is within `reachPixels` or
 * that contain the point, the smallest — so a click inside a hole picks the hole, not the part around it.
 * `project` gives screen pixels; `contains` tests the point against one ring.
 */
export function pickRing(
  rings: readonly Position[][],
  point: { x: number; y: number },
  project: (position: Position) => { x: number; y: number },
  reachPixels: number,
): number | null {
  let best: { index: number; size: number } | null = null;
  rings.forEach((ring, index) => {
    const screen = ring.map(project);
    let inside = false;
    let near = false;
    for (let i = 0, j = screen.length - 1; i < screen.length; j = i++) {
      const a = screen[i] as { x: number; y: number };
      const b = screen[j] as { x: number; y: number };
      if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
      if (distanceToSegment(point, a, b) <= reachPixels) near = true;
    }
    if (!inside && !near) return;
    const size = Math.abs(shoelace(screen));
    if (!best || size < best.size) best = { index, size };
  });
  return best === null ? null : (best as { index: number }).index;
}

function shoelace(points: readonly { x: number; y: number }[]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[i] as { x: number; y: number };
    const b = points[j] as { x: number; y: number };
    sum += (b.x - a.x) * (b.y + a.y);
  }
  return sum / 2;
}

function distanceToSegment(
  p: { x: number; y: number },
  a: { x: number; y: number },
  b: { x: number; y: number },
): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}
