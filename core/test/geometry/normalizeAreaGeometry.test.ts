import { describe, expect, it } from 'vitest';
import { normalizeAreaGeometry, twiceSignedArea } from '../../src/geometry/normalizeAreaGeometry.ts';
import type { LinearRing, MultiPolygonGeometry, PolygonGeometry } from '../../src/geometry/types.ts';
import { metricMultiPolygon, metricPolygon, rectangle } from './helpers/shapes.ts';

const windings = (rings: LinearRing[]) => rings.map((ring) => Math.sign(twiceSignedArea(ring)));

describe('normalizeAreaGeometry', () => {
  it('makes exteriors counter-clockwise and holes clockwise, whatever the input winding', () => {
    const parcel = metricPolygon([rectangle(40, 40), rectangle(10, 10)]);
    const [exterior, hole] = parcel.coordinates as [LinearRing, LinearRing];
    for (const rings of [
      [exterior, hole],
      [[...exterior].reverse(), hole],
      [exterior, [...hole].reverse()],
      [[...exterior].reverse(), [...hole].reverse()],
    ]) {
      const normalized = normalizeAreaGeometry({ type: 'Polygon', coordinates: rings }) as PolygonGeometry;
      expect(windings(normalized.coordinates)).toEqual([1, -1]);
    }
  });

  it('normalizes every MultiPolygon part, drops altitudes, closes rings, and leaves the input alone', () => {
    const parts = metricMultiPolygon([[rectangle(30, 20)], [rectangle(10, 10, 0, [100, 0])]]);
    const input: MultiPolygonGeometry = {
      type: 'MultiPolygon',
      coordinates: parts.coordinates.map((rings) =>
        rings.map((ring) =>
          [...ring]
            .reverse()
            .slice(0, -1)
            .map(([lon, lat]) => [lon, lat, 20] as [number, number, number]),
        ),
      ),
    };
    const before = JSON.stringify(input);
    const normalized = normalizeAreaGeometry(input) as MultiPolygonGeometry;
    expect(JSON.stringify(input)).toBe(before);
    for (const [exterior] of normalized.coordinates) {
      expect(Math.sign(twiceSignedArea(exterior as LinearRing))).toBe(1);
      expect(exterior?.every((position) => position.length === 2)).toBe(true);
      expect(exterior?.[0]).toEqual(exterior?.[exterior.length - 1]);
    }
  });
});
