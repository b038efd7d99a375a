import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import {
  apiFetch,
  BASE_URL,
  deleteParcels,
  failureScreenshots,
  interiorPoint,
  type KelurahanFeature,
  launchChromium,
  openPage,
  RESULTS,
  rectangle,
} from './support/harness.ts';
import { screenPoint, waitForSettledMap } from './support/mapPage.ts';

// The map's slim parcel listing and parcel names: the page loads GET /api/parcels/map.geojson (no checks) and
// never the full listing, opening a parcel reads it fresh (its checks, and a change made meanwhile), parcel
// names show as text from parcel scale without overlapping, and a region too large for a listing draws the
// vector tiles (forced here with the browser's `tapak.parcelTilesAbove`).

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

type Box = { x: number; y: number; width: number; height: number };
/** Parcels this far apart (about 190 px at zoom 17,2) leave room for each name; closer ones compete. */
const SPACING_M = 200;

describe.skipIf(!BASE_URL)('parcel names and the slim map listing (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  const stamp = new Date().toISOString().slice(11, 19);
  const names = [`Lahan Nama Uji ${stamp}`, `<i>Bidang</i> miring ${stamp}`, `Petak Tetangga ${stamp}`];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let center: [number, number];
  const ids: string[] = [];
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('names', () => page);

  const at = (dxM: number): [number, number] => [
    center[0] + dxM / (111_320 * Math.cos((center[1] * Math.PI) / 180)),
    center[1],
  ];
  const viewAt = (zoom: number) => `map=${zoom.toFixed(2)}/${center[1].toFixed(6)}/${center[0].toFixed(6)}`;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ context, page } = await openPage(browser));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/parcels') || url.pathname.startsWith('/tiles/')) {
        requests.push(`${url.pathname}${url.search}`);
      }
    });
    const body = (await (await apiFetch(new URL('/api/kelurahan', base))).json()) as { features: KelurahanFeature[] };
    // The kelurahan with the most room, so three parcels side by side stay inside it.
    const areaOf = (f: KelurahanFeature) => (f.properties as { area_m2?: number | null }).area_m2 ?? 0;
    const target = body.features.filter((f) => f.geometry).sort((a, b) => areaOf(b) - areaOf(a))[0];
    center = interiorPoint(target?.geometry?.coordinates ?? []);
    for (const [i, name] of names.entries()) {
      const ring = rectangle(at((i - 1) * SPACING_M), 45, 35);
      const response = await apiFetch(new URL('/api/parcels', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
          properties: { name, owner_class: 'pemkot_bmd', legal_status: 'bersih', is_vacant: true },
        }),
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
  });

  afterAll(async () => {
    await deleteParcels(ids);
    await browser?.close();
  });

  it('loads the slim map listing, never the full one, and draws every parcel', async () => {
    screenshotOnFailure('listing');
    const listing = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/parcels/map.geojson');
    await page.goto(new URL(`/?${viewAt(17.2)}`, base).href);
    await waitForSettledMap(page);
    const body = (await (await listing).json()) as { features: { id: string; properties: Record<string, unknown> }[] };
    const ours = body.features.filter((f) => ids.includes(f.id));
    expect(ours).toHaveLength(3);
    for (const feature of ours) {
      expect(feature.properties).not.toHaveProperty('checks');
      expect(feature.properties).not.toHaveProperty('notes');
    }
    expect(requests.some((r) => r.startsWith('/api/parcels?'))).toBe(false);
    expect(await page.evaluate(() => window.__tapak?.parcelDisplay)).toBe('geojson');
    await poll(async () => {
      const rendered = (await page.evaluate(() => window.__tapak?.renderedParcelIds?.())) ?? [];
      return ids.every((id) => rendered.includes(id));
    }).toBe(true);
  });

  it('shows parcel names as text, from parcel scale, without overlaps', async () => {
    screenshotOnFailure('names');
    await poll(async () => (await page.evaluate(() => window.__tapak?.visibleParcelLabels?.())) ?? []).toEqual(
      expect.arrayContaining(names),
    );
    // Markup in a name is text on the map: no element came out of it.
    expect(await page.locator('.map-labels-parcels i').count()).toBe(0);
    const texts = await page.locator('.map-labels-parcels .map-label[data-visible="true"]').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(names));
    // No two names (parcel or kelurahan) cover each other.
    const boxes = (await page
      .locator('.map-labels .map-label[data-visible="true"]')
      .evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON()))) as Box[];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
    }
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'map-parcel-names.png') });

    // Zoomed out to the kelurahan, parcel names give way (the kelurahan names stay).
    await page.evaluate(() => window.__tapak?.map?.jumpTo({ zoom: 14 }));
    await page.evaluate(() => window.__tapak?.whenIdle());
    await poll(async () => (await page.evaluate(() => window.__tapak?.visibleParcelLabels?.()))?.length).toBe(0);
    expect(await page.evaluate(() => window.__tapak?.visibleLabelCount())).toBeGreaterThan(0);
    await page.evaluate(() => window.__tapak?.map?.jumpTo({ zoom: 17.2 }));
    await poll(
      async () => (await page.evaluate(() => window.__tapak?.visibleParcelLabels?.()))?.length,
    ).toBeGreaterThan(0);
  });

  it('opens a parcel from the map with its checks and a change made meanwhile, read fresh', async () => {
    screenshotOnFailure('open');
    const id = ids[0] as string;
    // Someone else renames the parcel after the map listing was loaded: the panel must show the new name.
    const current = await apiFetch(new URL(`/api/parcels/${id}`, base));
    const renamed = `${names[0]} (diubah)`;
    const patched = await apiFetch(new URL(`/api/parcels/${id}`, base), {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': current.headers.get('etag') ?? '' },
      body: JSON.stringify({ properties: { name: renamed } }),
    });
    expect(patched.status).toBe(200);
    requests.length = 0;
    const point = await screenPoint(page, at(-SPACING_M + 10));
    await page.mouse.click(point.x, point.y);
    await poll(() => page.getByTestId('parcel-title').textContent()).toBe(renamed);
    expect(requests).toContain(`/api/parcels/${id}`);
    await poll(() => page.getByTestId('checklist').textContent()).toMatch(/\S/);
    expect(await page.getByTestId('checklist').locator('li').count()).toBeGreaterThan(3);
    await poll(async () => (await page.evaluate(() => window.__tapak?.parcel))?.id).toBe(id);
  });

  it('draws the vector tiles when the region has more parcels than a listing carries', async () => {
    screenshotOnFailure('tiles');
    const tiles = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'id-ID' });
    try {
      await tiles.addCookies(await context.cookies());
      await tiles.addInitScript(() => localStorage.setItem('tapak.parcelTilesAbove', '1'));
      const tilePage = await tiles.newPage();
      const tileRequests: string[] = [];
      tilePage.on('request', (request) => {
        const url = new URL(request.url());
        if (url.pathname.startsWith('/tiles/parcels/')) tileRequests.push(url.pathname);
      });
      const previous = page;
      page = tilePage;
      try {
        await page.goto(new URL(`/?${viewAt(17.2)}`, base).href);
        await waitForSettledMap(page);
        // The switch follows the listing's answer (only a count), which readiness does not wait for.
        await poll(() => page.evaluate(() => window.__tapak?.parcelDisplay)).toBe('tiles');
        await poll(() => tileRequests.length).toBeGreaterThan(0);
        await poll(async () => {
          const rendered = (await page.evaluate(() => window.__tapak?.renderedParcelIds?.())) ?? [];
          return ids.every((id) => rendered.includes(id));
        }).toBe(true);
        // A click on a tile opens the parcel by its id, read in full.
        const id = ids[2] as string;
        const point = await screenPoint(page, at(SPACING_M));
        await page.mouse.click(point.x, point.y);
        await poll(async () => (await page.evaluate(() => window.__tapak?.parcel))?.id).toBe(id);
        await poll(() => page.getByTestId('parcel-title').textContent()).toBe(names[2]);
        // The kelurahan's parcels are listed and named although the map has them only as tiles.
        await poll(async () => (await page.evaluate(() => window.__tapak?.visibleParcelLabels?.())) ?? []).toEqual(
          expect.arrayContaining([names[1]]),
        );
      } finally {
        page = previous;
      }
    } finally {
      await tiles.close();
    }
    // A second, cold page: give it the time a page load takes on a busy CI machine.
  }, 150_000);

  it('logs no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
