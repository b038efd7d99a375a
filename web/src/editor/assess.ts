import {
  type AreaGeometry,
  areaSquareMeters,
  assessParcel,
  type Criteria,
  createLocalProjection,
  type GeometryProblem,
  validateAreaGeometry,
} from '@tapak/core';
import type { Polygon } from 'geojson';
import type { Assessment, ParcelAttributes, ParcelGeometry } from '../api/types.ts';
import type { Assignment } from '../domain/kelurahanAssign.ts';

// The live verdict while drawing: the same core functions the server runs (ellipsoidal area, footprint
// placement, every check), on the criteria the server serves. Loaded with the drawing tools, so the
// first screen does not pay for it. The server still judges the parcel when it is saved.

export type LiveAssessment =
  | { valid: true; assessment: Assessment }
  | { valid: false; problems: GeometryProblem[]; area_m2: number };

export function liveAssessment(
  geometry: ParcelGeometry,
  attributes: Partial<ParcelAttributes>,
  criteria: Criteria,
  kelurahan: Assignment | null,
): LiveAssessment {
  const validation = validateAreaGeometry(geometry);
  if (!validation.ok) {
    let area = 0;
    try {
      area = areaSquareMeters(geometry as AreaGeometry);
    } catch {
      area = 0;
    }
    return { valid: false, problems: validation.problems, area_m2: area };
  }
  return { valid: true, assessment: assessParcel(validation.geometry, attributes, criteria, kelurahan) };
}

/** The area of a shape under way, which may still be degenerate or cross itself. */
export function sketchArea(geometry: Polygon): number {
  const ring = geometry.coordinates[0] ?? [];
  const distinct = new Set(ring.map((p) => `${p[0]},${p[1]}`)).size;
  // GeoJSON positions are number[]; the core's are [lon, lat] tuples: same data, stricter type.
  return distinct < 3 ? 0 : areaSquareMeters(geometry as AreaGeometry);
}

/**
 * A `width` × `depth` m rectangle centred on a point, long side at `bearing` degrees from north: what
 * a lurah standing on the land adds with the GPS button. Built in the core's local metric plane.
 */
export function rectangleAround(lon: number, lat: number, width: number, depth: number, bearing = 90): Polygon {
  const projection = createLocalProjection([lon, lat]);
  const angle = (bearing * Math.PI) / 180;
  // Unit vectors along the long side (bearing) and the short side (perpendicular), east/north components.
  const ux = Math.sin(angle);
  const uy = Math.cos(angle);
  const vx = -uy;
  const vy = ux;
  const corners: [number, number][] = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ];
  const ring = corners.map(([a, b]) => {
    const x = (a * width * ux + b * depth * vx) / 2;
    const y = (a * width * uy + b * depth * vy) / 2;
    return projection.toLonLat([x, y]);
  });
  ring.push(ring[0] as [number, number]);
  return { type: 'Polygon', coordinates: [ring] };
}

export async function defaultCriteria(): Promise<Criteria> {
  const module = await import('../../../data/criteria.default.json');
  return module.default as Criteria;
}
