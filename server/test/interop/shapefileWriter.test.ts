import { parseDbf, parseShp } from 'shpjs';
import { describe, expect, it } from 'vitest';
import { parcelColumns } from '../../src/interop/parcelColumns.ts';
import { dbfTable } from '../../src/interop/write/dbf.ts';
import { polygonShapefile } from '../../src/interop/write/shp.ts';

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const signedArea = (ring: number[][]) =>
  ring.slice(0, -1).reduce((sum, [x1 = 0, y1 = 0], i) => {
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    return sum + x1 * y2 - x2 * y1;
  }, 0) / 2;

describe('Shapefile writer', () => {
  it('writes outer rings clockwise and holes counter-clockwise, and reads back as the same parcels', () => {
    const withHole = [[square(107, -6.25, 0.001), [...square(107.0004, -6.2496, 0.0002)].reverse()]];
    const twoParts = [[square(107.01, -6.25, 0.0005)], [square(107.02, -6.25, 0.0005)]];
    const { shp, shx } = polygonShapefile([withHole, twoParts]);
    expect(shx.length).toBe(100 + 2 * 8);
    expect(shp.readInt32BE(24) * 2).toBe(shp.length);

    // First record as written: ring 0 (the exterior) clockwise, ring 1 (the hole) counter-clockwise.
    const content = 100 + 8;
    const ringCount = shp.readInt32LE(content + 36);
    const pointCount = shp.readInt32LE(content + 40);
    const starts = Array.from({ length: ringCount }, (_, i) => shp.readInt32LE(content + 44 + 4 * i));
    const points = Array.from({ length: pointCount }, (_, i) => {
      const at = content + 44 + 4 * ringCount + 16 * i;
      return [shp.readDoubleLE(at), shp.readDoubleLE(at + 8)];
    });
    const written = starts.map((start, i) => points.slice(start, starts[i + 1] ?? pointCount));
    expect(written.map((ring) => Math.sign(signedArea(ring)))).toEqual([-1, 1]);

    const geometries = parseShp(shp);
    expect(geometries[0]).toMatchObject({ type: 'Polygon' });
    const polygon = geometries[0]?.coordinates as number[][][];
    expect(polygon).toHaveLength(2);
    expect(Math.sign(signedArea(polygon[0] ?? []))).not.toBe(Math.sign(signedArea(polygon[1] ?? [])));
    expect(geometries[1]).toMatchObject({ type: 'MultiPolygon' });
    expect(geometries[1]?.coordinates).toHaveLength(2);
  });

  it('writes UTF-8 text cut at a character boundary, blank numbers and dates as dBase types', () => {
    const long = 'é'.repeat(200);
    const dbf = dbfTable(
      [
        { name: 'notes', type: 'text' },
        { name: 'rank', type: 'integer' },
        { name: 'luas_m2', type: 'real', decimals: 3 },
        { name: 'tanggal', type: 'date' },
        { name: 'kosong', type: 'text' },
      ],
      [
        [long, 2, 1200.5, '2019-12-01', 'true'],
        ['Kali Malang ✓', null, null, null, null],
      ],
    );
    const records = parseDbf(dbf, 'UTF-8');
    expect(records[0]?.notes).toBe('é'.repeat(127));
    expect(records[0]).toMatchObject({ rank: 2, luas_m2: 1200.5, kosong: 'true' });
    expect((records[0]?.tanggal as Date | undefined)?.getDate()).toBe(1);
    expect(records[1]?.notes).toBe('Kali Malang ✓');
    expect(Number.isNaN(records[1]?.rank)).toBe(true);
  });

  it('gives every export column a unique dBase name of at most 10 characters', () => {
    const names = parcelColumns.map((column) => column.shp);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name.length, name).toBeLessThanOrEqual(10);
  });
});
