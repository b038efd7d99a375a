import { createLocalProjection } from '../../core/src/geometry/localProjection.ts';

/**
 * Reference parcels built in metres at real Bekasi locations (generated here, never stored): a rectangle
 * of width × depth metres centred on a lon/lat, turned by `rotationDegrees`, as a GeoJSON Polygon.
 */
export function rectangleAt(
  center: readonly [number, number],
  widthMeters: number,
  depthMeters: number,
  rotationDegrees = 0,
): { type: 'Polygon'; coordinates: number[][][] } {
  const projection = createLocalProjection(center);
  const angle = (rotationDegrees * Math.PI) / 180;
  const corners = [
    [-widthMeters / 2, -depthMeters / 2],
    [widthMeters / 2, -depthMeters / 2],
    [widthMeters / 2, depthMeters / 2],
    [-widthMeters / 2, depthMeters / 2],
  ].map(([x = 0, y = 0]) => [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)]);
  const ring = corners.map((corner) => [...projection.toLonLat(corner)]);
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** An L-shaped parcel: an a × a square with a (a-b) × (a-b) square cut from one corner (arms b wide). */
export function lShapeAt(center: readonly [number, number], sideMeters: number, armMeters: number) {
  const projection = createLocalProjection(center);
  const s = sideMeters / 2;
  const inner = -s + armMeters;
  const ring = [
    [-s, -s],
    [s, -s],
    [s, inner],
    [inner, inner],
    [inner, s],
    [-s, s],
    [-s, -s],
  ].map((point) => [...projection.toLonLat(point)]);
  return { type: 'Polygon' as const, coordinates: [ring] };
}
