import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import {
  apiFetch,
  BASE_URL,
  createLurah,
  deleteParcels,
  failureScreenshots,
  interiorPoint,
  type KelurahanFeature,
  launchChromium,
  openPage,
  RESULTS,
} from './support/harness.ts';

// A lurah in the field, on a 390 × 844 phone: the header fits (progress, map/dashboard, "Menu" holding the rest),
// "Lokasi saya" puts a 35 × 25 m parcel at the phone's GPS position, and the lurah names and saves it from the
// bottom sheet. The server must hold it in the lurah's kelurahan, around that position, with the area asked for.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

describe.skipIf(!BASE_URL)('a lurah on a phone adds a parcel at the GPS position (e2e)', () => {
  const stamp = Date.now().toString(36);
  const lurah = { username: `lurah.hp.${stamp}`, password: `lurah-hp-${stamp}-sandi` };
  const parcelName = `Bidang lapangan ${stamp}`;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let home: KelurahanFeature;
  let gps: [number, number];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('phone', () => page);

  beforeAll(async () => {
    browser = await launchChromium();
    const { features } = (await (await apiFetch('/api/kelurahan')).json()) as { features: KelurahanFeature[] };
    home = features.find((f) => f.geometry) as KelurahanFeature;
    gps = interiorPoint(home.geometry?.coordinates ?? []);
    const created = await createLurah(home, lurah);
    expect(created.status).toBe(201);
    ({ context, page } = await openPage(browser, {
      credentials: lurah,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: gps[0], latitude: gps[1], accuracy: 5 },
      permissions: ['geolocation'],
    }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    const listed = await apiFetch(`/api/parcels?kelurahan=${home.properties.kode}&limit=1000`);
    const { features } = (await listed.json()) as { features: Array<{ id: string; properties: { name: string } }> };
    await deleteParcels(features.filter((f) => f.properties.name === parcelName).map((f) => f.id));
    await context?.close();
    await browser?.close();
  });

  it('fits the header on the phone: progress and the map/dashboard switch in it, the rest under "Menu"', async () => {
    screenshotOnFailure('header');
    await page.goto(new URL('/', BASE_URL).href);
    await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
    const header = await page.evaluate(() => {
      const element = document.querySelector('.app-header') as HTMLElement;
      const inside = (selector: string) => {
        const box = document.querySelector(selector)?.getBoundingClientRect();
        return box ? box.width > 0 && box.left >= 0 && box.right <= window.innerWidth : false;
      };
      return {
        overflow: element.scrollWidth - element.clientWidth,
        progress: inside('[data-testid="city-progress"]'),
        views: inside('[data-testid="view-map"]'),
        menu: inside('[data-testid="header-menu"]'),
      };
    });
    expect(header).toEqual({ overflow: 0, progress: true, views: true, menu: true });
    expect(await page.getByTestId('city-progress').textContent()).toMatch(/\d+\/\d+ memenuhi syarat/);

    // Settings, downloads and the account are one tap away, and the account says who is signed in.
    expect(await page.getByTestId('download-menu').isVisible()).toBe(false);
    await page.getByTestId('header-menu').tap();
    await poll(() => page.getByTestId('download-menu').isVisible()).toBe(true);
    expect(await page.getByTestId('user-name').textContent()).toBe(`Lurah ${home.properties.nama}`);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('download-menu').isVisible()).toBe(false);
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, 'phone-map.png') });
  });

  it('puts a 35 × 25 m parcel at the GPS position, and saves it from the bottom sheet', async () => {
    screenshotOnFailure('gps');
    await page.getByTestId('tool-gps').tap();
    const dialog = page.getByTestId('gps-dialog');
    await dialog.waitFor();
    const create = dialog.getByRole('button', { name: 'Buat persegi' });
    await poll(() => create.isEnabled()).toBe(true);
    await create.tap();
    await poll(async () => (await page.evaluate(() => window.__tapak?.parcel))?.kind).toBe('new');
    // 35 × 25 m on the ellipsoid, measured live by the same core the server uses.
    await poll(async () => (await page.evaluate(() => window.__tapak?.parcel?.area_m2)) ?? 0).toBeCloseTo(875, 0);

    await page.locator('.sheet-handle').tap();
    await page.getByTestId('field-name').fill(parcelName);
    await page.getByTestId('parcel-save').tap();
    await poll(async () => (await page.evaluate(() => window.__tapak?.parcel))?.kind).toBe('existing');
    await page.screenshot({ path: path.join(RESULTS, 'phone-saved.png') });

    const listed = await apiFetch(`/api/parcels?kelurahan=${home.properties.kode}&limit=1000`);
    const { features } = (await listed.json()) as {
      features: Array<{
        properties: { name: string; kelurahan_kode: string; area_m2: number };
        geometry:
          | { type: 'Polygon'; coordinates: [number, number][][] }
          | { type: 'MultiPolygon'; coordinates: [number, number][][][] };
      }>;
    };
    const saved = features.find((f) => f.properties.name === parcelName);
    expect(saved?.properties.kelurahan_kode).toBe(home.properties.kode);
    expect(saved?.properties.area_m2 ?? 0).toBeCloseTo(875, 0);
    // The GPS position is the rectangle's centre: the mean of its four corners.
    const geometry = saved?.geometry;
    const ring = geometry?.type === 'MultiPolygon' ? geometry.coordinates[0]?.[0] : geometry?.coordinates[0];
    const corners = (ring ?? []).slice(0, 4);
    expect(corners).toHaveLength(4);
    const centre = [0, 1].map((axis) => corners.reduce((sum, corner) => sum + (corner[axis] ?? 0), 0) / 4);
    expect(centre[0]).toBeCloseTo(gps[0], 6);
    expect(centre[1]).toBeCloseTo(gps[1], 6);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
