import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import { apiFetch, BASE_URL, failureScreenshots, launchChromium, openPage } from './support/harness.ts';

// The map page as a planner meets it: boundaries on screen, the "no qualifying site" filter, selection
// from the list and from the map, a shared link restoring the view, and a clean console throughout.
// Needs a running Tapak at TAPAK_E2E_BASE_URL (the server serving web/dist) and Debian's chromium.

const EXPECTED_KELURAHAN = Number(process.env.TAPAK_E2E_KELURAHAN ?? 56);

type KelurahanSummary = { kode: string; nama: string; qualifying: number };

describe.skipIf(!BASE_URL)('map page (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  let browser: Browser;
  let page: Page;
  let kelurahan: KelurahanSummary[] = [];
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];

  /** Registers a screenshot of the page if the running test fails. */
  const screenshotOnFailure = failureScreenshots('', () => page);

  async function waitForMap(): Promise<void> {
    await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
    await page.evaluate(() => window.__tapak?.whenIdle());
  }

  async function rowCount(): Promise<number> {
    return page.locator('.kelurahan-list button.row').count();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openPage(browser));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http') && url.host !== base.host) foreignRequests.push(request.url());
    });
    const response = await apiFetch(new URL('/api/kelurahan', base));
    const body = (await response.json()) as { features: { properties: KelurahanSummary }[] };
    kelurahan = body.features.map((f) => f.properties);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('renders every kelurahan on the map and in the list', async () => {
    screenshotOnFailure('initial');
    await page.goto(base.href);
    await waitForMap();
    expect(await page.evaluate(() => window.__tapak?.kelurahanCount)).toBe(EXPECTED_KELURAHAN);
    expect(await page.evaluate(() => window.__tapak?.renderedKelurahanCount())).toBe(EXPECTED_KELURAHAN);
    expect(await page.evaluate(() => window.__tapak?.visibleLabelCount())).toBeGreaterThan(5);
    expect(await rowCount()).toBe(EXPECTED_KELURAHAN);
    const qualifying = kelurahan.filter((k) => k.qualifying > 0).length;
    await expect
      .poll(() => page.getByTestId('city-progress').textContent())
      .toContain(`${qualifying}/${EXPECTED_KELURAHAN} kelurahan memiliki lokasi memenuhi syarat`);
    expect(await page.getByTestId('region-name').textContent()).toBe('Kota Bekasi');
  });

  it('filters to kelurahan without a qualifying site, in the list and on the map', async () => {
    screenshotOnFailure('filter');
    const filter = page.getByTestId('filter-unqualified');
    await filter.click();
    await expect.poll(() => filter.getAttribute('aria-pressed')).toBe('true');
    const unqualified = kelurahan.filter((k) => k.qualifying === 0).length;
    expect(await rowCount()).toBe(unqualified);
    expect(new URL(page.url()).searchParams.get('filter')).toBe('unqualified');
    // The map dims, rather than hides, kelurahan outside the filter: its fill opacity now reads `qualifying`.
    const opacity = await page.evaluate(() =>
      JSON.stringify(window.__tapak?.map?.getPaintProperty('kelurahan-fill', 'fill-opacity')),
    );
    expect(opacity).toContain('qualifying');
    await page.evaluate(() => window.__tapak?.whenIdle());
    expect(await page.evaluate(() => window.__tapak?.renderedKelurahanCount())).toBe(EXPECTED_KELURAHAN);
  });

  it('selects a kelurahan from the list and zooms the map to it', async () => {
    screenshotOnFailure('select-list');
    const before = await page.evaluate(() => window.__tapak?.map?.getZoom() ?? 0);
    const row = page.locator('.kelurahan-list button.row').first();
    const kode = await row.getAttribute('data-kode');
    expect(kode).toMatch(/^32\.75\.\d{2}\.\d{4}$/);
    await row.click();
    await expect.poll(() => page.evaluate(() => window.__tapak?.selected)).toBe(kode);
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
    await page.waitForFunction(() => window.__tapak?.map?.isMoving() === false);
    await page.evaluate(() => window.__tapak?.whenIdle());
    expect(await page.evaluate(() => window.__tapak?.map?.getZoom() ?? 0)).toBeGreaterThan(before);
    const nama = kelurahan.find((k) => k.kode === kode)?.nama ?? '';
    expect(await page.getByTestId('kelurahan-detail').textContent()).toContain(nama);
    await expect.poll(() => new URL(page.url()).searchParams.get('kel')).toBe(kode);
    expect(new URL(page.url()).searchParams.get('map')).toMatch(/^[\d.]+\/-?[\d.]+\/-?[\d.]+$/);
  });

  it('restores selection, filter and view from the URL after a reload', async () => {
    screenshotOnFailure('reload');
    const url = new URL(page.url());
    const [zoom] = (url.searchParams.get('map') ?? '').split('/').map(Number);
    await page.reload();
    await waitForMap();
    expect(await page.evaluate(() => window.__tapak?.selected)).toBe(url.searchParams.get('kel'));
    expect(await page.getByTestId('filter-unqualified').getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => window.__tapak?.map?.getZoom())).toBeCloseTo(zoom ?? 0, 1);
  });

  it('selects a kelurahan by clicking it on the map', async () => {
    screenshotOnFailure('select-map');
    await page.getByTestId('filter-unqualified').click();
    await page.getByRole('button', { name: 'Tampilkan seluruh kota' }).click();
    await page.waitForFunction(() => window.__tapak?.map?.isMoving() === false);
    await page.evaluate(() => window.__tapak?.whenIdle());
    const current = await page.evaluate(() => window.__tapak?.selected);
    // Find a screen point inside some other kelurahan, the way a planner would aim at it.
    const target = await page.evaluate((skip) => {
      const map = window.__tapak?.map;
      if (!map) return null;
      const canvas = map.getCanvas();
      const box = canvas.getBoundingClientRect();
      for (let y = 0.3; y < 0.8; y += 0.05) {
        for (let x = 0.35; x < 0.8; x += 0.05) {
          const point: [number, number] = [canvas.clientWidth * x, canvas.clientHeight * y];
          const hits = map.queryRenderedFeatures(point, { layers: ['kelurahan-fill'] });
          const kode = hits[0]?.properties?.kode;
          if (hits.length === 1 && typeof kode === 'string' && kode !== skip) {
            return { kode, x: box.left + point[0], y: box.top + point[1] };
          }
        }
      }
      return null;
    }, current);
    expect(target).not.toBeNull();
    if (!target) return;
    await page.mouse.click(target.x, target.y);
    await expect.poll(() => page.evaluate(() => window.__tapak?.selected)).toBe(target.kode);
    await expect
      .poll(() => page.locator(`button.row[data-kode="${target.kode}"]`).getAttribute('aria-current'))
      .toBe('true');
  });

  it('switches the interface to English and back', async () => {
    screenshotOnFailure('language');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('city-progress').textContent()).toContain('have a qualifying site');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await expect
      .poll(() => page.getByTestId('city-progress').textContent())
      .toContain('memiliki lokasi memenuhi syarat');
  });

  it('makes no request off the site and logs no console error', () => {
    // The default map has no remote basemap: an offline machine must not even try the network.
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
