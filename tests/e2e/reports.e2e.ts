import fs from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import {
  apiFetch,
  BASE_URL,
  failureScreenshots,
  interiorPoint,
  type KelurahanFeature,
  launchChromium,
  openPage,
  rectangle,
} from './support/harness.ts';

// "For any kelurahan of Bekasi, one click gives a signed-ready PDF, and one more the Agrinas package for its
// primary site": from the kelurahan panel, as a planner would, with a primary site seeded through the API.

const kode = '32.75.01.1001';

describe.skipIf(!BASE_URL)('kelurahan report and proposal package from the panel (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let kelurahan: KelurahanFeature;
  let parcelId = '';
  const parcelName = `Lahan BMD laporan ${Date.now()}`;

  beforeAll(async () => {
    kelurahan = (await (await apiFetch(new URL(`/api/kelurahan/${kode}`, base))).json()) as KelurahanFeature;
    const center = interiorPoint(kelurahan.geometry?.coordinates ?? []);
    const ring = rectangle(center, 40, 30);
    const created = await apiFetch(new URL('/api/parcels', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
        properties: {
          name: parcelName,
          owner_class: 'pemkot_bmd',
          legal_status: 'bersih',
          is_vacant: true,
          is_primary: true,
        },
      }),
    });
    expect(created.status).toBe(201);
    parcelId = ((await created.json()) as { id: string }).id;
    browser = await launchChromium();
    ({ context, page } = await openPage(browser, { acceptDownloads: true }));
    await page.goto(new URL(`/?kel=${kode}`, base).toString());
    await page.getByTestId('kelurahan-detail').waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (parcelId) {
      await apiFetch(new URL(`/api/parcels/${parcelId}`, base), { method: 'DELETE', headers: { 'if-match': '"v1"' } });
    }
  });

  const screenshotOnFailure = failureScreenshots('reports', () => page);

  async function download(testId: string): Promise<{ name: string; bytes: Uint8Array }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const filePath = await file.path();
    return { name: file.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(filePath)) };
  }

  it('one click gives the kelurahan report as a PDF with its name, the parcel and the signature block', async () => {
    screenshotOnFailure('report');
    const report = await download('download-kelurahan-report');
    expect(report.name).toMatch(/\.pdf$/);
    expect(Buffer.from(report.bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(report.bytes), { mergePages: true });
    expect(text).toContain(kelurahan.properties.nama);
    expect(text).toContain(parcelName);
    expect(text).toContain('1.200');
    expect(text).toMatch(/Lurah/);
    expect(text).toMatch(/Kepala Dinas/);
  });

  it('one more gives the Agrinas package of its primary site', async () => {
    screenshotOnFailure('proposal');
    const proposal = await download('download-kelurahan-proposal');
    expect(proposal.name).toMatch(/\.zip$/);
    const names = Object.keys(unzipSync(proposal.bytes));
    const folder = names.find((name) => name.startsWith(`${kode}_`))?.split('/')[0];
    expect(folder).toBeTruthy();
    for (const entry of ['usulan.xlsx', 'usulan.csv', 'bidang.geojson', 'titik.geojson', 'laporan.pdf']) {
      expect(names).toContain(`${folder}/${entry}`);
    }
  });
});
