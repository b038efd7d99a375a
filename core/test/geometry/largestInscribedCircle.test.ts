import { describe, expect, it } from 'vitest';
import { largestInscribedCircleRadiusMeters } from '../../src/geometry/largestInscribedCircle.ts';
import { metricMultiPolygon, metricPolygon, rectangle, regularPolygon } from './helpers/shapes.ts';

describe('largestInscribedCircleRadiusMeters', () => {
  it('is half the short side of a rectangle, at any angle', () => {
    for (const angle of [0, 28, 77.7]) {
      expect(largestInscribedCircleRadiusMeters(metricPolygon([rectangle(30, 20, angle)]))).toBeCloseTo(10, 2);
      expect(largestInscribedCircleRadiusMeters(metricPolygon([rectangle(200, 10, angle)]))).toBeCloseTo(5, 2);
    }
  });

  it('is the inradius of a regular polygon approximating a disk', () => {
    const radius = largestInscribedCircleRadiusMeters(metricPolygon([regularPolygon(18.3, 256)]));
    expect(radius).toBeCloseTo(18.3 * Math.cos(Math.PI / 256), 2);
  });

  it('avoids holes and takes the best MultiPolygon part', () => {
    // A central 12 m hole in a 40 m square: the best circle sits in a corner band, touching the hole
    // corner and two outer sides: centre (c, c) with c = 14√2 / (1 + √2) from the corner.
    const withHole = metricPolygon([rectangle(40, 40), rectangle(12, 12)]);
    expect(largestInscribedCircleRadiusMeters(withHole)).toBeCloseTo((14 * Math.SQRT2) / (1 + Math.SQRT2), 2);
    const parts = metricMultiPolygon([[rectangle(10, 10)], [rectangle(24, 50, 0, [300, 0])]]);
    expect(largestInscribedCircleRadiusMeters(parts)).toBeCloseTo(12, 2);
  });

  it('gives a right triangle its inradius (a + b - c) / 2', () => {
    const triangle = metricPolygon([
      [
        [0, 0],
        [60, 0],
        [0, 40],
      ],
    ]);
    expect(largestInscribedCircleRadiusMeters(triangle)).toBeCloseTo((60 + 40 - Math.hypot(60, 40)) / 2, 2);
  });

  it('is exact on a convex quadrilateral: a rhombus with 40 and 30 m diagonals has r = area / semiperimeter = 12', () => {
    const rhombus = metricPolygon([
      [
        [-20, 0],
        [0, -15],
        [20, 0],
        [0, 15],
      ],
    ]);
    expect(largestInscribedCircleRadiusMeters(rhombus)).toBeCloseTo(12, 6);
  });

  it('finds the corner circle of an L-shape, wider than either arm allows alone', () => {
    // Arms 22 and 15 m wide. The circle in the outer corner touches both outer sides and the inner
    // corner (15, 22): (15 - r)² + (22 - r)² = r², so r = (74 - √2640) / 2 = 11.31 m > 11 m.
    const lShape = metricPolygon([
      [
        [0, 0],
        [60, 0],
        [60, 22],
        [15, 22],
        [15, 60],
        [0, 60],
      ],
    ]);
    expect(largestInscribedCircleRadiusMeters(lShape)).toBeCloseTo((74 - Math.sqrt(2640)) / 2, 2);
  });

  it('honours the precision and refuses a non-positive one', () => {
    const parcel = metricPolygon([rectangle(33, 21, 10)]);
    expect(Math.abs(largestInscribedCircleRadiusMeters(parcel, { precisionMeters: 0.0005 }) - 10.5)).toBeLessThan(
      0.0005,
    );
    expect(() => largestInscribedCircleRadiusMeters(parcel, { precisionMeters: 0 })).toThrow(RangeError);
  });
});
