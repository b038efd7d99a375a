import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

// What every browser test (and the web benchmark) shares: where Chromium is, how it runs headless with
// WebGL on SwiftShader and no side traffic, where failure screenshots go, and small geometry helpers for
// finding a spot inside a kelurahan.

export const BASE_URL = process.env.TAPAK_E2E_BASE_URL;
export const CHROMIUM = process.env.TAPAK_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS = path.resolve(process.cwd(), 'test-results');

/**
 * `screenshotOnFailure(name)` for one e2e file: when the running test fails, a full-page screenshot of the page
 * (read when it fails) lands in test-results/e2e-<file>-<name>.png, and its path is logged.
 */
export function failureScreenshots(file: string, page: () => Page | undefined): (name: string) => void {
  return (name) => {
    onTestFailed(async () => {
      fs.mkdirSync(RESULTS, { recursive: true });
      const shot = path.join(RESULTS, `e2e-${file ? `${file}-` : ''}${name}.png`);
      await page()
        ?.screenshot({ path: shot, fullPage: true })
        .catch(() => {});
      console.error(`screenshot: ${shot}`);
    });
  };
}
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

/** The first admin that globalSetup gave the server (or that TAPAK_E2E_BASE_URL's server has). */
export const ADMIN = {
  username: process.env.TAPAK_ADMIN_USER ?? 'admin',
  password: process.env.TAPAK_ADMIN_PASSWORD ?? '',
  token: process.env.TAPAK_ADMIN_TOKEN ?? '',
};

/**
 * fetch against the Tapak under test as the admin's API token: how tests seed and inspect data from Node.
 * A path is resolved against BASE_URL.
 */
export function apiFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${ADMIN.token}`);
  return fetch(new URL(url, BASE_URL), { ...init, headers });
}

/**
 * Deletes these parcels as the admin, each with its current ETag, so a suite leaves the shared server as it
 * found it; ids that are empty or already gone are passed over.
 */
export async function deleteParcels(ids: Iterable<string | null | undefined>): Promise<void> {
  for (const id of ids) {
    if (!id) continue;
    const current = await apiFetch(`/api/parcels/${id}`);
    const etag = current.headers.get('etag');
    if (current.ok && etag) await apiFetch(`/api/parcels/${id}`, { method: 'DELETE', headers: { 'if-match': etag } });
  }
}

/** Creates, as the admin, a lurah account for one kelurahan ("Lurah <nama>"); the answer is the server's. */
export function createLurah(
  kelurahan: { properties: { kode: string; nama: string } },
  credentials: { username: string; password: string },
): Promise<Response> {
  return apiFetch('/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: credentials.username,
      display_name: `Lurah ${kelurahan.properties.nama}`,
      role: 'lurah',
      territory_kode: kelurahan.properties.kode,
      password: credentials.password,
    }),
  });
}

/** Logs a browser context in (the session cookie lands in the context) and returns the server's SessionInfo. */
export async function logIn(
  context: BrowserContext,
  credentials: { username: string; password: string } = ADMIN,
): Promise<{ csrf_token: string }> {
  const response = await context.request.post(new URL('/api/auth/login', BASE_URL).href, {
    data: { username: credentials.username, password: credentials.password },
  });
  if (response.status() !== 200) {
    throw new Error(`login as ${credentials.username} failed: HTTP ${response.status()} ${await response.text()}`);
  }
  return (await response.json()) as { csrf_token: string };
}

/**
 * A new page in its own context, logged in (as the admin unless told otherwise, or not at all with
 * `credentials: null`): every browser test opens its page through here, so the app starts past the login screen.
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions & { credentials?: { username: string; password: string } | null } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { credentials = ADMIN, ...contextOptions } = options;
  const context = await browser.newContext({
    viewport: { width: 1366, height: 850 },
    locale: 'id-ID',
    ...contextOptions,
  });
  if (credentials) await logIn(context, credentials);
  return { context, page: await context.newPage() };
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
