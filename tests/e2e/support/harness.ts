import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

// What every browser test (and the web benchmark) shares: where Chromium is, how it runs headless with
// WebGL on SwiftShader and no side traffic, where failure screenshots go, and small geometry helpers for
// finding a spot inside a kelurahan.

export const BASE_URL = process.env.TAPAK_E2E_BASE_URL;
export const CHROMIUM = process.env.TAPAK_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = path.resolve(process.cwd(), 'test-results');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--enable-unsafe-swiftshader',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export type Ring = [number, number][];
export type KelurahanFeature = {
  properties: { kode: string; nama: string; qualifying: number };
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] } | null;
};

/** Even-odd point in polygon over every ring of every part. */
export function inside(geometry: Ring[][], x: number, y: number): boolean {
  for (const polygon of geometry) {
    let hit = false;
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ax, ay] = ring[i] as [number, number];
        const [bx, by] = ring[j] as [number, number];
        if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) hit = !hit;
      }
    }
    if (hit) return true;
  }
  return false;
}

/** A point deep inside the kelurahan (grid search for the one farthest from the boundary). */
export function interiorPoint(geometry: Ring[][]): [number, number] {
  const all = geometry.flat(2);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: [number, number] = [(minX + maxX) / 2, (minY + maxY) / 2];
  let bestDistance = -1;
  for (let i = 1; i < 30; i++) {
    for (let j = 1; j < 30; j++) {
      const x = minX + ((maxX - minX) * i) / 30;
      const y = minY + ((maxY - minY) * j) / 30;
      if (!inside(geometry, x, y)) continue;
      let d = Number.POSITIVE_INFINITY;
      for (const [px, py] of all) d = Math.min(d, Math.hypot((px as number) - x, (py as number) - y));
      if (d > bestDistance) {
        bestDistance = d;
        best = [x, y];
      }
    }
  }
  return best;
}

/** The four corners of a width × depth m rectangle centred on (lon, lat), counter-clockwise from south-west. */
export function rectangle([lon, lat]: [number, number], width: number, depth: number): Ring {
  const dLon = width / 2 / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = depth / 2 / 110_574;
  return [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
  ];
}
