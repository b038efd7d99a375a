import fs from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { multipartForm } from '../support/attachmentFiles.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

/**
 * Regressions found by the reliability run's hostile corpus (scripts/reliability/hostileRoutes.ts): each of
 * these was a 500 and is a 400 problem+json that writes nothing.
 */
let t: TestApp;
let parcelId: string;
let userId: string;
let jpeg: Buffer;

function expectBadRequest(response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ type: 'urn:tapak:problem:bad-request' });
}

async function attachmentCount(): Promise<number> {
  const response = await t.app.inject(`/api/parcels/${parcelId}/attachments`);
  const body = response.json() as unknown[] | { attachments: unknown[] };
  return Array.isArray(body) ? body.length : body.attachments.length;
}

describe(`hostile input on ${testEngine()}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    const parcel = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: {
        type: 'Feature',
        geometry: rectangleAt([107.0136, -6.2334], 40, 30, 0),
        properties: { name: 'Sasaran', owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd' },
      },
    });
    expect(parcel.statusCode).toBe(201);
    parcelId = parcel.json().id;
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'sasaran',
        display_name: 'Sasaran',
        role: 'pemantau',
        password: 'kata-sandi-panjang',
      },
    });
    expect(user.statusCode).toBe(201);
    userId = user.json().id;
    jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336633' } })
      .jpeg()
      .toBuffer();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  describe('a malformed multipart upload', () => {
    it('without a boundary in its content type', async () => {
      const form = multipartForm([{ name: 'file', value: jpeg, fileName: 'a.jpg', contentType: 'image/jpeg' }]);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/parcels/${parcelId}/attachments`,
        payload: form.payload,
        headers: { 'content-type': 'multipart/form-data' },
      });
      expectBadRequest(response);
      expect(await attachmentCount()).toBe(0);
    });

    it('cut short or with another boundary than its content type names', async () => {
      const form = multipartForm([{ name: 'file', value: jpeg, fileName: 'a.jpg', contentType: 'image/jpeg' }]);
      const truncated = await t.app.inject({
        method: 'POST',
        url: `/api/parcels/${parcelId}/attachments`,
        payload: form.payload.subarray(0, 120),
        headers: form.headers,
      });
      expectBadRequest(truncated);
      const otherBoundary = await t.app.inject({
        method: 'POST',
        url: `/api/parcels/${parcelId}/attachments`,
        payload: form.payload,
        headers: { 'content-type': 'multipart/form-data; boundary=lain' },
      });
      expectBadRequest(otherBoundary);
      expect(await attachmentCount()).toBe(0);
      // Nothing half-received is left behind in the upload directory's files either.
      const stored = fs.readdirSync(t.uploadDir, { recursive: true }).filter((name) => String(name).endsWith('.jpg'));
      expect(stored).toEqual([]);
    });
  });

  describe('a NUL character in text the database stores', () => {
    it('in a photo caption', async () => {
      const form = multipartForm([
        { name: 'caption', value: 'a\u0000b' },
        { name: 'file', value: jpeg, fileName: 'a.jpg', contentType: 'image/jpeg' },
      ]);
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/parcels/${parcelId}/attachments`,
        ...form,
      });
      expectBadRequest(response);
      expect(await attachmentCount()).toBe(0);
    });

    it('in a new user’s display name, a changed one and a token name', async () => {
      const before = (await t.app.inject('/api/users')).json();
      expectBadRequest(
        await t.app.inject({
          method: 'POST',
          url: '/api/users',
          payload: { username: 'nul-nama', display_name: 'a\u0000b', role: 'pemantau', password: 'kata-sandi-panjang' },
        }),
      );
      expectBadRequest(
        await t.app.inject({ method: 'PATCH', url: `/api/users/${userId}`, payload: { display_name: 'a\u0000b' } }),
      );
      expectBadRequest(
        await t.app.inject({ method: 'POST', url: `/api/users/${userId}/tokens`, payload: { name: 'a\u0000b' } }),
      );
      expect((await t.app.inject('/api/users')).json()).toEqual(before);
      expect((await t.app.inject(`/api/users/${userId}/tokens`)).json()).toEqual({ tokens: [] });
    });
  });
});
