import { createLocalProjection, type PolygonGeometry } from '@tapak/core';
import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  chooseScaleBar,
  fitPositionsToFrame,
  placeLabel,
  positionsOf,
} from '../../src/reports/pageGeometry.ts';

const bekasi: [number, number] = [107.0, -6.24];
const frame = { x: 40, y: 100, width: 500, height: 300 };

/** A lon/lat rectangle of the given size in metres centred on `centre` (north-up, built in the tangent plane). */
function rectangleMeters(centre: [number, number], widthMeters: number, heightMeters: number) {
  const projection = createLocalProjection(centre);
  const ring = [
    [-widthMeters / 2, -heightMeters / 2],
    [widthMeters / 2, -heightMeters / 2],
    [widthMeters / 2, heightMeters / 2],
    [-widthMeters / 2, heightMeters / 2],
    [-widthMeters / 2, -heightMeters / 2],
  ].map((point) => projection.toLonLat(point));
  const polygon: PolygonGeometry = { type: 'Polygon', coordinates: [ring] };
  return polygon;
}

describe('fitPositionsToFrame', () => {
  it('keeps metres equal in both directions at Bekasi’s latitude and fits the limiting side', () => {
    const square = rectangleMeters(bekasi, 1000, 1000);
    const transform = fitPositionsToFrame(positionsOf([square]), frame, 10);
    // The height (300 − 2 × 10 points) limits: 280 points for 1,000 m.
    expect(transform.pointsPerMeter).toBeCloseTo(0.28, 6);
    const ring = square.coordinates[0] ?? [];
    const [x0, y0] = transform.toPage(ring[0] ?? []);
    const [x1] = transform.toPage(ring[1] ?? []);
    const [, y3] = transform.toPage(ring[3] ?? []);
    // A square on the ground is a square on paper (a naive lon/lat plot would be 0.6 % wider than tall here).
    expect(Math.abs(x1 - x0)).toBeCloseTo(Math.abs(y3 - y0), 3);
    expect(Math.abs(x1 - x0)).toBeCloseTo(280, 3);
  });

  it('centres the features in the frame with north up', () => {
    const rectangle = rectangleMeters(bekasi, 2000, 500);
    const transform = fitPositionsToFrame(positionsOf([rectangle]), frame, 20);
    const [cx, cy] = transform.toPage(bekasi);
    expect(cx).toBeCloseTo(frame.x + frame.width / 2, 3);
    expect(cy).toBeCloseTo(frame.y + frame.height / 2, 3);
    const north = createLocalProjection(bekasi).toLonLat([0, 100]);
    const [nx, ny] = transform.toPage(north);
    expect(nx).toBeCloseTo(cx, 3);
    expect(ny).toBeLessThan(cy);
    // The width limits here: 460 points for 2,000 m.
    expect(transform.pointsPerMeter).toBeCloseTo(0.23, 6);
  });

  it('does not blow a single point up to infinity', () => {
    const transform = fitPositionsToFrame([bekasi], frame, 0, 50);
    expect(transform.pointsPerMeter).toBeCloseTo(300 / 50, 6);
  });
});

describe('chooseScaleBar', () => {
  it('picks the longest 1-2-5 length that fits', () => {
    expect(chooseScaleBar(0.1, 110)).toEqual({ lengthMeters: 1000, widthPoints: 100 });
    expect(chooseScaleBar(0.28, 110)).toMatchObject({ lengthMeters: 200 });
    expect(chooseScaleBar(0.05, 110)).toMatchObject({ lengthMeters: 2000 });
    expect(chooseScaleBar(2.4, 60)).toMatchObject({ lengthMeters: 20 });
    expect(chooseScaleBar(1, 500)).toMatchObject({ lengthMeters: 500 });
  });

  it('never draws a bar longer than allowed', () => {
    for (const pointsPerMeter of [0.0137, 0.21, 0.5, 3.3, 17]) {
      const bar = chooseScaleBar(pointsPerMeter, 90);
      expect(bar.widthPoints).toBeLessThanOrEqual(90 + 1e-9);
      expect(bar.widthPoints).toBeGreaterThan(90 / 2.5 - 1e-9);
    }
  });
});

describe('placeLabel', () => {
  it('moves a label away from one already placed and stays inside the frame', () => {
    const size = { width: 12, height: 10 };
    const first = placeLabel([100, 200], size, 4, frame, []);
    const second = placeLabel([102, 200], size, 4, frame, [first]);
    expect(boxesOverlap(first, second)).toBe(false);
    const nearEdge = placeLabel([frame.x + frame.width - 2, frame.y + 2], size, 4, frame, []);
    expect(nearEdge.x + nearEdge.width).toBeLessThanOrEqual(frame.x + frame.width);
    expect(nearEdge.y).toBeGreaterThanOrEqual(frame.y);
  });
});
