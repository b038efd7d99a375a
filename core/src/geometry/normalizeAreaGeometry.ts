import type { AreaGeometry, LinearRing, LonLat } from './types.ts';

/**
 * The same area with RFC 7946 winding (exterior rings counter-clockwise, holes clockwise), 2D
 * positions (altitudes dropped) and every ring explicitly closed. Returns new arrays; the input is
 * not modified. Meant for geometries that passed `validateAreaGeometry`.
 *
 * Winding is decided by the shoelace sign in longitude/latitude, which matches the sign on the ground
 * for any ring that does not cross the antimeridian (all of Indonesia).
 */
export function normalizeAreaGeometry(geometry: AreaGeometry): AreaGeometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: normalizeRings(geometry.coordinates) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(normalizeRings) };
}

function normalizeRings(rings: LinearRing[]): LonLat[][] {
  return rings.map((ring, index) => {
    const positions: LonLat[] = ring.map((position) => [position[0], position[1]]);
    const first = positions[0];
    const last = positions[positions.length - 1];
    if (first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1])) {
      positions.push([first[0], first[1]]);
    }
    const counterClockwise = twiceSignedArea(positions) > 0;
    // Ring 0 is the exterior: counter-clockwise. Holes: clockwise.
    return counterClockwise === (index === 0) ? positions : positions.reverse();
  });
}

/** Twice the signed shoelace area of a closed ring in degrees², positive when counter-clockwise. */
export function twiceSignedArea(ring: readonly (readonly number[])[]): number {
  let twice = 0;
  const origin = ring[0];
  if (origin === undefined) return 0;
  // Relative to the first position, so that degrees near 107 do not swamp the small differences.
  const ox = origin[0] ?? 0;
  const oy = origin[1] ?? 0;
  for (let i = 1; i + 1 < ring.length; i++) {
    const a = ring[i] as readonly number[];
    const b = ring[i + 1] as readonly number[];
    twice += ((a[0] ?? 0) - ox) * ((b[1] ?? 0) - oy) - ((b[0] ?? 0) - ox) * ((a[1] ?? 0) - oy);
  }
  return twice;
}
