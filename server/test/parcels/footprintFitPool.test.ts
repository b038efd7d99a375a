import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type AreaGeometry, type FootprintFit, fitFootprint, type LonLat } from '@tapak/core';
import { afterAll, describe, expect, it } from 'vitest';
import { prng } from '../../../tests/support/prng.ts';
import { createFootprintFitPool, FootprintFitError, type FootprintSize } from '../../src/parcels/footprintFitPool.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const poolModuleUrl = pathToFileURL(path.join(repoRoot, 'server/src/parcels/footprintFitPool.ts')).href;
const standardSize: FootprintSize = { widthMeters: 30, depthMeters: 20 };

type MetricRing = [xMeters: number, yMeters: number][];

const METERS_PER_DEGREE_LATITUDE = 110_574;

/** Local meters around (lon, lat) to a closed `[lon, lat]` ring; near enough to geodesic for test shapes. */
function toLonLatRing(ring: MetricRing, originLon: number, originLat: number): LonLat[] {
  const metersPerDegreeLongitude = 111_320 * Math.cos((originLat * Math.PI) / 180);
  const lonLat = ring.map(
    ([x, y]): LonLat => [originLon + x / metersPerDegreeLongitude, originLat + y / METERS_PER_DEGREE_LATITUDE],
  );
  lonLat.push([...(lonLat[0] as LonLat)]);
  return lonLat;
}

function turn(ring: MetricRing, angleRadians: number): MetricRing {
  const cos = Math.cos(angleRadians);
  const sin = Math.sin(angleRadians);
  return ring.map(([x, y]) => [x * cos - y * sin, x * sin + y * cos]);
}

const rectangle = (widthMeters: number, depthMeters: number): MetricRing => [
  [0, 0],
  [widthMeters, 0],
  [widthMeters, depthMeters],
  [0, depthMeters],
];

/**
 * Parcels of every kind the pool must fit exactly as the main thread does: turned rectangles, L-shapes,
 * triangles, star-shaped polygons with many vertices, MultiPolygons, parcels with a hole, and ones too small.
 * Each lies somewhere else in Kota Bekasi, so the local projections differ too.
 */
function varietyOfParcels(count: number): string[] {
  const random = prng(20_250_611);
  const between = (low: number, high: number) => low + (high - low) * random();
  const parcels: string[] = [];
  for (let index = 0; index < count; index++) {
    const originLon = between(106.95, 107.05);
    const originLat = between(-6.35, -6.15);
    const angle = between(0, Math.PI);
    const polygon = (...rings: MetricRing[]): AreaGeometry => ({
      type: 'Polygon',
      coordinates: rings.map((ring) => toLonLatRing(turn(ring, angle), originLon, originLat)),
    });
    let geometry: AreaGeometry;
    switch (index % 7) {
      case 0:
        geometry = polygon(rectangle(between(15, 80), between(10, 60)));
        break;
      case 1: {
        // An L: a rectangle with one corner cut away.
        const width = between(30, 90);
        const depth = between(25, 70);
        const cutWidth = between(5, width - 10);
        const cutDepth = between(5, depth - 10);
        geometry = polygon([
          [0, 0],
          [width, 0],
          [width, depth - cutDepth],
          [width - cutWidth, depth - cutDepth],
          [width - cutWidth, depth],
          [0, depth],
        ]);
        break;
      }
      case 2: {
        const base = between(30, 120);
        geometry = polygon([
          [0, 0],
          [base, 0],
          [between(-20, base + 20), between(20, 90)],
        ]);
        break;
      }
      case 3: {
        // Star-shaped around the origin: irregular, 8 to 16 vertices.
        const vertices = 8 + Math.floor(random() * 9);
        const ring: MetricRing = [];
        for (let vertex = 0; vertex < vertices; vertex++) {
          const bearing = (2 * Math.PI * vertex) / vertices;
          const radius = between(15, 45);
          ring.push([radius * Math.cos(bearing), radius * Math.sin(bearing)]);
        }
        geometry = polygon(ring);
        break;
      }
      case 4: {
        // Two parts split by a road; only one of them may be large enough.
        const gap = between(6, 15);
        const first = rectangle(between(15, 50), between(15, 40));
        const second = rectangle(between(15, 50), between(15, 40)).map(([x, y]): [number, number] => [x + 60 + gap, y]);
        geometry = {
          type: 'MultiPolygon',
          coordinates: [first, second].map((ring) => [toLonLatRing(turn(ring, angle), originLon, originLat)]),
        };
        break;
      }
      case 5: {
        // A hole (clockwise) inside a rectangle: the footprint has to go around it.
        const width = between(50, 90);
        const depth = between(40, 70);
        const holeX = between(10, width - 25);
        const holeY = between(10, depth - 20);
        const hole: MetricRing = [
          [holeX, holeY],
          [holeX, holeY + 10],
          [holeX + 15, holeY + 10],
          [holeX + 15, holeY],
        ];
        geometry = polygon(rectangle(width, depth), hole);
        break;
      }
      default:
        // Too small or too narrow for 30 × 20 m, some by millimetres; or a sliver that holds nothing at all.
        geometry = polygon(
          index % 14 === 6 ? rectangle(between(10, 40), between(19.9, 20.001)) : rectangle(between(20, 60), 0.005),
        );
        break;
    }
    parcels.push(JSON.stringify(geometry));
  }
  return parcels;
}

/** What the main thread computes, the reference the stored judgements were made with. */
const fitOnMainThread = (parcels: string[], size: FootprintSize): FootprintFit[] =>
  parcels.map((text) => fitFootprint(JSON.parse(text) as AreaGeometry, size));

// 1,100 parcels: two messages of at most 1,000, so order across batches is tested as well.
const parcels = varietyOfParcels(1100);
// A pool that quietly fell back to the calling thread would pass every equality below: it must not have.
let fellBack: Error | null = null;
const pool = createFootprintFitPool({
  onFallback: (reason) => {
    fellBack = reason;
  },
});
afterAll(() => pool.close());

describe('footprintFitPool', () => {
  it('fits on a worker exactly as the main thread does, in input order', async () => {
    const expected = fitOnMainThread(parcels, standardSize);
    // The shapes really vary: some fit, some do not, some not even a sliver.
    expect(expected.some((fit) => fit.fits)).toBe(true);
    expect(expected.some((fit) => !fit.fits && fit.slackMeters !== null)).toBe(true);
    expect(expected.some((fit) => fit.slackMeters === null)).toBe(true);
    // toStrictEqual compares numbers with Object.is: equal to the last bit, -0 apart from 0.
    expect(await pool.fit(parcels, standardSize)).toStrictEqual(expected);
    expect(fellBack).toBeNull();
  });

  it('keeps concurrent fits of different sizes apart', async () => {
    const otherSize = { widthMeters: 25.5, depthMeters: 18 };
    const [standard, other, few] = await Promise.all([
      pool.fit(parcels, standardSize),
      pool.fit(parcels.slice(300, 500), otherSize),
      pool.fit(parcels.slice(7, 9), standardSize),
    ]);
    expect(standard).toStrictEqual(fitOnMainThread(parcels, standardSize));
    expect(other).toStrictEqual(fitOnMainThread(parcels.slice(300, 500), otherSize));
    expect(few).toStrictEqual(fitOnMainThread(parcels.slice(7, 9), standardSize));
    expect(await pool.fit([], standardSize)).toEqual([]);
  });

  it('rejects with the error fitFootprint throws, and goes on working', async () => {
    const broken = '{"type":"Polygon"}';
    let thrown: unknown;
    try {
      fitFootprint(JSON.parse(broken) as AreaGeometry, standardSize);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const input = [...parcels.slice(0, 1034), broken, ...parcels.slice(0, 100)];
    const rejection = await pool.fit(input, standardSize).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(FootprintFitError);
    expect((rejection as FootprintFitError).message).toBe((thrown as Error).message);
    expect((rejection as FootprintFitError).geometryIndex).toBe(1034);

    const notJson = await pool.fit(['{"type":'], standardSize).catch((error: unknown) => error);
    expect(notJson).toBeInstanceOf(FootprintFitError);
    expect(await pool.fit(parcels.slice(0, 20), standardSize)).toStrictEqual(
      fitOnMainThread(parcels.slice(0, 20), standardSize),
    );
  });

  it('spreads the batches over several workers', async () => {
    const twoThreads = createFootprintFitPool({ threads: 2 });
    try {
      expect(await twoThreads.fit(parcels, standardSize)).toStrictEqual(fitOnMainThread(parcels, standardSize));
    } finally {
      await twoThreads.close();
    }
  });

  it('fits on the calling thread when no worker can start', async () => {
    const reasons: Error[] = [];
    const withoutWorkers = createFootprintFitPool({
      // Stands for a missing loader: the worker fails before its module has loaded.
      workerExecArgv: ['--import', 'data:text/javascript,throw new Error("no loader here")'],
      onFallback: (reason) => reasons.push(reason),
    });
    try {
      const input = parcels.slice(0, 1100);
      expect(await withoutWorkers.fit(input, standardSize)).toStrictEqual(fitOnMainThread(input, standardSize));
      expect(reasons.map((reason) => reason.message)).toEqual(['no loader here']);
      const rejection = await withoutWorkers.fit(['{"type":"Polygon"}'], standardSize).catch((error: unknown) => error);
      expect(rejection).toBeInstanceOf(FootprintFitError);
    } finally {
      await withoutWorkers.close();
    }
  });

  it('fits on the calling thread when a worker never gets ready', async () => {
    const reasons: Error[] = [];
    const stuck = createFootprintFitPool({
      // Stands for module hooks that hang: the worker stays alive and never loads its modules.
      workerExecArgv: ['--import', 'data:text/javascript,setInterval(() => {}, 1000); await new Promise(() => {});'],
      workerStartTimeoutMs: 300,
      onFallback: (reason) => reasons.push(reason),
    });
    try {
      const input = parcels.slice(0, 30);
      expect(await stuck.fit(input, standardSize)).toStrictEqual(fitOnMainThread(input, standardSize));
      expect(reasons.map((reason) => reason.message)).toEqual(['footprint fit worker was not ready after 300 ms']);
    } finally {
      await stuck.close();
    }
  });

  it('rejects what a dying worker held, and still closes', async () => {
    const dying = createFootprintFitPool({
      // The worker ends itself on the first batch it receives, after it said it was ready.
      workerExecArgv: [
        '--import',
        'data:text/javascript,import { parentPort } from "node:worker_threads"; parentPort.once("message", () => process.exit(7));',
      ],
    });
    const rejection = await dying
      .fit([...parcels, ...parcels, ...parcels], standardSize)
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(Error);
    expect((rejection as Error).message).toMatch(/worker stopped.*code 7/);
    await dying.close();
  });

  it('rejects pending and later fits once closed', async () => {
    const closing = createFootprintFitPool();
    const pending = closing.fit(parcels, standardSize).catch((error: unknown) => error);
    await closing.close();
    expect(((await pending) as Error).message).toBe('footprint fit pool is closed');
    await expect(closing.fit(parcels.slice(0, 1), standardSize)).rejects.toThrow('footprint fit pool is closed');
    await closing.close();
  });

  // The server runs under `node --import tsx`, not vitest: the worker must load there too, give the same
  // answers, and let the process exit after close() (and even without it, once idle).
  it.each([
    ['closes', 'await pool.close();'],
    ['is left open', ''],
  ])('loads under node --import tsx and lets the process exit when the pool %s', async (_name, ending) => {
    const input = parcels.slice(0, 40);
    const script = [
      `const { createFootprintFitPool } = await import(${JSON.stringify(poolModuleUrl)});`,
      'const pool = createFootprintFitPool({ onFallback: (reason) => console.error("fallback", reason.message) });',
      `const fits = await pool.fit(${JSON.stringify(input)}, ${JSON.stringify(standardSize)});`,
      'process.stdout.write(JSON.stringify(fits));',
      ending,
    ].join('\n');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      // A handle left open would hang the child: the timeout turns that into a failure.
      { cwd: repoRoot, timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stderr).toBe('');
    // Through JSON both ways, so compare with the main thread's answers through JSON too.
    expect(JSON.parse(stdout)).toStrictEqual(JSON.parse(JSON.stringify(fitOnMainThread(input, standardSize))));
  });
});
