/**
 * What an imported geometry is, for a parcel register: an area (Polygon/MultiPolygon, or a collection of
 * them as KML MultiGeometry gives), a point or nothing (listed and skipped: the planner draws the parcel
 * afterwards), or something else (a line: it blocks the commit, because it may be an outline drawn as a path
 * and should be fixed in the source rather than silently dropped).
 */
export type ImportGeometry =
  | { kind: 'area'; geometry: unknown }
  | { kind: 'skip'; reason: 'no_geometry' | 'point_only'; position?: [number, number] }
  | { kind: 'other'; geometry: unknown; type: string };

interface AnyGeometry {
  type?: unknown;
  coordinates?: unknown;
  geometries?: AnyGeometry[];
}

function firstPosition(coordinates: unknown): [number, number] | undefined {
  let node = coordinates;
  while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
  return Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number'
    ? [node[0], node[1]]
    : undefined;
}

function flatten(geometry: AnyGeometry): AnyGeometry[] {
  if (geometry.type === 'GeometryCollection') return (geometry.geometries ?? []).flatMap(flatten);
  return [geometry];
}

export function classifyGeometry(input: unknown): ImportGeometry {
  if (!input || typeof input !== 'object') return { kind: 'skip', reason: 'no_geometry' };
  const parts = flatten(input as AnyGeometry).filter((g) => g && typeof g === 'object');
  if (parts.length === 0) return { kind: 'skip', reason: 'no_geometry' };
  const types = new Set(parts.map((g) => g.type));
  if ([...types].every((t) => t === 'Polygon' || t === 'MultiPolygon')) {
    if (parts.length === 1) return { kind: 'area', geometry: parts[0] };
    const polygons = parts.flatMap((g) =>
      g.type === 'Polygon' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [],
    );
    return { kind: 'area', geometry: { type: 'MultiPolygon', coordinates: polygons } };
  }
  if ([...types].every((t) => t === 'Point' || t === 'MultiPoint')) {
    const position = firstPosition(parts[0]?.coordinates);
    return { kind: 'skip', reason: 'point_only', ...(position ? { position } : {}) };
  }
  return { kind: 'other', geometry: input, type: [...types].join('+') };
}
