import geographiclib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { createLocalProjection } from '../../src/geometry/localProjection.ts';
import { BEKASI } from './helpers/shapes.ts';

const { Geodesic } = geographiclib;

function geodesicMeters(a: readonly number[], b: readonly number[]): number {
  return Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).s12 as number;
}

describe('createLocalProjection', () => {
  const projection = createLocalProjection(BEKASI);

  it('maps the origin to (0, 0) and north to +y, east to +x', () => {
    const [x, y] = projection.toLocalMeters(BEKASI);
    expect(Math.hypot(x, y)).toBeLessThan(1e-6);
    const [ex, ey] = projection.toLocalMeters([BEKASI[0] + 0.001, BEKASI[1]]);
    expect(ex).toBeGreaterThan(110);
    expect(Math.abs(ey)).toBeLessThan(0.01);
    const [nx, ny] = projection.toLocalMeters([BEKASI[0], BEKASI[1] + 0.001]);
    expect(ny).toBeGreaterThan(110);
    expect(Math.abs(nx)).toBeLessThan(1e-6);
  });

  it('round-trips meters to lon/lat and back to a micrometre', () => {
    for (const point of [
      [0, 0],
      [30, 20],
      [-750, 410],
      [1000, -1000],
    ] as const) {
      const back = projection.toLocalMeters(projection.toLonLat(point));
      expect(Math.hypot(back[0] - point[0], back[1] - point[1])).toBeLessThan(1e-6);
    }
  });

  it('keeps geodesic distances from the origin to 0.01 mm within 1 km', () => {
    for (const point of [
      [1000, 0],
      [0, -1000],
      [-600, 800],
    ] as const) {
      const lonLat = projection.toLonLat(point);
      expect(Math.abs(geodesicMeters(BEKASI, lonLat) - Math.hypot(point[0], point[1]))).toBeLessThan(1e-5);
    }
  });

  it('keeps a 1 km segment 1 km away to far below 1 cm', () => {
    const a = projection.toLonLat([1000, -500]);
    const b = projection.toLonLat([1000, 500]);
    expect(Math.abs(geodesicMeters(a, b) - 1000)).toBeLessThan(1e-4);
    const c = projection.toLonLat([-1000, 1000]);
    const d = projection.toLonLat([-300, 1700]);
    expect(Math.abs(geodesicMeters(c, d) - Math.hypot(700, 700))).toBeLessThan(1e-4);
  });

  it('preserves bearings: a line due north-east in the plane has azimuth 45°', () => {
    const a = projection.toLonLat([0, 0]);
    const b = projection.toLonLat([300, 300]);
    const azimuth = Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0]).azi1 as number;
    expect(azimuth).toBeCloseTo(45, 5);
  });

  it('ignores an altitude and refuses an invalid origin', () => {
    expect(projection.toLocalMeters([BEKASI[0], BEKASI[1], 35])).toEqual(projection.toLocalMeters(BEKASI));
    expect(() => createLocalProjection([Number.NaN, 0])).toThrow(RangeError);
    expect(() => createLocalProjection([107, 95])).toThrow(RangeError);
  });
});
