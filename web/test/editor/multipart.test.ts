import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  editableGeometry,
  movedVertex,
  pickRing,
  reassemble,
  sameLayout,
  splitForEditing,
} from '../../src/editor/multipart.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

const holed: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
const twoParts: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[square(0, 0, 10), square(4, 4, 2), square(1, 1, 1)], [square(20, 0, 5)]],
};

describe('multi-part and holed parcels in the vertex editor', () => {
  it('edits every polygon and multipolygon; a single-part multipolygon is edited as a polygon', () => {
    expect(editableGeometry(holed)).toBe(holed);
    expect(editableGeometry(twoParts)).toBe(twoParts);
    expect(editableGeometry({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)]] })).toEqual({
      type: 'Polygon',
      coordinates: [square(0, 0, 1)],
    });
    // A single part with a hole stays a MultiPolygon of one part (its type is kept).
    const onePartHoled: MultiPolygon = { type: 'MultiPolygon', coordinates: [holed.coordinates] };
    expect(editableGeometry(onePartHoled)).toBe(onePartHoled);
    expect(editableGeometry(null)).toBeNull();
    // A degenerate ring cannot be edited.
    expect(
      editableGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
  });

  it('splits into one single-ring polygon per outline and hole, and reassembles the same geometry', () => {
    const { layout, rings } = splitForEditing(twoParts);
    expect(rings).toHaveLength(4);
    expect(rings.every((ring) => ring.type === 'Polygon' && ring.coordinates.length === 1)).toBe(true);
    expect(layout.rings).toEqual([
      { part: 0, ring: 0 },
      { part: 0, ring: 1 },
      { part: 0, ring: 2 },
      { part: 1, ring: 0 },
    ]);
    expect(
      reassemble(
        layout,
        rings.map((ring) => ring.coordinates),
      ),
    ).toEqual(twoParts);

    const split = splitForEditing(holed);
    expect(
      reassemble(
        split.layout,
        split.rings.map((ring) => ring.coordinates),
      ),
    ).toEqual(holed);
  });

  it('puts an edited hole back as a hole of its part', () => {
    const { layout, rings } = splitForEditing(twoParts);
    const moved = rings.map((ring) => ring.coordinates);
    const hole = (moved[1] as Position[][])[0] as Position[];
    const edited = [hole[0], [7, 4], ...hole.slice(2)] as Position[];
    moved[1] = [edited];
    const result = reassemble(layout, moved) as MultiPolygon;
    expect(result.coordinates[0]?.[1]).toEqual(edited);
    expect(result.coordinates[0]?.[0]).toEqual(square(0, 0, 10));
    expect(result.coordinates[1]).toEqual([square(20, 0, 5)]);
    expect(movedVertex(twoParts, result)).toEqual([7, 4]);
    expect(movedVertex(twoParts, twoParts)).toBeNull();
  });

  it('refuses to reassemble from the wrong number of rings', () => {
    const { layout } = splitForEditing(holed);
    expect(() => reassemble(layout, [[square(0, 0, 1)]])).toThrow(/2/);
  });

  it('tells whether an update keeps the same rings', () => {
    const a = splitForEditing(twoParts).layout;
    expect(sameLayout(a, splitForEditing(twoParts).layout)).toBe(true);
    expect(sameLayout(a, splitForEditing(holed).layout)).toBe(false);
    expect(sameLayout(null, a)).toBe(false);
  });

  it('picks the innermost ring under a click, or a ring whose outline is near', () => {
    const rings = splitForEditing(holed).rings.map((ring) => ring.coordinates[0] as Position[]);
    // Screen = coordinates × 10 px.
    const project = (p: Position) => ({ x: (p[0] as number) * 10, y: (p[1] as number) * 10 });
    expect(pickRing(rings, { x: 50, y: 50 }, project, 5)).toBe(1);
    expect(pickRing(rings, { x: 20, y: 20 }, project, 5)).toBe(0);
    expect(pickRing(rings, { x: 103, y: 50 }, project, 5)).toBe(0);
    expect(pickRing(rings, { x: 300, y: 300 }, project, 5)).toBeNull();
  });
});
