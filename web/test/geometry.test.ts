import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bboxOf, labelPoint, multiPolygonContains } from '../src/map/geometry.ts';
import { kecamatanOutlines } from '../src/map/kecamatanOutline.ts';
import { square } from './fixtures.ts';

const multi = (...rings: [number, number][][]): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: rings.map((r) => [r]),
});

describe('geometry helpers', () => {
  it('computes a bounding box', () => {
    expect(bboxOf(multi(square(106.9, -6.3, 0.02)))).toEqual([106.9, -6.3, 106.92, -6.28]);
  });

  it('tests points against polygons with holes', () => {
    const withHole: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 10), square(4, 4, 2)]],
    };
    expect(multiPolygonContains(withHole, 1, 1)).toBe(true);
    expect(multiPolygonContains(withHole, 5, 5)).toBe(false);
    expect(multiPolygonContains(withHole, 11, 1)).toBe(false);
  });

  it('puts labels inside a U-shaped kelurahan whose centroid is outside it', () => {
    // A "U": the centroid (about 5, 4) falls in the notch.
    const u: [number, number][] = [
      [0, 0],
      [0, 10],
      [3, 10],
      [3, 3],
      [7, 3],
      [7, 10],
      [10, 10],
      [10, 0],
      [0, 0],
    ];
    const point = labelPoint(multi(u), 1e-3);
    expect(point).not.toBeNull();
    const [x, y] = point as [number, number];
    expect(multiPolygonContains(multi(u), x, y)).toBe(true);
  });

  it('labels the largest part of a multipolygon', () => {
    const point = labelPoint(multi(square(0, 0, 1), square(5, 5, 3)), 1e-3) as [number, number];
    expect(point[0]).toBeCloseTo(6.5, 1);
    expect(point[1]).toBeCloseTo(6.5, 1);
  });
});

describe('kecamatan outlines from kelurahan', () => {
  const size = 0.01;
  // Four kelurahan in a 2×2 grid: the western column is kecamatan A, the eastern one B.
  const grid = [
    { kecamatanKode: 'A', geometry: multi(square(106.9, -6.3, size)) },
    { kecamatanKode: 'A', geometry: multi(square(106.9, -6.3 + size, size)) },
    { kecamatanKode: 'B', geometry: multi(square(106.9 + size, -6.3, size)) },
    { kecamatanKode: 'B', geometry: multi(square(106.9 + size, -6.3 + size, size)) },
  ];
  const segments = (lines: number[][][]) =>
    lines.flatMap((line) => line.slice(1).map((point, i) => [line[i], point] as [number[], number[]]));
  const isHorizontalMiddle = ([a, b]: [number[], number[]]) =>
    Math.abs((a[1] as number) - (-6.3 + size)) < 1e-9 && Math.abs((b[1] as number) - (-6.3 + size)) < 1e-9;

  it('keeps the outer ring and the border between kecamatan, drops borders inside one', () => {
    const outline = kecamatanOutlines(grid);
    const all = segments(outline.coordinates);
    // 8 outer edges + 2 edges on the A/B border; the two inner east-west edges are dropped.
    expect(all).toHaveLength(10);
    expect(all.filter(isHorizontalMiddle)).toHaveLength(0);
  });

  it.each([
    ['overlap by', -5],
    ['leave a gap of', 5],
  ])('tolerates neighbours that %s a few metres', (_, metres) => {
    // Move the north-west kelurahan off the shared edge, as the source's simplified borders do.
    const shift = (metres as number) / 111_320;
    const moved = grid.map((item, i) =>
      i === 1 ? { ...item, geometry: multi(square(106.9, -6.3 + size + shift, size)) } : item,
    );
    const all = segments(kecamatanOutlines(moved).coordinates);
    const innerA = all.filter(([a, b]) => {
      const ys = [a[1] as number, b[1] as number];
      const midX = ((a[0] as number) + (b[0] as number)) / 2;
      return ys.every((y) => Math.abs(y - (-6.3 + size)) <= Math.abs(shift) + 1e-12) && midX < 106.9 + size;
    });
    expect(innerA).toHaveLength(0);
  });
});
