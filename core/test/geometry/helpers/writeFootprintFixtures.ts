/**
 * Writes core/test/fixtures/geometry/footprint-cases.json: parcels built in meters (see shapes.ts),
 * projected to WGS 84 at Bekasi, each with the outcome for the default 30 × 20 m footprint and the
 * reason that outcome is certain. Run after changing a case:
 *
 *   npx tsx core/test/geometry/helpers/writeFootprintFixtures.ts
 */
import { writeFileSync } from 'node:fs';
import type { AreaGeometry, LonLat } from '../../../src/geometry/types.ts';
import { metricMultiPolygon, metricPolygon, rectangle, regularPolygon, rotate, translate } from './shapes.ts';

export interface FootprintCase {
  name: string;
  /** Why the expected outcome is certain (a proof by hand, not a run of the code). */
  why: string;
  geometry: AreaGeometry;
  expected: {
    fits: boolean;
    /** Inclusive bounds on slackMeters. */
    slackMeters?: [number, number];
  };
}

// Coordinates rounded to 1e-9° (0.1 mm): plenty for a fixture, and stable in a diff.
const round = (geometry: AreaGeometry): AreaGeometry =>
  JSON.parse(
    JSON.stringify(geometry, (_key, value) => (typeof value === 'number' ? Math.round(value * 1e9) / 1e9 : value)),
  );

const cases: FootprintCase[] = [];
const add = (entry: FootprintCase) => cases.push({ ...entry, geometry: round(entry.geometry) });

for (const angle of [0, 17, 45, 73.3]) {
  add({
    name: `rectangle 30.15 × 20.15 turned ${angle}°`,
    why: 'The 30 × 20 footprint fits aligned with 7.5 cm to spare on every side; both sides can grow by 15 cm and no more (a rectangle in a rectangle is largest when aligned).',
    geometry: metricPolygon([rectangle(30.15, 20.15, angle)]),
    expected: { fits: true, slackMeters: [0.148, 0.152] },
  });
  add({
    name: `rectangle 29.85 × 20.15 turned ${angle}°`,
    why: 'Turned by α in [0°, 90°], 30 cos α + 20 sin α ≤ 29.85 needs α ≥ 67.8°, and then 30 sin α + 20 cos α ≥ 30 > 20.15: no position fits. Shrinking both sides by 15 cm fits aligned.',
    geometry: metricPolygon([rectangle(29.85, 20.15, angle)]),
    expected: { fits: false, slackMeters: [-0.152, -0.148] },
  });
  add({
    name: `rectangle 30.15 × 19.85 turned ${angle}°`,
    why: 'Turned by α in [0°, 90°], 30 sin α + 20 cos α = 36.06 sin(α + 33.7°) ≥ 20 > 19.85: no position fits. Shrinking both sides by 15 cm fits aligned.',
    geometry: metricPolygon([rectangle(30.15, 19.85, angle)]),
    expected: { fits: false, slackMeters: [-0.152, -0.148] },
  });
}

add({
  name: 'strip 10 m wide, 200 m long',
  why: 'The footprint contains a disk of diameter 20 m, which a 10 m strip cannot hold.',
  geometry: metricPolygon([rectangle(200, 10, 23)]),
  expected: { fits: false },
});

const oneArm = [
  [0, 0],
  [60, 0],
  [60, 22],
  [15, 22],
  [15, 60],
  [0, 60],
] as [number, number][];
add({
  name: 'L-shape: fits in the 22 m arm only',
  why: 'The horizontal arm is 60 × 22 m and holds the footprint with 1 m to spare on each long side; the vertical arm is 15 m wide, narrower than the 20 m disk inside the footprint.',
  geometry: metricPolygon([translate(oneArm, -30, -30)]),
  expected: { fits: true, slackMeters: [1.99, 2.01] },
});

const narrowArms = [
  [0, 0],
  [80, 0],
  [80, 15],
  [15, 15],
  [15, 80],
  [0, 80],
] as [number, number][];
add({
  name: 'L-shape: 2,175 m² but both arms 15 m wide',
  why: 'The footprint contains a disk of radius 10 m. The widest disk in this L sits in the corner, on the diagonal at c = 15√2/(1+√2) = 8.79 m from both outer sides: radius 8.79 m < 10 m.',
  geometry: metricPolygon([rotate(translate(narrowArms, -40, -40), 31)]),
  expected: { fits: false },
});

add({
  name: 'right triangle with legs 60 × 40',
  why: 'Exactly one placement: in the right angle, with its far corner on the hypotenuse (30/60 + 20/40 = 1). A rectangle in a triangle covers at most half of it (1,200 m² / 2 = 600 m²), so there is no room to grow.',
  geometry: metricPolygon([
    rotate(
      translate(
        [
          [0, 0],
          [60, 0],
          [0, 40],
        ],
        -20,
        -13,
      ),
      12,
    ),
  ]),
  expected: { fits: true, slackMeters: [0, 0.001] },
});

add({
  name: 'thin right triangle with legs 100 × 15',
  why: 'Its inscribed circle has radius (100 + 15 - 101.12) / 2 = 6.94 m, less than the 10 m disk inside the footprint.',
  geometry: metricPolygon([
    translate(
      [
        [0, 0],
        [100, 0],
        [0, 15],
      ],
      -33,
      -5,
    ),
  ]),
  expected: { fits: false },
});

add({
  name: 'disk of radius 18.3 m (regular 256-gon)',
  why: 'The 256-gon contains the circle of radius 18.3 cos(π/256) = 18.2986 m, and the footprint’s half-diagonal is 18.028 m: it fits centred at any angle. Both sides can grow until the half-diagonal reaches 18.2986–18.3 m: slack 0.3906–0.3924 m.',
  geometry: metricPolygon([regularPolygon(18.3, 256)]),
  expected: { fits: true, slackMeters: [0.39, 0.393] },
});

add({
  name: 'disk of radius 17.9 m (regular 256-gon)',
  why: 'Every chord is at most 35.8 m, shorter than the footprint’s 36.06 m diagonal. Shrinking both sides by 0.185–0.186 m brings the diagonal to 35.80 m.',
  geometry: metricPolygon([regularPolygon(17.9, 256)]),
  expected: { fits: false, slackMeters: [-0.188, -0.184] },
});

add({
  name: '40 × 40 square with a central 12 × 12 hole',
  why: 'The footprint holds a disk of radius 10 around its centre, so the centre must be 10 m from the outer sides (within [10, 30]²) and 10 m from the hole ([14, 26]²); every point of [10, 30]² is within 5.66 m of the hole.',
  geometry: metricPolygon([rectangle(40, 40, 8), rectangle(12, 12, 8)]),
  expected: { fits: false },
});

add({
  name: '40 × 60 rectangle with a 12 × 12 hole near one end',
  why: 'The 40 × 40 end without the hole holds a 40 × 30 rectangle aligned (both sides grown by 10 m).',
  geometry: metricPolygon([rectangle(40, 60, -21), rotate(translate(rectangle(12, 12), 0, 16), -21)]),
  expected: { fits: true, slackMeters: [9.98, 10.05] },
});

add({
  name: 'MultiPolygon: a 25 × 25 square and, 100 m away, a 32 × 22 rectangle',
  why: 'In a 25 × 25 square, the two extents 30 cos α + 20 sin α and 30 sin α + 20 cos α sum to 50 (sin α + cos α) ≥ 50, so both cannot be ≤ 25. The second part holds it with 2 m to spare on each side.',
  geometry: metricMultiPolygon([[rectangle(25, 25, 5)], [rectangle(32, 22, 64, [100, 0])]]),
  expected: { fits: true, slackMeters: [1.99, 2.01] },
});

// A surveyed-looking parcel in Kota Bekasi: a skewed quadrilateral, not a rectangle.
const bekasi: [number, number][] = [
  [0, 0],
  [36.4, 2.1],
  [34.9, 27.3],
  [-1.2, 24.8],
];
add({
  name: 'quadrilateral parcel near lon 107.00, lat -6.24',
  why: 'It contains the rectangle with corners (1, 3), (33, 3), (33, 24), (1, 24) in its own metric plane: 32 × 21 m, so the 30 × 20 footprint fits with at least 1 m of growth.',
  geometry: metricPolygon([rotate(bekasi, 12)], [107.00213, -6.23874] as LonLat),
  expected: { fits: true, slackMeters: [1, 10] },
});

const outFile = new URL('../../fixtures/geometry/footprint-cases.json', import.meta.url);
// One position per line keeps the file readable and diffs small.
const json = JSON.stringify(cases, null, 1).replace(/\[\s+(-?[\d.e-]+),\s+(-?[\d.e-]+)\s+\]/g, '[$1, $2]');
writeFileSync(outFile, `${json}\n`);
console.log(`wrote ${cases.length} cases to ${outFile.pathname}`);
