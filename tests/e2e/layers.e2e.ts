import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

// Constraint layers and criteria: a qualifying parcel (created through the API), a flood layer imported over
// it through the "Lapisan" dialog (a GeoJSON file chosen with setInputFiles) turns its verdict to "tidak
// memenuhi" with the flood reason; deleting the layer makes it qualify again; a criteria preview names the
// kelurahan that would lose its site. Same harness as parcels.e2e.ts. Everything it creates is removed.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** A closed width × depth m rectangle centred on (lon, lat). */
function closedRectangle(center: [number, number], width: number, depth: number): Ring {
  const corners = rectangle(center, width, depth);
  return [...corners, corners[0] as [number, number]];
}

describe.skipIf(!BASE_URL)('layers and criteria: flood overlay, delete, preview (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  const stamp = new Date().toISOString().slice(0, 19);
  const parcelName = `Uji lapisan ${stamp}`;
  const layerName = `Banjir uji ${stamp}`;
  let browser: Browser;
  let page: Page;
  let target: KelurahanFeature;
  let center: [number, number];
  let parcelId = '';
  let tempDir = '';
  const consoleErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('layers', () => page);

  const hookParcel = () => page.evaluate(() => window.__tapak?.parcel ?? null);

  async function layersByName(): Promise<{ id: string; name: string }[]> {
    const response = await apiFetch(new URL('/api/layers', base));
    const list = (await response.json()) as { id: string; name: string }[];
    return list.filter((l) => l.name === layerName);
  }

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-layers-e2e-'));
    browser = await launchChromium();
    ({ page } = await openPage(browser));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));

    const response = await apiFetch(new URL('/api/kelurahan', base));
    const body = (await response.json()) as { features: KelurahanFeature[] };
    // A kelurahan without a qualifying site: the test's parcel becomes its only one.
    target = body.features.find((f) => f.geometry && f.properties.qualifying === 0) as KelurahanFeature;
    expect(target).toBeDefined();
    center = interiorPoint(target.geometry?.coordinates ?? []);

    const created = await apiFetch(new URL('/api/parcels', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [closedRectangle(center, 40, 30)] },
        properties: { name: parcelName, owner_class: 'pemkot_bmd', legal_status: 'bersih' },
      }),
    });
    expect(created.status).toBe(201);
    const parcel = (await created.json()) as { id: string; properties: { verdict: string } };
    parcelId = parcel.id;
    expect(parcel.properties.verdict).toBe('memenuhi');
  });

  afterAll(async () => {
    // Leave the shared database as it was found.
    for (const layer of await layersByName().catch(() => [])) {
      await apiFetch(new URL(`/api/layers/${layer.id}`, base), { method: 'DELETE' }).catch(() => {});
    }
    await deleteParcels([parcelId]);
    await browser?.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('opens the qualifying parcel with its rank', async () => {
    screenshotOnFailure('open');
    await page.goto(new URL(`/?parcel=${parcelId}`, base).href);
    await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
    await poll(async () => (await hookParcel())?.id ?? null).toBe(parcelId);
    await poll(async () => (await hookParcel())?.verdict ?? null).toBe('memenuhi');
    await expect(page.getByTestId('parcel-rank').textContent()).resolves.toBe('Peringkat 1 di kelurahan');
  });

  it('imports a flood layer over the parcel through the dialog and the parcel stops qualifying', async () => {
    screenshotOnFailure('import');
    const file = path.join(tempDir, 'banjir-uji.geojson');
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { nama: 'genangan' },
            geometry: { type: 'Polygon', coordinates: [closedRectangle(center, 80, 60)] },
          },
        ],
      }),
    );
    await page.getByTestId('layers-button').click();
    await page.getByTestId('layer-import').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-file').setInputFiles(file);
    await poll(() => dialog.getByText('1 fitur terbaca').count()).toBe(1);
    await dialog.getByTestId('import-name').fill(layerName);
    await dialog.getByTestId('import-kind').selectOption('flood');
    await dialog.getByTestId('import-submit').click();
    const result = dialog.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/^\d+ bidang dinilai ulang, [1-9]\d* berubah status kelayakan$/);
    await dialog.getByTestId('import-close').click();

    await poll(async () => (await hookParcel())?.verdict ?? null).toBe('tidak_memenuhi');
    const flood = page.locator('[data-check="outside_flood"][data-status="fail"]');
    await poll(() => flood.count()).toBe(1);
    await expect(flood.locator('.check-message').textContent()).resolves.toContain('rawan banjir');
    await expect(page.locator('.parcel-badges [data-verdict]').first().textContent()).resolves.toContain(
      'Tidak memenuhi',
    );
  });

  it('lists the layer, shows it on the map and remembers that', async () => {
    screenshotOnFailure('show');
    const [layer] = await layersByName();
    expect(layer).toBeDefined();
    const id = layer?.id ?? '';
    await page.getByTestId('layers-button').click();
    const item = page.locator(`[data-layer-id="${id}"]`);
    await item.getByRole('checkbox', { name: `Tampilkan lapisan ${layerName}` }).check();
    await poll(() =>
      page.evaluate((layerId) => {
        const map = window.__tapak?.map;
        const layerSpec = map?.getLayer(`overlay-${layerId}-fill`);
        return layerSpec ? map?.getLayoutProperty(`overlay-${layerId}-fill`, 'visibility') : null;
      }, id),
    ).toBe('visible');
    const stored = await page.evaluate(() => localStorage.getItem('tapak.layers.visible'));
    expect(JSON.parse(stored ?? '[]')).toContain(id);
    await page.keyboard.press('Escape');
  });

  it('deletes the layer with confirmation and the parcel qualifies again', async () => {
    screenshotOnFailure('delete');
    const [layer] = await layersByName();
    await page.getByTestId('layers-button').click();
    await page
      .locator(`[data-layer-id="${layer?.id}"]`)
      .getByRole('button', { name: `Hapus lapisan ${layerName}` })
      .click();
    await page.getByTestId('layer-delete-confirm').click();
    await poll(async () => (await layersByName()).length).toBe(0);
    await poll(async () => (await hookParcel())?.verdict ?? null).toBe('memenuhi');
    // Without a flood layer the check passes or is not listed at all: it no longer fails.
    await poll(() => page.locator('[data-check="outside_flood"][data-status="fail"]').count()).toBe(0);
  });

  it('previews stricter criteria and names the kelurahan that would lose its site', async () => {
    screenshotOnFailure('criteria');
    await page.getByTestId('settings-button').click();
    const dialog = page.getByTestId('criteria-dialog');
    const minArea = dialog.getByTestId('criteria-min_area_m2');
    await poll(() => minArea.inputValue()).toBe('600');
    // An inline error first: the ideal area may not be below the minimum.
    await minArea.fill('5000');
    await dialog.getByTestId('criteria-preview').click();
    await poll(() => dialog.getByText('Luas ideal tidak boleh kurang dari luas minimum.').count()).toBe(1);
    await dialog.getByTestId('criteria-ideal_area_m2').fill('5000');
    await dialog.getByTestId('criteria-preview').click();
    const losing = dialog.getByTestId('criteria-losing');
    await losing.waitFor({ timeout: 30_000 });
    await expect(losing.textContent()).resolves.toContain(target.properties.nama);
    await dialog.getByRole('button', { name: 'Tutup' }).click();
    // Nothing was saved: the parcel still qualifies.
    const criteria = (await (await apiFetch(new URL('/api/criteria', base))).json()) as {
      criteria: { min_area_m2: number };
    };
    expect(criteria.criteria.min_area_m2).toBe(600);
    expect(consoleErrors).toEqual([]);
  });
});
