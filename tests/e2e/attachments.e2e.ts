import type { GeoJSONSource } from 'maplibre-gl';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import { jpegWithGps } from '../support/attachmentFiles.ts';
import {
  apiFetch,
  BASE_URL,
  deleteParcels,
  failureScreenshots,
  interiorPoint,
  type KelurahanFeature,
  launchChromium,
  openPage,
  rectangle,
} from './support/harness.ts';

// A surveyor's photo of a parcel, through the browser: upload from the parcel panel (session cookie and
// CSRF header through the api client), see the thumbnail and the place it was taken on the map, meet the
// Indonesian refusal of a program disguised as a photo, fetch the proposal package, delete the photo.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe.skipIf(!BASE_URL)('attachments: upload, thumbnail, photo marker, refusal, proposal (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  let browser: Browser;
  let page: Page;
  let parcelId = '';
  let photoPosition: [number, number] = [0, 0];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const { features } = (await (await apiFetch('/api/kelurahan')).json()) as { features: KelurahanFeature[] };
    const target = features.find((f) => f.geometry) as KelurahanFeature;
    const center = interiorPoint(target.geometry?.coordinates ?? []);
    const ring = rectangle(center, 40, 30);
    const created = await apiFetch('/api/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
        properties: { name: 'Uji foto e2e', owner_class: 'pemkot_bmd', legal_status: 'bersih' },
      }),
    });
    expect(created.status).toBe(201);
    parcelId = ((await created.json()) as { id: string }).id;
    photoPosition = [center[0] + 0.0001, center[1]];
    ({ page } = await openPage(browser));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await deleteParcels([parcelId]);
    await browser?.close();
  });

  const screenshotOnFailure = failureScreenshots('attachments', () => page);

  const photoMarkers = () =>
    page.evaluate(async () => {
      const source = window.__tapak?.map?.getSource('parcel-photos') as GeoJSONSource | undefined;
      if (!source) return [];
      const data = (await source.getData()) as { features: Array<{ geometry: { coordinates: number[] } }> };
      return data.features.map((f) => f.geometry.coordinates);
    });

  it('uploads a photo from the panel, shows its thumbnail and where it was taken', async () => {
    screenshotOnFailure('upload');
    await page.goto(new URL(`/?parcel=${parcelId}`, base).href);
    const section = page.getByTestId('attachments');
    await section.waitFor({ timeout: 30_000 });
    await poll(() => section.textContent()).toContain('Belum ada foto atau dokumen.');

    const photo = await jpegWithGps({ lon: photoPosition[0], lat: photoPosition[1], takenAt: '2026:05:20 14:05:00' });
    await page
      .getByTestId('attachment-input')
      .setInputFiles({ name: 'tampak depan.jpg', mimeType: 'image/jpeg', buffer: photo });

    const thumbnail = page.getByTestId('attachment-photos').locator('img');
    await thumbnail.waitFor({ timeout: 15_000 });
    // The grid's images load lazily: scroll to them as a person would.
    await thumbnail.scrollIntoViewIfNeeded();
    await poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await poll(() => section.textContent()).toContain('tampil di peta');

    await poll(photoMarkers).toHaveLength(1);
    const [marker] = await photoMarkers();
    expect(Math.abs((marker?.[0] ?? 0) - photoPosition[0])).toBeLessThan(1e-6);
    expect(Math.abs((marker?.[1] ?? 0) - photoPosition[1])).toBeLessThan(1e-6);
  });

  it('explains in Bahasa Indonesia why a program renamed .jpg is refused', async () => {
    screenshotOnFailure('refusal');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2048, 0x41)]);
    await page.getByTestId('attachment-input').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: exe });
    await poll(() => page.getByTestId('attachment-errors').textContent()).toContain('Jenis berkas tidak didukung');
  });

  it('downloads the proposal package and deletes the photo', async () => {
    screenshotOnFailure('proposal-delete');
    const href = await page.getByTestId('proposal-download').getAttribute('href');
    expect(href).toBe(`/api/parcels/${parcelId}/proposal.zip`);
    const zip = await page.request.get(new URL(href ?? '', base).href);
    expect(zip.status()).toBe(200);
    expect(zip.headers()['content-type']).toBe('application/zip');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('attachment-photos').getByRole('button').first().click();
    await poll(() => page.getByTestId('attachments').textContent()).toContain('Belum ada foto atau dokumen.');
    await poll(photoMarkers).toHaveLength(0);
    // The refused upload answered 415 on purpose; nothing else may have failed.
    expect(consoleErrors.filter((text) => !/415/.test(text))).toEqual([]);
  });
});
