import { describe, expect, it } from 'vitest';
import { assignKelurahan, indexKelurahan } from '../src/domain/kelurahanAssign.ts';
import { SnapIndex } from '../src/domain/snapIndex.ts';
import { kelurahan, square } from './fixtures.ts';

describe('SnapIndex', () => {
  const index = new SnapIndex([square(106.99, -6.26, 0.001)]);

  it('snaps to a vertex in reach, preferring it over the edge', () => {
    expect(index.nearest(106.99002, -6.25999, 0.0001)).toEqual({ position: [106.99, -6.26], kind: 'vertex' });
  });

  it('snaps to the nearest point of an edge', () => {
    const hit = index.nearest(106.99051, -6.25998, 0.0001);
    expect(hit?.kind).toBe('edge');
    expect(hit?.position[0]).toBeCloseTo(106.99051, 9);
    expect(hit?.position[1]).toBeCloseTo(-6.26, 9);
  });

  it('finds nothing out of reach', () => {
    expect(index.nearest(106.9905, -6.2595, 0.0001)).toBeNull();
  });
});

describe('assignKelurahan', () => {
  const a = kelurahan('32.75.01.1001', 'A', ['32.75.01', 'K'], {}, square(106.9, -6.3, 0.01));
  const b = kelurahan('32.75.01.1002', 'B', ['32.75.01', 'K'], {}, square(106.91, -6.3, 0.01));
  const index = indexKelurahan([a, b]);
  const parcel = (x: number, y: number, w: number, h: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
        [x, y],
      ],
    ],
  });

  it('names the kelurahan holding the parcel', () => {
    expect(assignKelurahan(parcel(106.905, -6.295, 0.0003, 0.0002), index)).toEqual({
      kode: '32.75.01.1001',
      nama: 'A',
      outsideRatio: 0,
    });
  });

  it('reports the share outside when the parcel crosses a border', () => {
    // 75 % in B, 25 % in A.
    const result = assignKelurahan(parcel(106.9099, -6.295, 0.0004, 0.0002), index);
    expect(result?.kode).toBe('32.75.01.1002');
    expect(result?.outsideRatio).toBeCloseTo(0.25, 1);
  });

  it('is null outside every kelurahan', () => {
    expect(assignKelurahan(parcel(107.5, -6.295, 0.0003, 0.0002), index)).toBeNull();
  });
});
