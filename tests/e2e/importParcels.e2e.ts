import fs from 'node:fs';
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
  RESULTS,
  type Ring,
  rectangle,
} from './support/harness.ts';

// "Impor bidang": a planner uploads a GeoJSON and a CSV made here (parcels inside a real Bekasi kelurahan),
// watches the upload progress, reads the preview (format, CRS, counts, skipped rows), changes a column
// mapping, commits and finds the parcels on the map; a file with an invalid feature (a self-crossing
// outline at preview, a bad value at commit) lists the feature and row and saves nothing.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

type ParcelList = { features: { id: string; properties: { name: string; notes: string | null; tags: string[] } }[] };

describe.skipIf(!BASE_URL)('parcel import dialog (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  const stamp = new Date().toISOString().slice(0, 19);
  let browser: Browser;
  let page: Page;
  let target: KelurahanFeature;
  let center: [number, number];
  const created: string[] = [];
  const consoleErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('import-parcels', () => page);

  /** A closed ring `offsetM` metres east of the kelurahan's interior point. */
  const parcelRing = (offsetM: number, width = 40, depth = 30): Ring => {
    const shifted: [number, number] = [
      center[0] + offsetM / (111_320 * Math.cos((center[1] * Math.PI) / 180)),
      center[1],
    ];
    const ring = rectangle(shifted, width, depth);
    return [...ring, ring[0] as [number, number]];
  };
  const wkt = (ring: Ring) => `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(', ')}))`;

  async function parcelsNamed(prefix: string): Promise<ParcelList['features']> {
    const response = await apiFetch(new URL('/api/parcels', base));
    const body = (await response.json()) as ParcelList;
    return body.features.filter((f) => f.properties.name.startsWith(prefix));
  }

  async function openDialog(): Promise<void> {
    await page.getByTestId('import-parcels-button').click();
    await page.getByTestId('import-parcels-dialog').waitFor();
  }

  /** Chooses a file made in memory and uploads it; resolves when the preview (or an error) is shown. */
  async function upload(name: string, mimeType: string, content: string): Promise<void> {
    await page.getByTestId('import-parcels-file').setInputFiles({ name, mimeType, buffer: Buffer.from(content) });
    await page.getByTestId('import-parcels-upload').click();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openPage(browser));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    const response = await apiFetch(new URL('/api/kelurahan', base));
    const body = (await response.json()) as { features: KelurahanFeature[] };
    // The last kelurahan with a boundary: the other browser suites work at the start of the list.
    target = [...body.features].reverse().find((f) => f.geometry) as KelurahanFeature;
    center = interiorPoint(target.geometry?.coordinates ?? []);
    await page.goto(new URL(`/?kel=${target.properties.kode}`, base).href);
    await page.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
  });

  afterAll(async () => {
    // Leave the shared server as it was for the other suites.
    await deleteParcels(created);
    await browser?.close();
  });

  it('uploads a GeoJSON with progress, previews it, and creates the parcels shown on the map', async () => {
    screenshotOnFailure('geojson');
    const prefix = `Impor GeoJSON ${stamp}`;
    // A long note makes the upload last long enough to watch under a throttled connection.
    const filler = 'x'.repeat(400_000);
    const collection = {
      type: 'FeatureCollection',
      features: [0, 60].map((offset, index) => ({
        type: 'Feature',
        properties: { nama: `${prefix} ${index + 1}`, keterangan: `Uji impor ${index + 1}`, lampiran: filler },
        geometry: { type: 'Polygon', coordinates: [parcelRing(offset)] },
      })),
    };
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 250 * 1024,
    });
    // Record every progress state the dialog passes through (some last only a moment).
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { __importSeen: Set<string> }).__importSeen = seen;
      new MutationObserver(() => {
        for (const id of ['import-parcels-upload-progress', 'import-parcels-reading', 'import-parcels-committing']) {
          if (document.querySelector(`[data-testid="${id}"]`)) seen.add(id);
        }
        const bar = document.querySelector<HTMLProgressElement>(
          '[data-testid="import-parcels-upload-progress"] progress',
        );
        if (bar && bar.value > 0 && bar.value < 100) seen.add('partial-upload');
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });

    await openDialog();
    await upload('bidang.geojson', 'application/geo+json', JSON.stringify(collection));
    await page.getByTestId('import-parcels-preview').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const seen = await page.evaluate(() => [...(window as unknown as { __importSeen: Set<string> }).__importSeen]);
    expect(seen).toContain('import-parcels-upload-progress');
    expect(seen).toContain('partial-upload');

    expect(await page.getByTestId('import-parcels-format').textContent()).toBe('GeoJSON');
    expect(await page.getByTestId('import-parcels-crs-detected').textContent()).toContain('WGS 84');
    expect(await page.getByTestId('import-parcels-count').textContent()).toBe('2');
    expect(await page.getByTestId('import-parcels-importable').textContent()).toBe('2');
    // The server suggested nama → name and keterangan → notes; the filler field is not imported.
    expect(await page.getByTestId('import-map-nama').inputValue()).toBe('name');
    expect(await page.getByTestId('import-map-keterangan').inputValue()).toBe('notes');
    expect(await page.getByTestId('import-map-lampiran').inputValue()).toBe('');
    // The planner changes a mapping: "keterangan" becomes the current use, not the notes.
    await page.getByTestId('import-map-keterangan').selectOption('current_use');
    await page.getByTestId('import-default-source').selectOption('bmd');
    await page.getByTestId('import-default-tags').fill('impor uji');
    fs.mkdirSync(RESULTS, { recursive: true });
    await page
      .getByTestId('import-parcels-dialog')
      .screenshot({ path: path.join(RESULTS, 'import-parcels-preview.png') });

    await page.getByTestId('import-parcels-commit').click();
    await poll(() => page.getByTestId('import-parcels-result').textContent()).toContain('2 bidang dibuat');
    await page
      .getByTestId('import-parcels-dialog')
      .screenshot({ path: path.join(RESULTS, 'import-parcels-result.png') });

    const parcels = await parcelsNamed(prefix);
    expect(parcels).toHaveLength(2);
    created.push(...parcels.map((p) => p.id));
    const stored = (await (await apiFetch(new URL(`/api/parcels/${parcels[0]?.id}`, base))).json()) as {
      properties: { source: string; current_use: string | null; notes: string | null; tags: string[] };
    };
    expect(stored.properties.source).toBe('bmd');
    expect(stored.properties.current_use).toMatch(/^Uji impor/);
    expect(stored.properties.notes).toBeNull();
    expect(stored.properties.tags).toEqual(['impor uji']);

    await page.getByTestId('import-parcels-close').click();
    // The map reloads the parcels and frames the imported ones.
    await poll(async () => {
      await page.evaluate(() => window.__tapak?.whenIdle());
      const rendered = await page.evaluate(() => window.__tapak?.renderedParcelIds?.() ?? []);
      return parcels.every((p) => rendered.includes(p.id));
    }).toBe(true);
  });

  it('imports a CSV with a WKT column: a row without geometry is skipped, a re-mapped column names the parcels', async () => {
    screenshotOnFailure('csv');
    const prefix = `Impor CSV ${stamp}`;
    const csv = [
      'lokasi;wkt;catatan',
      `${prefix} A;"${wkt(parcelRing(140))}";dari KIB`,
      `${prefix} B;"${wkt(parcelRing(200, 35, 25))}";`,
      `${prefix} C;;belum digambar`,
    ].join('\n');
    await openDialog();
    await upload('kib-a.csv', 'text/csv', csv);
    await page.getByTestId('import-parcels-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-parcels-format').textContent()).toBe('CSV');
    expect(await page.getByTestId('import-parcels-count').textContent()).toBe('3');
    expect(await page.getByTestId('import-parcels-importable').textContent()).toBe('2');
    // The skipped row, with its feature number and spreadsheet row.
    const skipped = page.locator('[data-testid=import-parcels-issue-table] tr[data-feature="3"]');
    expect(await skipped.textContent()).toContain('Tanpa geometri');
    expect(await skipped.textContent()).toContain('4');
    // "lokasi" is not a name Tapak knows: the planner maps it onto the parcel name.
    expect(await page.getByTestId('import-map-lokasi').inputValue()).toBe('');
    await page.getByTestId('import-map-lokasi').selectOption('name');
    await page.getByTestId('import-parcels-commit').click();
    await poll(() => page.getByTestId('import-parcels-result').textContent()).toContain('2 bidang dibuat');
    expect(await page.getByTestId('import-parcels-skipped-table').textContent()).toContain('Tanpa geometri');
    await page.getByTestId('import-parcels-close').click();
    const parcels = await parcelsNamed(prefix);
    created.push(...parcels.map((p) => p.id));
    expect(parcels.map((p) => p.properties.name).sort()).toEqual([`${prefix} A`, `${prefix} B`]);
  });

  it('shows a self-crossing feature at preview and does not let it be saved', async () => {
    screenshotOnFailure('invalid-geometry');
    const prefix = `Impor rusak ${stamp}`;
    const [a, b, c, d] = parcelRing(260);
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { nama: `${prefix} 1` },
          geometry: { type: 'Polygon', coordinates: [parcelRing(320)] },
        },
        // A bow tie: the outline crosses itself.
        {
          type: 'Feature',
          properties: { nama: `${prefix} 2` },
          geometry: { type: 'Polygon', coordinates: [[a, c, b, d, a]] },
        },
      ],
    };
    await openDialog();
    await upload('rusak.geojson', 'application/geo+json', JSON.stringify(collection));
    await page.getByTestId('import-parcels-preview').waitFor({ timeout: 30_000 });
    const row = page.locator('[data-testid=import-parcels-issue-table] tr[data-feature="2"]');
    expect(await row.textContent()).toMatch(/memotong dirinya|berpotongan|silang/i);
    expect(await row.textContent()).toContain('Menghalangi');
    expect(await page.getByTestId('import-parcels-commit').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Batal' }).click();
    expect(await parcelsNamed(prefix)).toHaveLength(0);
  });

  it('lists a bad value found at commit with its feature and row (422) and saves nothing', async () => {
    screenshotOnFailure('invalid-value');
    const prefix = `Impor nilai ${stamp}`;
    const csv = [
      'nama,wkt,peringkat',
      `${prefix} 1,"${wkt(parcelRing(380))}",1`,
      `${prefix} 2,"${wkt(parcelRing(440))}",dua`,
    ].join('\n');
    await openDialog();
    await upload('nilai.csv', 'text/csv', csv);
    await page.getByTestId('import-parcels-preview').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-map-peringkat').selectOption('shortlist_rank');
    await page.getByTestId('import-parcels-commit').click();
    const errors = page.getByTestId('import-parcels-errors');
    await errors.waitFor({ timeout: 20_000 });
    expect(await errors.textContent()).toContain('tidak ada bidang yang disimpan');
    const row = page.locator('[data-testid=import-parcels-error-table] tr[data-feature="2"]');
    expect(await row.textContent()).toContain('3');
    expect(await row.textContent()).toContain('bukan angka');
    await page
      .getByTestId('import-parcels-dialog')
      .screenshot({ path: path.join(RESULTS, 'import-parcels-refused.png') });
    expect(await parcelsNamed(prefix)).toHaveLength(0);
    // Ignoring the column and committing again saves both: the upload was kept.
    await page.getByTestId('import-map-peringkat').selectOption('');
    await page.getByTestId('import-parcels-commit').click();
    await poll(() => page.getByTestId('import-parcels-result').textContent()).toContain('2 bidang dibuat');
    await page.getByTestId('import-parcels-close').click();
    created.push(...(await parcelsNamed(prefix)).map((p) => p.id));
    expect(consoleErrors.filter((e) => !/422|Unprocessable/.test(e))).toEqual([]);
  });
});
