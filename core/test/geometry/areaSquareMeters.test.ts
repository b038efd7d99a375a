import { describe, expect, it } from 'vitest';
import { areaSquareMeters } from '../../src/geometry/areaSquareMeters.ts';
import type { LinearRing, PolygonGeometry } from '../../src/geometry/types.ts';
import { BEKASI, metricMultiPolygon, metricPolygon, rectangle } from './helpers/shapes.ts';

const WGS84_A = 6_378_137;
const WGS84_F = 1 / 298.257223563;

/**
 * Exact area of the ellipsoidal quadrangle between two parallels and two meridians, from the authalic
 * latitude formula: A = b² Δλ / 2 · [q(φ)] from φ1 to φ2, with
 * q(φ) = sin φ / (1 - e² sin² φ) + atanh(e sin φ) / e. Independent of GeographicLib.
 */
function quadrangleArea(lat1: number, lat2: number, deltaLonDegrees: number): number {
  const e2 = WGS84_F * (2 - WGS84_F);
  const e = Math.sqrt(e2);
  const b2 = WGS84_A * WGS84_A * (1 - e2);
  const q = (latDegrees: number) => {
    const s = Math.sin((latDegrees * Math.PI) / 180);
    return s / (1 - e2 * s * s) + Math.atanh(e * s) / e;
  };
  return ((b2 * ((deltaLonDegrees * Math.PI) / 180)) / 2) * (q(lat2) - q(lat1));
}

/** Turf's method: the Chamberlain–Duquette ring area on a sphere of radius 6,371,008.8 m. */
function sphericalArea(ring: LinearRing): number {
  const radius = 6_371_008.8;
  const rad = Math.PI / 180;
  let total = 0;
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const lower = ring[i] as number[];
    const middle = ring[(i + 1) % n] as number[];
    const upper = ring[(i + 2) % n] as number[];
    total += ((upper[0] as number) - (lower[0] as number)) * rad * Math.sin((middle[1] as number) * rad);
  }
  return Math.abs((total * radius * radius) / 2);
}

describe('areaSquareMeters', () => {
  it('matches PostGIS ST_Area(geography) on a triangle near Bekasi to 1e-6', () => {
    const triangle: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [106.99, -6.24],
          [107.0, -6.24],
          [107.0, -6.23],
          [106.99, -6.24],
        ],
      ],
    };
    // SELECT ST_Area('POLYGON((106.99 -6.24,107.0 -6.24,107.0 -6.23,106.99 -6.24))'::geography)
    const postgis = 611903.9139847755;
    expect(Math.abs(areaSquareMeters(triangle) - postgis) / postgis).toBeLessThan(1e-6);
  });

  it('matches the closed-form area of a 0.001° × 0.001° quadrangle at the equator and in Bekasi', () => {
    for (const [lon, lat] of [
      [0, 0],
      [106.995, -6.241],
    ] as const) {
      const square: PolygonGeometry = {
        type: 'Polygon',
        coordinates: [
          [
            [lon, lat],
            [lon + 0.001, lat],
            [lon + 0.001, lat + 0.001],
            [lon, lat + 0.001],
            [lon, lat],
          ],
        ],
      };
      // Geodesic edges along a parallel bulge poleward by nanometres over 111 m: the forms agree to ~1e-9.
      const expected = quadrangleArea(lat, lat + 0.001, 0.001);
      expect(Math.abs(areaSquareMeters(square) - expected) / expected).toBeLessThan(1e-6);
    }
  });

  it('ignores the winding of the rings', () => {
    const parcel = metricPolygon([rectangle(40, 25, 30)]);
    const ring = parcel.coordinates[0] as LinearRing;
    const reversed: PolygonGeometry = { type: 'Polygon', coordinates: [[...ring].reverse()] };
    expect(areaSquareMeters(reversed)).toBeCloseTo(areaSquareMeters(parcel), 9);
    expect(areaSquareMeters(parcel)).toBeCloseTo(1000, 3);
  });

  it('subtracts holes and adds MultiPolygon parts', () => {
    const withHole = metricPolygon([rectangle(40, 40), rectangle(10, 10, 20)]);
    expect(areaSquareMeters(withHole)).toBeCloseTo(1500, 3);
    const parts = metricMultiPolygon([[rectangle(30, 20)], [rectangle(10, 10, 0, [200, 50])]]);
    expect(areaSquareMeters(parts)).toBeCloseTo(700, 3);
  });

  it('does not accept a 598 m² parcel in Bekasi that a spherical area (Turf) reads as over 600 m²', () => {
    const parcel = metricPolygon([rectangle(26, 23, 0)], [107.0, -6.25]);
    const ellipsoidal = areaSquareMeters(parcel);
    const spherical = sphericalArea(parcel.coordinates[0] as LinearRing);
    expect(ellipsoidal).toBeCloseTo(598, 2);
    expect(ellipsoidal).toBeLessThan(600);
    expect(spherical).toBeGreaterThan(600);
    // About +0.43 % at 6.2° S.
    expect(spherical / ellipsoidal - 1).toBeCloseTo(0.0043, 4);
  });

  it('is zero for a degenerate ring and for no rings', () => {
    expect(areaSquareMeters({ type: 'MultiPolygon', coordinates: [] })).toBe(0);
    const line: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [[[...BEKASI], [BEKASI[0] + 0.001, BEKASI[1]], [...BEKASI]]],
    };
    expect(areaSquareMeters(line)).toBe(0);
  });
});
