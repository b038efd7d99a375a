import type { OverlayKind } from '../contracts/overlay.ts';
import { validateAreaGeometry } from './validateAreaGeometry.ts';

export interface OverlayGeometryProblem {
  reason: 'wrong_geometry_type' | 'bad_coordinates' | string;
  path: string;
  message: { id: string; en: string };
}

const lineKinds: ReadonlySet<OverlayKind> = new Set(['sutet', 'road']);

function positionProblem(position: unknown): boolean {
  return (
    !Array.isArray(position) ||
    position.length < 2 ||
    position.length > 3 ||
    !position.every((n) => typeof n === 'number' && Number.isFinite(n)) ||
    Math.abs(position[0] as number) > 180 ||
    Math.abs(position[1] as number) > 90
  );
}

/**
 * Validates one overlay feature's geometry for its layer's kind: polygons (flood, RTH, LP2B, other) are
 * held to the same rules as parcels; SUTET and roads are lines; facilities are points.
 */
export function validateOverlayGeometry(kind: OverlayKind, input: unknown): OverlayGeometryProblem[] {
  const g = input as { type?: unknown; coordinates?: unknown } | null;
  const expected = lineKinds.has(kind)
    ? ['LineString', 'MultiLineString']
    : kind === 'facility'
      ? ['Point', 'MultiPoint']
      : ['Polygon', 'MultiPolygon'];
  const type = g && typeof g === 'object' ? g.type : undefined;
  if (typeof type !== 'string' || !expected.includes(type)) {
    return [
      {
        reason: 'wrong_geometry_type',
        path: '/type',
        message: {
          id: `Lapisan jenis ${kind} memerlukan geometri ${expected.join(' atau ')}, bukan ${String(type)}`,
          en: `A ${kind} layer needs ${expected.join(' or ')} geometry, not ${String(type)}`,
        },
      },
    ];
  }
  if (expected[0] === 'Polygon') {
    const result = validateAreaGeometry(input);
    return result.ok ? [] : result.problems.map((p) => ({ reason: p.reason, path: p.path, message: p.message }));
  }
  const lines: unknown[] =
    type === 'LineString' || type === 'Point' ? [g?.coordinates] : Array.isArray(g?.coordinates) ? g.coordinates : [];
  const minimum = expected[0] === 'LineString' ? 2 : 1;
  const bad =
    lines.length === 0 ||
    lines.some((part) => {
      if (expected[0] === 'Point') return positionProblem(part);
      return !Array.isArray(part) || part.length < minimum || part.some(positionProblem);
    });
  return bad
    ? [
        {
          reason: 'bad_coordinates',
          path: '/coordinates',
          message: {
            id: 'Koordinat tidak valid (angka bujur/lintang, garis minimal 2 titik)',
            en: 'Invalid coordinates (lon/lat numbers, lines of at least 2 positions)',
          },
        },
      ]
    : [];
}
