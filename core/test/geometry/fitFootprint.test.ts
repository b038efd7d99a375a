import geographiclib from 'geographiclib-geodesic';
import { describe, expect, it } from 'vitest';
import { areaSquareMeters } from '../../src/geometry/areaSquareMeters.ts';
import { fitFootprint } from '../../src/geometry/fitFootprint.ts';
import { createLocalProjection } from '../../src/geometry/localProjection.ts';
import type { AreaGeometry, LinearRing, PolygonGeometry } from '../../src/geometry/types.ts';
import { validateAreaGeometry } from '../../src/geometry/validateAreaGeometry.ts';
import fixtureCases from '../fixtures/geometry/footprint-cases.json';
import {
  BEKASI,
  footprintViolation,
  type MetricRing,
  metricMultiPolygon,
  metricPolygon,
  rectangle,
  regularPolygon,
  rotate,
} from './helpers/shapes.ts';
import type { FootprintCase } from './helpers/writeFootprintFixtures.ts';

const { Geodesic } = geographiclib;
const cases = fixtureCases as unknown as FootprintCase[];

/** Asserts the footprint is a closed counter-clockwise W × D rectangle inside the parcel. */
function expectValidFootprint(parcel: AreaGeometry, footprint: PolygonGeometry | null, width = 30, depth = 20) {
  expect(footprint).not.toBeNull();
  const ring = footprint?.coordinates[0] as LinearRing;
  expect(ring).toHaveLength(5);
  expect(ring[4]).toEqual(ring[0]);
  const sides = [0, 1, 2, 3].map((i) => {
    const a = ring[i] as number[];
    const b = ring[i + 1] as number[];
    return Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number).s12 as number;
  });
  for (const [i, length] of sides.entries()) expect(length).toBeCloseTo(i % 2 === 0 ? width : depth, 3);
  expect(areaSquareMeters(footprint as PolygonGeometry)).toBeCloseTo(width * depth, 2);
  // Counter-clockwise: positive shoelace area in lon/lat.
  let twice = 0;
  for (let i = 0; i < 4; i++) {
    const a = ring[i] as number[];
    const b = ring[i + 1] as number[];
    twice += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  expect(twice).toBeGreaterThan(0);
  expect(footprintViolation(parcel, footprint as PolygonGeometry)).toBeNull();
}

describe('fitFootprint on the fixture parcels', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const validation = validateAreaGeometry(entry.geometry);
    expect(validation.ok).toBe(true);
    const result = fitFootprint(entry.geometry);
    expect(result.fits).toBe(entry.expected.fits);
    if (entry.expected.slackMeters) {
      const [low, high] = entry.expected.slackMeters;
      expect(result.slackMeters).toBeGreaterThanOrEqual(low);
      expect(result.slackMeters).toBeLessThanOrEqual(high);
    }
    if (entry.expected.fits) {
      expectValidFootprint(entry.geometry, result.footprint);
      expect(result.rotationDegrees).toBeGreaterThanOrEqual(0);
      expect(result.rotationDegrees).toBeLessThan(180);
    } else {
      expect(result.footprint).toBeNull();
      expect(result.rotationDegrees).toBeNull();
      expect(result.slackMeters).toBeLessThan(0);
    }
  });
});

describe('fitFootprint at arbitrary angles', () => {
  // Every 7.3° plus a few awkward ones, each with an off-centre position.
  const angles = [...Array.from({ length: 25 }, (_, i) => i * 7.3), 89.99, 0.01, 135.5];

  it.each(angles)('decides near misses of ±15 cm turned %s°', (angle) => {
    const center: [number, number] = [13 * Math.sin(angle), -7 * Math.cos(angle)];
    const fits = metricPolygon([rectangle(30.15, 20.15, angle, center)]);
    const result = fitFootprint(fits);
    expect(result.fits).toBe(true);
    expect(result.slackMeters).toBeCloseTo(0.15, 2);
    expectValidFootprint(fits, result.footprint);
    // The long side follows the parcel's long side: bearing = 90° - angle, modulo 180°.
    const bearing = (((90 - angle) % 180) + 180) % 180;
    const difference = Math.abs((result.rotationDegrees as number) - bearing);
    expect(Math.min(difference, 180 - difference)).toBeLessThan(0.01);

    for (const [width, depth] of [
      [29.85, 20.15],
      [30.15, 19.85],
      [29.85, 19.85],
    ] as const) {
      const miss = fitFootprint(metricPolygon([rectangle(width, depth, angle, center)]));
      expect(miss.fits).toBe(false);
      expect(miss.slackMeters).toBeCloseTo(-0.15, 2);
    }
  });

  it('is exact to a centimetre: 30.01 × 20.01 fits, 29.99 × 20.01 does not', () => {
    for (const angle of [0, 33.3, 61]) {
      expect(fitFootprint(metricPolygon([rectangle(30.01, 20.01, angle)])).fits).toBe(true);
      expect(fitFootprint(metricPolygon([rectangle(29.99, 20.01, angle)])).fits).toBe(false);
      expect(fitFootprint(metricPolygon([rectangle(30.01, 19.99, angle)])).fits).toBe(false);
    }
  });

  it('accepts an exact fit (touching every side) within the 1 mm contact tolerance', () => {
    const result = fitFootprint(metricPolygon([rectangle(30, 20, 41)]));
    expect(result.fits).toBe(true);
    expect(result.slackMeters).toBe(0);
  });
});

describe('fitFootprint on other shapes', () => {
  it('never fits a 10 m strip, however long', () => {
    for (const length of [40, 300, 1000]) {
      const result = fitFootprint(metricPolygon([rectangle(length, 10, 12)]));
      expect(result.fits).toBe(false);
      // Both sides must shrink by 10 m: a 20 × 10 rectangle fits the strip.
      expect(result.slackMeters).toBeCloseTo(-10, 1);
    }
  });

  it('places the footprint in the only arm wide enough', () => {
    const parcel = metricPolygon([
      [
        [0, 0],
        [60, 0],
        [60, 22],
        [15, 22],
        [15, 60],
        [0, 60],
      ],
    ]);
    const result = fitFootprint(parcel);
    expect(result.fits).toBe(true);
    const projection = createLocalProjection(BEKASI);
    for (const corner of result.footprint?.coordinates[0] ?? []) {
      const [, y] = projection.toLocalMeters(corner);
      expect(y).toBeLessThanOrEqual(22.001);
    }
  });

  it('fits a disk of 18.3 m radius at any orientation of its polygon, and never one of 17.9 m', () => {
    for (const turn of [0, 0.7, 1.3]) {
      expect(fitFootprint(metricPolygon([rotate(regularPolygon(18.3, 256), turn)])).fits).toBe(true);
      expect(fitFootprint(metricPolygon([rotate(regularPolygon(17.9, 256), turn)])).fits).toBe(false);
    }
  });

  it('uses any part of a MultiPolygon, and only where it fits', () => {
    const parcel = metricMultiPolygon([[rectangle(25, 25, 5)], [rectangle(32, 22, 64, [100, 0])]]);
    const result = fitFootprint(parcel);
    expect(result.fits).toBe(true);
    const projection = createLocalProjection(BEKASI);
    for (const corner of result.footprint?.coordinates[0] ?? []) {
      expect(projection.toLocalMeters(corner)[0]).toBeGreaterThan(80);
    }
  });

  it('respects holes: a hole across the only wide place blocks the fit', () => {
    const open = metricPolygon([rectangle(34, 24)]);
    expect(fitFootprint(open).fits).toBe(true);
    const blocked = metricPolygon([rectangle(34, 24), rectangle(1, 1, 0, [3, 2])]);
    expect(fitFootprint(blocked).fits).toBe(false);
    // A hole in a corner leaves room.
    const cornerHole = metricPolygon([rectangle(34, 24), rectangle(1.5, 1.5, 0, [16, 11])]);
    const result = fitFootprint(cornerHole);
    expect(result.fits).toBe(true);
    expectValidFootprint(cornerHole, result.footprint);
  });

  it('does not depend on ring winding', () => {
    const ring: MetricRing = [
      [0, 0],
      [42, 3],
      [38, 31],
      [4, 24],
    ];
    const forward = fitFootprint(metricPolygon([ring]));
    const backward = fitFootprint(metricPolygon([[...ring].reverse()]));
    expect(backward.fits).toBe(forward.fits);
    expect(backward.slackMeters).toBeCloseTo(forward.slackMeters as number, 2);
  });

  it('fits other footprint sizes, with the bearing of the longer side', () => {
    const parcel = metricPolygon([rectangle(12.5, 40.2, 0)]);
    const tall = fitFootprint(parcel, { widthMeters: 10, depthMeters: 40 });
    expect(tall.fits).toBe(true);
    // The 40 m side runs north-south.
    expect(Math.min(tall.rotationDegrees as number, 180 - (tall.rotationDegrees as number))).toBeLessThan(0.01);
    expectValidFootprint(parcel, tall.footprint, 10, 40);
    expect(fitFootprint(parcel).fits).toBe(false);
    expect(fitFootprint(parcel, { widthMeters: 41, depthMeters: 10 }).fits).toBe(false);
  });

  it('refuses footprint sides that are not positive numbers', () => {
    const parcel = metricPolygon([rectangle(40, 40)]);
    expect(() => fitFootprint(parcel, { widthMeters: 0 })).toThrow(RangeError);
    expect(() => fitFootprint(parcel, { depthMeters: Number.NaN })).toThrow(RangeError);
  });

  it('returns a null slack when not even a sliver fits', () => {
    const result = fitFootprint(metricPolygon([rectangle(30, 0.005)]));
    expect(result).toEqual({ fits: false, footprint: null, rotationDegrees: null, slackMeters: null });
  });
});

describe('fitFootprint on large irregular parcels', () => {
  /** A seeded star-shaped parcel: radius wobbles with angle, like a digitised irregular boundary. */
  function star(vertices: number, seed: number): PolygonGeometry {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const phase = random() * 6;
    const ring: MetricRing = Array.from({ length: vertices }, (_, i) => {
      const angle = (2 * Math.PI * i) / vertices;
      const radius = 24 * (1 + 0.15 * Math.cos(3 * angle + phase) + 0.03 * (random() - 0.5));
      return [radius * Math.cos(angle), radius * Math.sin(angle)];
    });
    return metricPolygon([ring]);
  }

  // Speed is measured by scripts/bench/footprint.ts, never asserted here: these check that large, irregular
  // parcels get an answer whose footprint, when there is one, really lies inside.
  it('answers for 100- and 1,000-vertex parcels with a footprint inside the parcel', () => {
    const parcels = [...Array.from({ length: 5 }, (_, i) => star(100, i + 1)), star(1000, 1)];
    for (const parcel of parcels) {
      const fit = fitFootprint(parcel);
      expect(fit.fits).toBe(fit.footprint !== null);
      if (fit.footprint) expect(areaSquareMeters(fit.footprint)).toBeCloseTo(600, 0);
    }
  });
});
