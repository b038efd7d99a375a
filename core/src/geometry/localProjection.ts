import type { LonLat } from './types.ts';

/** A point in a local metric plane: x east, y north, meters from the projection's origin. */
export type LocalPoint = [x: number, y: number];

/** A local metric plane tangent to the WGS 84 ellipsoid at an origin. */
export interface LocalProjection {
  /** The tangent point `[lon, lat]`, which maps to `[0, 0]`. */
  readonly originLonLat: LonLat;
  /** `[lon, lat]` (an altitude, if present, is ignored) to `[x, y]` meters east and north of the origin. */
  toLocalMeters(position: readonly number[]): LocalPoint;
  /** The exact inverse of `toLocalMeters`: `[x, y]` meters to `[lon, lat]` on the ellipsoid. */
  toLonLat(point: readonly number[]): LonLat;
}

const WGS84_A = 6_378_137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const DEG = Math.PI / 180;

/**
 * Creates a local east-north plane tangent to the WGS 84 ellipsoid at `originLonLat`.
 *
 * Points are mapped through Earth-centred coordinates and projected orthogonally onto the tangent
 * plane (the east/north axes of the local ENU frame). This is not one of the textbook map projections,
 * but it is the cheapest one that stays honest at parcel scale: an orthographic view of a surface
 * with radius of curvature ρ ≥ 6,335 km shortens a distance s from the origin by about s³/(6ρ²), i.e.
 * 4 µm at 1 km, and local scale differs from 1 by about s²/(2ρ²) (1.2e-8 at 1 km, 12 µm per km).
 * A simpler equirectangular plane (lon·N·cosφ₀, lat·M) would be off by ~1.7 cm over 1 km at 6° S,
 * because meridians converge and N·cosφ changes with latitude; that is too close to the 1 cm
 * precision the footprint check promises. Bearings in the plane are true-north bearings at the origin.
 *
 * `toLonLat` inverts the mapping exactly (round trip error ~1e-12°), so shapes built in meters can be
 * returned as GeoJSON without drift.
 */
export function createLocalProjection(originLonLat: readonly number[]): LocalProjection {
  const lon0 = originLonLat[0] ?? Number.NaN;
  const lat0 = originLonLat[1] ?? Number.NaN;
  if (!Number.isFinite(lon0) || !Number.isFinite(lat0) || Math.abs(lat0) > 90) {
    throw new RangeError(`Invalid projection origin [${lon0}, ${lat0}]`);
  }
  const sinLat0 = Math.sin(lat0 * DEG);
  const cosLat0 = Math.cos(lat0 * DEG);
  const sinLon0 = Math.sin(lon0 * DEG);
  const cosLon0 = Math.cos(lon0 * DEG);
  const [x0, y0, z0] = toEarthCentred(lon0, lat0);

  // Unit vectors of the local frame expressed in Earth-centred coordinates.
  const east = [-sinLon0, cosLon0, 0] as const;
  const north = [-sinLat0 * cosLon0, -sinLat0 * sinLon0, cosLat0] as const;
  const up = [cosLat0 * cosLon0, cosLat0 * sinLon0, sinLat0] as const;
  const b2 = WGS84_A * WGS84_A * (1 - WGS84_E2);
  const a2 = WGS84_A * WGS84_A;
  // Quadratic coefficient of the ellipsoid equation along the local vertical (constant per origin).
  const upQuadratic = (up[0] * up[0] + up[1] * up[1]) / a2 + (up[2] * up[2]) / b2;

  return {
    originLonLat: [lon0, lat0],
    toLocalMeters(position) {
      const [x, y, z] = toEarthCentred(position[0] ?? Number.NaN, position[1] ?? Number.NaN);
      const dx = x - x0;
      const dy = y - y0;
      const dz = z - z0;
      return [east[0] * dx + east[1] * dy, north[0] * dx + north[1] * dy + north[2] * dz];
    },
    toLonLat(point) {
      const e = point[0] ?? Number.NaN;
      const n = point[1] ?? Number.NaN;
      // The point of the tangent plane, then the ellipsoid point straight below it along the local
      // vertical: solve |P + u·up|_ellipsoid = 1 for the root u nearest zero.
      const px = x0 + e * east[0] + n * north[0];
      const py = y0 + e * east[1] + n * north[1];
      const pz = z0 + n * north[2];
      const linear = 2 * ((px * up[0] + py * up[1]) / a2 + (pz * up[2]) / b2);
      const constant = (px * px + py * py) / a2 + (pz * pz) / b2 - 1;
      const discriminant = linear * linear - 4 * upQuadratic * constant;
      // Numerically stable form of the small root (avoids cancelling two large numbers).
      const u = (-2 * constant) / (linear + Math.sqrt(discriminant));
      const x = px + u * up[0];
      const y = py + u * up[1];
      const z = pz + u * up[2];
      const p = Math.hypot(x, y);
      // On the ellipsoid surface (height 0) geodetic latitude is exact in closed form.
      const lat = Math.atan2(z, (1 - WGS84_E2) * p) / DEG;
      const lon = Math.atan2(y, x) / DEG;
      return [lon, lat];
    },
  };
}

function toEarthCentred(lon: number, lat: number): [number, number, number] {
  const sinLat = Math.sin(lat * DEG);
  const cosLat = Math.cos(lat * DEG);
  const primeVertical = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  return [
    primeVertical * cosLat * Math.cos(lon * DEG),
    primeVertical * cosLat * Math.sin(lon * DEG),
    primeVertical * (1 - WGS84_E2) * sinLat,
  ];
}
