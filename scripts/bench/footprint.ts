/**
 * Benchmark of the parcel geometry core: fitFootprint and areaSquareMeters on seeded random parcels
 * at Bekasi coordinates. Prints figures only (no assertions), so it can run on any machine.
 *
 *   npx tsx scripts/bench/footprint.ts [--parcels 200] [--seed 20240601]
 *
 * Classes: rectangles, 10 m strips, L-shapes, and irregular star-shaped polygons of 10, 100 and
 * 1,000 vertices, all between 200 and 3,000 m². For each class it reports median and p99 milliseconds
 * per parcel, the share of parcels that hold the default 30 × 20 m footprint, and the cost of
 * fitFootprint relative to areaSquareMeters on the same parcels (a baseline measured in the same run,
 * so the ratio survives a slower or faster machine). For context it also prints the median cost of
 * the other per-parcel geometry work: largestInscribedCircleRadiusMeters and validateAreaGeometry.
 *
 * Each parcel is timed several times and its median kept, so one garbage collection does not count
 * as the parcel's cost; the class figures are the median and 99th percentile over parcels.
 */
import { areaSquareMeters } from '../../core/src/geometry/areaSquareMeters.ts';
import { fitFootprint } from '../../core/src/geometry/fitFootprint.ts';
import { largestInscribedCircleRadiusMeters } from '../../core/src/geometry/largestInscribedCircle.ts';
import { createLocalProjection } from '../../core/src/geometry/localProjection.ts';
import type { PolygonGeometry } from '../../core/src/geometry/types.ts';
import { validateAreaGeometry } from '../../core/src/geometry/validateAreaGeometry.ts';
import { prng as seededRandom } from './syntheticParcels.ts';

type MetricRing = [number, number][];

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

const PARCELS = argument('parcels', 200);
const SEED = argument('seed', 20240601);

const random = seededRandom(SEED);
const between = (low: number, high: number) => low + (high - low) * random();

function rectangle(width: number, depth: number): MetricRing {
  return [
    [-width / 2, -depth / 2],
    [width / 2, -depth / 2],
    [width / 2, depth / 2],
    [-width / 2, depth / 2],
  ];
}

function lShape(area: number): MetricRing {
  // Two arms of random widths; scaled afterwards to the wanted area.
  const arm = between(12, 30);
  const a = between(arm + 10, 70);
  const b = between(arm + 10, 70);
  return scaleToArea(
    [
      [0, 0],
      [a, 0],
      [a, arm],
      [arm, arm],
      [arm, b],
      [0, b],
    ],
    area,
  );
}

/** A star-shaped polygon: radius varies smoothly with angle (a few harmonics) plus vertex jitter. */
function star(vertices: number, area: number): MetricRing {
  const harmonics = Array.from({ length: 4 }, (_, k) => ({
    amplitude: between(0, 0.25 / (k + 1)),
    phase: between(0, 2 * Math.PI),
    order: k + 2,
  }));
  const jitter = between(0, 0.05);
  const ring: MetricRing = [];
  for (let i = 0; i < vertices; i++) {
    const angle = ((i + between(-0.3, 0.3)) * 2 * Math.PI) / vertices;
    let radius = 1;
    for (const h of harmonics) radius += h.amplitude * Math.cos(h.order * angle + h.phase);
    radius *= 1 + between(-jitter, jitter);
    ring.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
  }
  return scaleToArea(ring, area);
}

function scaleToArea(ring: MetricRing, area: number): MetricRing {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    twice += xj * yi - xi * yj;
  }
  const factor = Math.sqrt(area / Math.abs(twice / 2));
  return ring.map(([x, y]) => [x * factor, y * factor]);
}

/** Places a metric ring at a random spot and bearing in Bekasi and returns it as GeoJSON. */
function toBekasi(ring: MetricRing): PolygonGeometry {
  const projection = createLocalProjection([between(106.95, 107.05), between(-6.3, -6.2)]);
  const angle = between(0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const positions = ring.map(([x, y]) => projection.toLonLat([x * cos - y * sin, x * sin + y * cos]));
  positions.push(positions[0] as [number, number]);
  return { type: 'Polygon', coordinates: [positions] };
}

const classes: { name: string; make: () => MetricRing }[] = [
  { name: 'rectangle (4)', make: () => scaleToArea(rectangle(between(15, 60), between(10, 50)), between(200, 3000)) },
  { name: 'strip 10 m (4)', make: () => rectangle(10, between(20, 300)) },
  { name: 'L-shape (6)', make: () => lShape(between(200, 3000)) },
  { name: 'star 10', make: () => star(10, between(200, 3000)) },
  { name: 'star 100', make: () => star(100, between(200, 3000)) },
  { name: 'star 1,000', make: () => star(1000, between(200, 3000)) },
];

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Median time of `run` over `repeats` calls, so sub-millisecond calls are not lost in timer noise. */
function timeMs(run: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return percentile(samples, 0.5);
}

const format = (value: number) => value.toFixed(value < 0.1 ? 4 : 3);

// Warm up the JIT on every class so the first class is not penalised.
for (const { make } of classes) {
  for (let i = 0; i < 5; i++) {
    const geometry = toBekasi(make());
    fitFootprint(geometry);
    areaSquareMeters(geometry);
  }
}

console.log(`fitFootprint 30 × 20 m, ${PARCELS} parcels per class, seed ${SEED}, node ${process.version}`);
console.log(
  [
    'class'.padEnd(16),
    'fits'.padStart(6),
    'fit med ms'.padStart(11),
    'fit p99 ms'.padStart(11),
    'area med ms'.padStart(12),
    'area p99 ms'.padStart(12),
    'fit/area'.padStart(9),
    'circle med'.padStart(11),
    'valid. med'.padStart(11),
  ].join(' '),
);
for (const { name, make } of classes) {
  const fitTimes: number[] = [];
  const areaTimes: number[] = [];
  const validateTimes: number[] = [];
  const circleTimes: number[] = [];
  const ratios: number[] = [];
  let fitting = 0;
  for (let i = 0; i < PARCELS; i++) {
    const geometry = toBekasi(make());
    const repeats = (geometry.coordinates[0]?.length ?? 0) > 500 ? 3 : 7;
    const fitMs = timeMs(() => fitFootprint(geometry), repeats);
    const areaMs = timeMs(() => areaSquareMeters(geometry), repeats);
    validateTimes.push(timeMs(() => validateAreaGeometry(geometry), repeats));
    circleTimes.push(timeMs(() => largestInscribedCircleRadiusMeters(geometry), repeats));
    if (fitFootprint(geometry).fits) fitting++;
    fitTimes.push(fitMs);
    areaTimes.push(areaMs);
    ratios.push(fitMs / areaMs);
  }
  for (const list of [fitTimes, areaTimes, validateTimes, circleTimes, ratios]) list.sort((a, b) => a - b);
  console.log(
    [
      name.padEnd(16),
      `${Math.round((100 * fitting) / PARCELS)}%`.padStart(6),
      format(percentile(fitTimes, 0.5)).padStart(11),
      format(percentile(fitTimes, 0.99)).padStart(11),
      format(percentile(areaTimes, 0.5)).padStart(12),
      format(percentile(areaTimes, 0.99)).padStart(12),
      `${percentile(ratios, 0.5).toFixed(1)}×`.padStart(9),
      format(percentile(circleTimes, 0.5)).padStart(11),
      format(percentile(validateTimes, 0.5)).padStart(11),
    ].join(' '),
  );
}
