import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
  type Ring,
  rectangle,
} from './support/harness.ts';

// The "Dasbor" view: reached from the header, its four charts drawn on canvas (coverage by kecamatan, the
// pipeline, candidate areas against the 600 and 1.000 m² lines, reasons), the table of kelurahan without a
// qualifying site with Indonesian reasons, and "Unduh PNG" giving a real PNG. Two parcels are created through
// the API (one qualifying, one too small) so every chart has bars; both are deleted at the end.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHARTS = ['cakupan-kecamatan', 'tahapan-bidang', 'luas-kandidat', 'alasan-belum-memenuhi'];

function closedRectangle(center: [number, number], width: number, depth: number): Ring {
  const corners = rectangle(center, width, depth);
  return [...corners, corners[0] as [number, number]];
}

type CoverageRow = { kode: string; nama: string; qualifying: number; no_site_reason: string | null };

describe.skipIf(!BASE_URL)('dashboard: charts, no-site table, PNG download (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  const stamp = new Date().toISOString().slice(0, 19);
  let browser: Browser;
  let page: Page;
  let qualifyingKelurahan: KelurahanFeature;
  let smallKelurahan: KelurahanFeature;
  const parcelIds: string[] = [];
  const consoleErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('dashboard', () => page);

  async function createParcel(kelurahan: KelurahanFeature, width: number, depth: number, name: string) {
    const center = interiorPoint(kelurahan.geometry?.coordinates ?? []);
    const response = await apiFetch(new URL('/api/parcels', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [closedRectangle(center, width, depth)] },
        properties: { name, owner_class: 'pemkot_bmd', legal_status: 'bersih', is_vacant: true },
      }),
    });
    expect(response.status).toBe(201);
    const parcel = (await response.json()) as { id: string };
    parcelIds.push(parcel.id);
  }

  async function coverageRows(): Promise<CoverageRow[]> {
    const response = await apiFetch(new URL('/api/coverage', base));
    return ((await response.json()) as { kelurahan: CoverageRow[] }).kelurahan;
  }

  /** Pixels of a clear colour (not white, grey or black text): bars and reference lines, not axes. */
  function colouredPixels(slug: string): Promise<number> {
    return page.evaluate((testId) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="chart-${testId}"] canvas`);
      const context = canvas?.getContext('2d');
      if (!canvas || !context || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
        if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 40) count += 1;
      }
      return count;
    }, slug);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openPage(browser, { viewport: { width: 1366, height: 900 }, acceptDownloads: true }));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));

    const response = await apiFetch(new URL('/api/kelurahan', base));
    const features = ((await response.json()) as { features: KelurahanFeature[] }).features;
    // Two kelurahan without a qualifying site: one gets a qualifying parcel, the other only a 400 m² one.
    const open = features.filter((f) => f.geometry && f.properties.qualifying === 0);
    expect(open.length).toBeGreaterThanOrEqual(3);
    qualifyingKelurahan = open[0] as KelurahanFeature;
    smallKelurahan = open[1] as KelurahanFeature;
    await createParcel(qualifyingKelurahan, 40, 30, `Uji dasbor memenuhi ${stamp}`);
    await createParcel(smallKelurahan, 20, 20, `Uji dasbor kecil ${stamp}`);
  });

  afterAll(async () => {
    // Leave the shared database as it was found.
    await deleteParcels(parcelIds);
    await browser?.close();
  });

  it('opens from the header and draws all four charts', async () => {
    screenshotOnFailure('charts');
    await page.goto(base.href);
    await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
    await page.getByTestId('view-dashboard').click();
    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('dashboard');
    for (const slug of CHARTS) {
      await page.locator(`[data-testid="chart-${slug}"] canvas[data-rendered="true"]`).waitFor({ timeout: 20_000 });
      await poll(() => colouredPixels(slug)).toBeGreaterThan(300);
    }
    await expect(page.getByTestId('dashboard').textContent()).resolves.toContain('Cakupan per kecamatan');
    await expect(page.getByTestId('pipeline-apart').textContent()).resolves.toContain('Ditolak');
    expect(consoleErrors).toEqual([]);
  });

  it('lists every kelurahan without a qualifying site, by kecamatan, with the reason in Indonesian', async () => {
    screenshotOnFailure('table');
    const rows = await coverageRows();
    const withoutSite = rows.filter((r) => r.qualifying === 0);
    const small = rows.find((r) => r.kode === smallKelurahan.properties.kode);
    expect(small?.no_site_reason).toBe('too_small');
    await poll(() => page.getByTestId('no-site-row').count()).toBe(withoutSite.length);

    const table = page.getByTestId('no-site-table');
    await expect(
      table.locator(`[data-kode="${smallKelurahan.properties.kode}"] td`).last().textContent(),
    ).resolves.toBe('Semua kandidat terlalu kecil');
    const noCandidate = withoutSite.find((r) => r.no_site_reason === 'no_candidate');
    expect(noCandidate).toBeDefined();
    await expect(table.locator(`[data-kode="${noCandidate?.kode}"] td`).last().textContent()).resolves.toBe(
      'Belum ada kandidat',
    );
    // The kelurahan that now has a qualifying site is not listed.
    await expect(table.locator(`[data-kode="${qualifyingKelurahan.properties.kode}"]`).count()).resolves.toBe(0);
    await expect(table.locator('th[scope="rowgroup"]').first().textContent()).resolves.toMatch(/^Kecamatan /);
  });

  it('downloads each chart as a PNG named after the chart and the date', async () => {
    screenshotOnFailure('download');
    for (const slug of CHARTS) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator(`[data-testid="chart-${slug}"] [data-testid="download-png"]`).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^tapak-${slug}-\\d{4}-\\d{2}-\\d{2}\\.png$`));
      const file = await download.path();
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      // 1.200 × 700 CSS px at twice the density: a figure fit for a report, not a thumbnail.
      expect(bytes.readUInt32BE(16)).toBe(2400);
      expect(bytes.readUInt32BE(20)).toBe(1400);
    }
  });

  it('follows the language toggle and goes back to the map', async () => {
    screenshotOnFailure('language');
    await page.getByRole('button', { name: /^EN/ }).click();
    await poll(() => page.getByTestId('dashboard').textContent()).toContain('Coverage by kecamatan');
    await expect(page.locator(`[data-kode="${smallKelurahan.properties.kode}"] td`).last().textContent()).resolves.toBe(
      'All candidates too small',
    );
    await page.getByRole('button', { name: /^ID/ }).click();
    await page.getByTestId('view-map').click();
    await poll(() => page.getByTestId('dashboard').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    await page.evaluate(() => window.__tapak?.whenIdle());
    expect(await page.evaluate(() => window.__tapak?.renderedKelurahanCount())).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
});
