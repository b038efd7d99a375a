import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../web/src/testHooks.ts';
import {
  ADMIN,
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
  rectangle,
} from './support/harness.ts';

// Accounts in the browser: the login screen (wrong password in Indonesian, then in), a lurah who may not edit a
// parcel outside its kelurahan, hostile text shown as text, the "Riwayat" tab after an edit, an expired session
// that keeps the unsaved form, and the admin's "Pengguna" view. Same harness as the other browser tests; the
// screenshots of the login, Pengguna and Riwayat views land in test-results/ for a person to look at.

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const XSS_NAME = '<img src=x onerror="window.__xss=1">';
const XSS_NOTES = '<script>window.__xss=2</script>';

describe.skipIf(!BASE_URL)('accounts and access in the browser (e2e)', () => {
  const base = new URL(BASE_URL ?? 'http://localhost:3000');
  const stamp = Date.now().toString(36);
  const lurah = { username: `lurah.e2e.${stamp}`, password: `lurah-e2e-${stamp}-sandi` };
  const newUser = `camat.e2e.${stamp}`;
  let browser: Browser;
  let page: Page;
  let context: BrowserContext;
  let home: KelurahanFeature;
  let away: KelurahanFeature;
  let parcelId = '';
  const pageErrors: string[] = [];

  const screenshotOnFailure = failureScreenshots('auth', () => page);

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `auth-${name}.png`) });
  }

  async function waitForMap(target: Page = page): Promise<void> {
    await target.waitForFunction(() => window.__tapak?.ready === true, null, { timeout: 30_000 });
  }

  const xssFlag = (target: Page = page) => target.evaluate(() => (window as { __xss?: unknown }).__xss);

  beforeAll(async () => {
    browser = await launchChromium();
    const response = await apiFetch('/api/kelurahan');
    expect(response.status).toBe(200);
    const { features } = (await response.json()) as { features: KelurahanFeature[] };
    const withBoundary = features.filter((f) => f.geometry) as (KelurahanFeature & {
      properties: { kecamatan_kode: string };
    })[];
    home = withBoundary[0] as KelurahanFeature;
    const homeKecamatan = (home.properties as { kecamatan_kode?: string }).kecamatan_kode;
    away = withBoundary.find((f) => f.properties.kecamatan_kode !== homeKecamatan) as KelurahanFeature;
    expect(away).toBeDefined();

    // A lurah of `home`, created by the admin through the API.
    const created = await createLurah(home, lurah);
    expect(created.status).toBe(201);

    // A parcel in `away` whose name and notes are markup: it must only ever be shown as text.
    const ring = rectangle(interiorPoint(away.geometry?.coordinates ?? []), 40, 30);
    const parcel = await apiFetch('/api/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
        properties: { name: XSS_NAME, notes: XSS_NOTES, owner_class: 'pemkot_bmd', legal_status: 'bersih' },
      }),
    });
    expect(parcel.status).toBe(201);
    parcelId = ((await parcel.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await deleteParcels([parcelId]);
    await browser?.close();
  });

  it('refuses a wrong password with the server’s Indonesian message, then logs in', async () => {
    screenshotOnFailure('login');
    ({ page, context } = await openPage(browser, { credentials: null }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const consoleErrors: string[] = [];
    const onConsole = (message: { type: () => string; text: () => string }) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    };
    page.on('console', onConsole);
    await page.goto(base.href);
    await page.getByTestId('login-screen').waitFor();
    await page.waitForLoadState('networkidle');
    // A new user's first sight of Tapak logs nothing: no data read is sent before there is a session to read with.
    page.off('console', onConsole);
    expect(consoleErrors).toEqual([]);
    await screenshot('login');
    await page.getByTestId('login-username').fill(ADMIN.username);
    await page.getByTestId('login-password').fill('salah-sekali-kata-sandinya');
    await page.getByTestId('login-submit').click();
    await poll(() => page.getByTestId('login-error').textContent()).toContain('Nama pengguna atau kata sandi salah');
    await screenshot('login-error');

    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await waitForMap();
    expect(await page.getByTestId('user-name').textContent()).toBeTruthy();
    await poll(() => page.getByTestId('user-role').textContent()).toContain('Admin');
  });

  it('shows markup in a parcel’s name and notes as literal text in the panel, the lists and the map', async () => {
    screenshotOnFailure('xss');
    await page.goto(new URL(`/?parcel=${parcelId}`, base).href);
    await waitForMap();
    await poll(() => page.getByTestId('parcel-title').textContent()).toBe(XSS_NAME);
    expect(await page.getByLabel('Catatan', { exact: true }).inputValue()).toBe(XSS_NOTES);

    await page.getByTestId('parcel-back').click();
    await poll(() => page.getByTestId('kelurahan-parcels').textContent()).toContain(XSS_NAME);
    await page.getByTestId('tab-parcels').click();
    await poll(() => page.getByTestId('parcel-browser').textContent()).toContain(XSS_NAME);

    // The map's own text (kelurahan labels) and everything else: no element came out of the parcel's text.
    expect(await page.locator('.map-labels img, img[src="x"]').count()).toBe(0);
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll('script')).some((script) => script.textContent?.includes('__xss')),
      ),
    ).toBe(false);
    expect(await xssFlag()).toBeUndefined();
  });

  it('lists an edit in the Riwayat tab with the field’s before and after', async () => {
    screenshotOnFailure('history');
    await page.goto(new URL(`/?parcel=${parcelId}`, base).href);
    await waitForMap();
    await page.getByTestId('parcel-panel').waitFor();
    // Through the form, so the PATCH carries the session cookie and the CSRF token.
    await page.getByLabel('Catatan', { exact: true }).fill('Sudah dicek lapangan');
    await page.getByTestId('parcel-save').click();
    await poll(() => page.evaluate(() => window.__tapak?.parcel?.dirty)).toBe(false);

    await page.getByTestId('parcel-tab-history').click();
    const newest = page.getByTestId('audit-entry').first();
    await poll(() => newest.textContent()).toContain('Diubah');
    const text = (await newest.textContent()) ?? '';
    expect(text).toContain(`oleh ${ADMIN.username}`);
    expect(text).toContain('PATCH /api/parcels/:id');
    const notes = newest.getByTestId('audit-field').filter({ hasText: 'Catatan' });
    expect(await notes.locator('.audit-before').textContent()).toBe(XSS_NOTES);
    expect(await notes.locator('.audit-after').textContent()).toBe('Sudah dicek lapangan');
    const created = page.locator('[data-testid="audit-entry"][data-action="create"]');
    expect(await created.count()).toBe(1);
    await screenshot('history');
    expect(await xssFlag()).toBeUndefined();
  });

  it('keeps the unsaved form when the session expires, and saves it after logging in again', async () => {
    screenshotOnFailure('expired');
    await page.getByTestId('parcel-tab-data').click();
    // The server forgets the session (as after the idle timeout): the browser no longer has a valid cookie.
    await context.clearCookies();
    // The next request (the server's verdict on the edited form, half a second later) meets a 401.
    await page.getByLabel('Catatan', { exact: true }).fill('Ditulis sebelum sesi berakhir');
    await page.getByTestId('session-expired').waitFor();
    expect(await page.evaluate(() => window.__tapak?.parcel?.dirty)).toBe(true);

    const dialog = page.getByTestId('login-dialog');
    await dialog.getByTestId('login-username').fill(ADMIN.username);
    await dialog.getByTestId('login-password').fill(ADMIN.password);
    await dialog.getByTestId('login-submit').click();
    await poll(() => dialog.count()).toBe(0);
    expect(await page.getByLabel('Catatan', { exact: true }).inputValue()).toBe('Ditulis sebelum sesi berakhir');
    await page.getByTestId('parcel-save').click();
    await poll(() => page.evaluate(() => window.__tapak?.parcel?.dirty)).toBe(false);
    const stored = (await (await apiFetch(`/api/parcels/${parcelId}`)).json()) as { properties: { notes: string } };
    expect(stored.properties.notes).toBe('Ditulis sebelum sesi berakhir');
  });

  it('lets the admin add a user in the Pengguna view and give it a token', async () => {
    screenshotOnFailure('users');
    await page.getByTestId('users-button').click();
    const dialog = page.getByTestId('users-dialog');
    await poll(() => dialog.getByTestId('user-row').count()).toBeGreaterThanOrEqual(2);
    await dialog.getByTestId('user-add').click();
    await dialog.getByTestId('user-add-username').fill(newUser);
    await dialog.getByTestId('user-add-name').fill('Camat Uji E2E');
    await dialog.getByTestId('user-role-select').selectOption('camat');
    const kecamatan = (home.properties as { kecamatan_kode?: string }).kecamatan_kode ?? '';
    await dialog.getByTestId('user-territory-select').selectOption(kecamatan);
    await dialog.getByTestId('user-add-password').fill(`camat-${stamp}-sandi`);
    await dialog.getByTestId('user-add-submit').click();
    const row = dialog.locator(`[data-testid="user-row"][data-username="${newUser}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(kecamatan);
    await screenshot('users');

    await row.getByTestId('user-manage').click();
    await dialog.getByTestId('token-name').fill('QGIS uji');
    await dialog.getByTestId('token-create').click();
    const secret = (await dialog.getByTestId('token-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(20);
    const asCamat = await fetch(new URL('/api/auth/session', base), { headers: { authorization: `Bearer ${secret}` } });
    const session = (await asCamat.json()) as { user: { username: string }; read_only: boolean };
    expect(session.user.username).toBe(newUser);
    expect(session.read_only).toBe(true);
    await screenshot('users-token');
    await dialog.getByTestId('users-close').click();
  });

  it('shows a lurah the parcel outside its kelurahan read only, with the reason', async () => {
    screenshotOnFailure('lurah');
    const lurahPage = (await openPage(browser, { credentials: lurah })).page;
    page = lurahPage;
    await page.goto(new URL(`/?parcel=${parcelId}`, base).href);
    await waitForMap();
    await poll(() => page.getByTestId('parcel-readonly').textContent()).toContain('di luar wilayah kerja Anda');
    expect(await page.getByTestId('parcel-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('parcel-delete').isDisabled()).toBe(true);
    expect(await page.getByTestId('parcel-delete').getAttribute('title')).toContain(away.properties.kode);
    expect(await page.getByLabel('Catatan', { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByTestId('edit-geometry').count()).toBe(0);
    expect(await page.getByTestId('user-role').textContent()).toContain(home.properties.kode);
    // Drawing is still open to a lurah: in its own kelurahan.
    expect(await page.getByTestId('tool-polygon').isDisabled()).toBe(false);
    expect(await xssFlag()).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
