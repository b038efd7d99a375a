import { describe, expect, it } from 'vitest';
import type { LinearRing, PolygonGeometry } from '../../src/geometry/types.ts';
import type { GeometryProblem } from '../../src/geometry/validateAreaGeometry.ts';
import { validateAreaGeometry } from '../../src/geometry/validateAreaGeometry.ts';
import { metricMultiPolygon, metricPolygon, rectangle, regularPolygon, toLonLatRing } from './helpers/shapes.ts';

/** A closed ring from lon/lat offsets (degrees) around Bekasi, for hand-made shapes. */
function ring(...offsets: [number, number][]): LinearRing {
  const positions = offsets.map(([dx, dy]) => [107 + dx, -6.24 + dy] as [number, number]);
  positions.push([...(positions[0] as [number, number])]);
  return positions;
}

function problemsOf(input: unknown, limits?: { maxVertices?: number }): GeometryProblem[] {
  const result = validateAreaGeometry(input, limits);
  if (result.ok) throw new Error('expected the geometry to be refused');
  return result.problems;
}

function onlyProblem(input: unknown, limits?: { maxVertices?: number }): GeometryProblem {
  const problems = problemsOf(input, limits);
  expect(problems).toHaveLength(1);
  return problems[0] as GeometryProblem;
}

const square = ring([0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001]);

describe('validateAreaGeometry: accepted geometries', () => {
  it('accepts a Polygon and returns it with RFC 7946 winding and 2D positions', () => {
    const clockwise = [...square].reverse().map(([lon, lat]) => [lon, lat, 12.5]) as LinearRing;
    const hole = ring([0.0004, 0.0004], [0.0006, 0.0004], [0.0006, 0.0006], [0.0004, 0.0006]);
    const result = validateAreaGeometry({ type: 'Polygon', coordinates: [clockwise, hole] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [exterior, normalizedHole] = (result.geometry as PolygonGeometry).coordinates as [LinearRing, LinearRing];
    expect(exterior.every((position) => position.length === 2)).toBe(true);
    expect(exterior).toEqual([...square]);
    expect(normalizedHole).toEqual([...hole].reverse());
  });

  it('accepts repeated consecutive positions, a hole touching the exterior at one point, and an island in a hole', () => {
    const repeated = ring([0, 0], [0.001, 0], [0.001, 0], [0.001, 0.001], [0, 0.001]);
    expect(validateAreaGeometry({ type: 'Polygon', coordinates: [repeated] }).ok).toBe(true);
    const touching = ring([0, 0], [0.0005, 0.0003], [0.0003, 0.0005]);
    expect(validateAreaGeometry({ type: 'Polygon', coordinates: [square, touching] }).ok).toBe(true);
    const island = metricMultiPolygon([[rectangle(60, 60), rectangle(30, 30)], [rectangle(10, 10)]]);
    expect(validateAreaGeometry(island).ok).toBe(true);
  });

  it('accepts a 10,000-vertex boundary (the limit) that does not cross itself', () => {
    const big = metricPolygon([regularPolygon(40, 9_999)]);
    expect(validateAreaGeometry(big).ok).toBe(true);
  });
});

describe('validateAreaGeometry: refusals, one per reason', () => {
  it('not_polygon names the type received', () => {
    const line = onlyProblem({
      type: 'LineString',
      coordinates: [
        [107, -6.24],
        [107.001, -6.24],
      ],
    });
    expect(line).toMatchObject({ reason: 'not_polygon', path: '/type' });
    expect(line.message.id).toContain('LineString');
    expect(line.message.en).toContain('LineString');
    expect(onlyProblem({ type: 'Feature', geometry: {} }).message.id).toContain('Feature');
    expect(onlyProblem(null)).toMatchObject({ reason: 'not_polygon', path: '' });
    expect(onlyProblem([1, 2]).message.en).toContain('array');
    expect(onlyProblem({ coordinates: [] }).reason).toBe('not_polygon');
  });

  it('empty: no rings, or an empty MultiPolygon part', () => {
    expect(onlyProblem({ type: 'Polygon', coordinates: [] })).toMatchObject({ reason: 'empty', path: '/coordinates' });
    expect(onlyProblem({ type: 'MultiPolygon', coordinates: [] }).reason).toBe('empty');
    expect(onlyProblem({ type: 'Polygon' }).reason).toBe('empty');
    expect(onlyProblem({ type: 'MultiPolygon', coordinates: [[square], []] })).toMatchObject({
      reason: 'empty',
      path: '/coordinates/1',
    });
  });

  it('ring_not_closed points at the last position', () => {
    const open = square.slice(0, 4);
    const problem = onlyProblem({ type: 'Polygon', coordinates: [open] });
    expect(problem).toMatchObject({ reason: 'ring_not_closed', path: '/coordinates/0/3', position: open[3] });
    expect(problem.message.id).toMatch(/^Batas luar tidak tertutup/);
  });

  it('ring_too_few_positions: fewer than 4 positions, or fewer than 3 distinct ones', () => {
    const triangleOpen = [square[0], square[1], square[0]];
    expect(onlyProblem({ type: 'Polygon', coordinates: [triangleOpen] })).toMatchObject({
      reason: 'ring_too_few_positions',
      path: '/coordinates/0',
    });
    const flat = [square[0], square[1], square[1], square[0]];
    const problem = onlyProblem({ type: 'Polygon', coordinates: [flat] });
    expect(problem.reason).toBe('ring_too_few_positions');
    expect(problem.message.en).toContain('distinct');
    expect(onlyProblem({ type: 'Polygon', coordinates: ['not a ring'] }).reason).toBe('ring_too_few_positions');
  });

  it('position_not_finite: NaN, Infinity, text and null', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '107', null]) {
      const broken = square.map((position) => [...position]);
      (broken[2] as unknown[])[0] = bad;
      expect(onlyProblem({ type: 'Polygon', coordinates: [broken] })).toMatchObject({
        reason: 'position_not_finite',
        path: '/coordinates/0/2',
      });
    }
  });

  it('position_dimension: not 2 or 3 numbers (3 are accepted, the altitude dropped)', () => {
    for (const bad of [[107], [107, -6.24, 0, 1], 107]) {
      const broken: unknown[] = square.map((position) => [...position]);
      broken[1] = bad;
      const problem = onlyProblem({ type: 'Polygon', coordinates: [broken] });
      expect(problem).toMatchObject({ reason: 'position_dimension', path: '/coordinates/0/1' });
      expect(problem.message.id).toContain('Titik ke-2 pada batas luar');
    }
  });

  it('lon_out_of_range and lat_out_of_range, with a hint about swapped coordinates', () => {
    const swapped = square.map(([lon, lat]) => [lat, lon]);
    const problems = problemsOf({ type: 'Polygon', coordinates: [swapped] });
    expect(problems.every((problem) => problem.reason === 'lat_out_of_range')).toBe(true);
    expect(problems).toHaveLength(5);
    expect(problems[0]?.message.id).toContain('[bujur, lintang]');
    // Indonesian number format: decimal comma.
    expect(problems[0]?.message.id).toContain('107');
    const east = square.map(([lon, lat]) => [(lon as number) + 100, lat]);
    expect(problemsOf({ type: 'Polygon', coordinates: [east] })[0]).toMatchObject({
      reason: 'lon_out_of_range',
      path: '/coordinates/0/0',
    });
  });

  it('self_intersection reports the crossing point of a bow tie', () => {
    const bowTie = ring([0, 0], [0.001, 0.001], [0.001, 0], [0, 0.001]);
    const problem = onlyProblem({ type: 'Polygon', coordinates: [bowTie] });
    expect(problem.reason).toBe('self_intersection');
    expect(problem.path).toMatch(/^\/coordinates\/0\/[0-3]$/);
    expect(problem.position?.[0]).toBeCloseTo(107.0005, 9);
    expect(problem.position?.[1]).toBeCloseTo(-6.2395, 9);
    expect(problem.message.id).toContain('Batas bidang berpotongan dengan dirinya sendiri di sekitar titik');
    expect(problem.message.id).toContain('107,0005');
    expect(problem.message.id).toContain('ST_MakeValid');
    expect(problem.message.en).toContain('The boundary crosses itself near');
    expect(problem.message.en).toContain('107.0005');
  });

  it('self_intersection also covers spikes, pinched rings, holes crossing the exterior and overlapping parts', () => {
    const spike = ring([0, 0], [0.001, 0], [0.001, 0.001], [0.001, 0.002], [0.001, 0.001], [0, 0.001]);
    const spikes = problemsOf({ type: 'Polygon', coordinates: [spike] });
    expect(spikes.every((problem) => problem.reason === 'self_intersection')).toBe(true);
    expect(spikes.some((problem) => problem.position?.[1] === -6.238)).toBe(true);
    const pinched = ring([0, 0], [0.001, 0], [0.0005, 0.0005], [0.001, 0.001], [0, 0.001], [0.0005, 0.0005]);
    expect(problemsOf({ type: 'Polygon', coordinates: [pinched] })[0]?.reason).toBe('self_intersection');
    const crossingHole = ring([0.0005, 0.0005], [0.0015, 0.0005], [0.0015, 0.0007], [0.0005, 0.0007]);
    const hole = problemsOf({ type: 'Polygon', coordinates: [square, crossingHole] });
    expect(hole.every((problem) => problem.reason === 'self_intersection')).toBe(true);
    expect(hole.some((problem) => problem.path.startsWith('/coordinates/0/'))).toBe(true);
    const overlapping = metricMultiPolygon([[rectangle(30, 30)], [rectangle(30, 30, 0, [20, 5])]]);
    expect(problemsOf(overlapping)[0]?.reason).toBe('self_intersection');
  });

  it('hole_outside_shell: a hole beside the exterior, or nested in another hole', () => {
    const outside = ring([0.002, 0], [0.003, 0], [0.003, 0.001], [0.002, 0.001]);
    expect(onlyProblem({ type: 'Polygon', coordinates: [square, outside] })).toMatchObject({
      reason: 'hole_outside_shell',
      path: '/coordinates/1',
    });
    const nested = metricPolygon([rectangle(60, 60), rectangle(30, 30), rectangle(10, 10)]);
    const problem = onlyProblem(nested);
    expect(problem).toMatchObject({ reason: 'hole_outside_shell', path: '/coordinates/2' });
    expect(problem.message.id).toContain('di dalam lubang lain');
  });

  it('parts_overlap: a MultiPolygon part lying inside another', () => {
    const nested = metricMultiPolygon([[rectangle(60, 60)], [rectangle(10, 10, 30)]]);
    expect(onlyProblem(nested)).toMatchObject({ reason: 'parts_overlap', path: '/coordinates/1' });
  });

  it('too_many_vertices, counted before anything else and formatted per language', () => {
    const big = { type: 'Polygon', coordinates: [toLonLatRing(regularPolygon(50, 10_000))] };
    const problem = onlyProblem(big);
    expect(problem).toMatchObject({ reason: 'too_many_vertices', path: '/coordinates' });
    expect(problem.message.id).toContain('10.001 titik');
    expect(problem.message.id).toContain('10.000');
    expect(problem.message.en).toContain('10,001');
    expect(onlyProblem({ type: 'Polygon', coordinates: [square] }, { maxVertices: 4 }).reason).toBe(
      'too_many_vertices',
    );
  });

  it('names every structural problem, up to 50', () => {
    const broken = Array.from({ length: 120 }, () => [Number.NaN, 0]);
    const problems = problemsOf({ type: 'MultiPolygon', coordinates: [[broken], [square.slice(0, 3)]] });
    expect(problems).toHaveLength(50);
    const mixed = problemsOf({
      type: 'MultiPolygon',
      coordinates: [[[square[0], [500, 0], square[2], square[3], square[0]]], [square.slice(0, 4)]],
    });
    expect(mixed.map((problem) => [problem.reason, problem.path])).toEqual([
      ['lon_out_of_range', '/coordinates/0/0/1'],
      ['ring_not_closed', '/coordinates/1/0/3'],
    ]);
  });
});
