import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { jpegWithGps, multipartForm, tinyPdf } from '../support/attachmentFiles.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Position = [number, number];
let t: TestApp;

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    'SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s',
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [Number(row.lon), Number(row.lat)];
}

async function createParcel(center: Position, name: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: {
      type: 'Feature',
      geometry: rectangleAt(center, 40, 30, 10),
      properties: { name, owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd' },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

function upload(parcelId: string, file: Buffer, fileName: string, caption?: string, contentType = 'image/jpeg') {
  const form = multipartForm([
    ...(caption ? [{ name: 'caption', value: caption }] : []),
    { name: 'file', value: file, fileName, contentType },
  ]);
  return t.app.inject({ method: 'POST', url: `/api/parcels/${parcelId}/attachments`, ...form });
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`parcel attachments on ${testEngine()}`, () => {
  let bekasijaya: Position;
  let parcelId: string;
  let photo: Buffer;
  let photoId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    bekasijaya = await pointInside('32.75.01.1001');
    parcelId = await createParcel(bekasijaya, 'Lahan BMD Bekasijaya');
    // Taken 12 m east of the parcel centre, where a surveyor would stand to photograph it.
    photo = await jpegWithGps({
      lon: bekasijaya[0] + 0.000108,
      lat: bekasijaya[1],
      takenAt: '2026:03:14 09:26:53',
      widthPixels: 1600,
      heightPixels: 1200,
      orientation: 6,
    });
  });
  afterAll(() => t.close());

  it('stores a photo with the EXIF position and time, a sha256 and a thumbnail, and audits the upload', async () => {
    const expected = await exifr.gps(photo);
    const response = await upload(parcelId, photo, '../../etc/Foto\u202Egpj.exe lapangan.JPG', 'Tampak dari jalan');
    expect(response.statusCode).toBe(201);
    const attachment = response.json();
    photoId = attachment.id;
    expect(response.headers.location).toBe(`/api/attachments/${photoId}/file`);
    expect(attachment).toMatchObject({
      parcel_id: parcelId,
      kind: 'photo',
      media_type: 'image/jpeg',
      size_bytes: photo.length,
      sha256: sha256(photo),
      caption: 'Tampak dari jalan',
      created_by: 'admin',
      // 09:26:53 WIB (UTC+7): EXIF keeps wall-clock time without a zone.
      photo_taken_at: '2026-03-14T02:26:53.000Z',
      thumbnail_url: `/api/attachments/${photoId}/thumbnail`,
      deleted_at: null,
    });
    expect(Math.abs(attachment.photo_lon - (bekasijaya[0] + 0.000108))).toBeLessThan(1e-6);
    expect(Math.abs(attachment.photo_lat - bekasijaya[1])).toBeLessThan(1e-6);
    expect(Math.abs(attachment.photo_lon - expected.longitude)).toBeLessThan(1e-9);
    // No directories, no bidirectional override, the extension kept because it matches the content.
    expect(attachment.file_name).toBe('Fotogpj.exe lapangan.JPG');

    const stored = path.join(t.uploadDir, photoId.slice(0, 2), photoId);
    expect(fs.readFileSync(stored).equals(photo)).toBe(true);
    expect(fs.readdirSync(path.join(t.uploadDir, '.incoming'))).toEqual([]);

    const [row] = await t.context.db.knex('attachments').where({ id: photoId });
    expect(row.sha256).toBe(sha256(photo));
    expect(row.storage_key).toBe(`${photoId.slice(0, 2)}/${photoId}`);
    const audit = await t.context.db
      .knex('audit_log')
      .where({ entity_type: 'attachment', entity_id: photoId, action: 'create' });
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_label).toContain('admin');
    const after = typeof audit[0].after === 'string' ? JSON.parse(audit[0].after) : audit[0].after;
    expect(after).toMatchObject({ sha256: sha256(photo), parcel_id: parcelId });
  });

  it('serves the original byte for byte, safely named, and an upright JPEG thumbnail of at most 320 px', async () => {
    const file = await t.app.inject({ url: `/api/attachments/${photoId}/file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(
      `inline; filename="Fotogpj.exe lapangan.JPG"; filename*=UTF-8''Fotogpj.exe%20lapangan.JPG`,
    );
    expect(file.rawPayload.equals(photo)).toBe(true);

    const thumbnail = await t.app.inject({ url: `/api/attachments/${photoId}/thumbnail` });
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(thumbnail.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
    // Orientation 6 (camera turned): the 1600 × 1200 landscape pixels become a portrait thumbnail.
    expect(meta.width).toBe(240);
    expect(meta.height).toBe(320);
  });

  it('lists the attachments and maps where the photos were taken', async () => {
    const list = await t.app.inject({ url: `/api/parcels/${parcelId}/attachments` });
    expect(list.statusCode).toBe(200);
    expect(list.json().attachments.map((a: { id: string }) => a.id)).toEqual([photoId]);

    const points = await t.app.inject({ url: `/api/parcels/${parcelId}/photos.geojson` });
    expect(points.statusCode).toBe(200);
    expect(points.headers['content-type']).toContain('application/geo+json');
    const collection = points.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    const [lon, lat] = collection.features[0].geometry.coordinates;
    expect(Math.abs(lon - (bekasijaya[0] + 0.000108))).toBeLessThan(1e-6);
    expect(Math.abs(lat - bekasijaya[1])).toBeLessThan(1e-6);
    // The point lies inside Bekasijaya, beside the parcel.
    const inside = await t.context.db.knex.raw<{ rows: Array<{ inside: boolean }> }>(
      "SELECT ST_Contains(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) AS inside FROM kelurahan WHERE kode = '32.75.01.1001'",
      [lon, lat],
    );
    expect(inside.rows[0]?.inside).toBe(true);
  });

  it('accepts a PDF document (no thumbnail) and serves it as a download', async () => {
    const pdf = await tinyPdf('Sertifikat hak pakai — salinan');
    const response = await upload(parcelId, pdf, 'sertifikat.pdf', undefined, 'application/pdf');
    expect(response.statusCode).toBe(201);
    const document = response.json();
    expect(document).toMatchObject({
      kind: 'document',
      media_type: 'application/pdf',
      file_name: 'sertifikat.pdf',
      thumbnail_url: null,
      photo_lon: null,
      photo_taken_at: null,
    });
    const file = await t.app.inject({ url: document.file_url });
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="sertifikat.pdf"/);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    const thumbnail = await t.app.inject({ url: `/api/attachments/${document.id}/thumbnail` });
    expect(thumbnail.statusCode).toBe(404);
    expect(thumbnail.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a program renamed .jpg (415) and an oversize photo (413) and keeps nothing of either', async () => {
    const before = await t.context.db.knex('attachments').count('* as n');
    // A Windows executable starts with "MZ"; the name and the declared content type claim a JPEG.
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(4096, 0x41)]);
    const refused = await upload(parcelId, exe, 'foto.jpg', undefined, 'image/jpeg');
    expect(refused.statusCode).toBe(415);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().type).toBe('urn:tapak:problem:unsupported-media-type');

    const huge = Buffer.concat([photo, Buffer.alloc(15 * 1024 * 1024, 0)]);
    const tooLarge = await upload(parcelId, huge, 'besar.jpg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().type).toBe('urn:tapak:problem:payload-too-large');

    const notMultipart = await t.app.inject({
      method: 'POST',
      url: `/api/parcels/${parcelId}/attachments`,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);

    expect(await t.context.db.knex('attachments').count('* as n')).toEqual(before);
    expect(fs.readdirSync(path.join(t.uploadDir, '.incoming'))).toEqual([]);
  });

  it('deletes and restores an attachment, each audited', async () => {
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/attachments/${photoId}` });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/attachments/${photoId}/file` })).statusCode).toBe(404);
    const list = await t.app.inject({ url: `/api/parcels/${parcelId}/attachments` });
    expect(list.json().attachments.map((a: { id: string }) => a.id)).not.toContain(photoId);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/attachments/${photoId}` })).statusCode).toBe(404);

    const restored = await t.app.inject({ method: 'POST', url: `/api/attachments/${photoId}/restore` });
    expect(restored.statusCode).toBe(200);
    expect(restored.json().deleted_at).toBeNull();
    const again = await t.app.inject({ method: 'POST', url: `/api/attachments/${photoId}/restore` });
    expect(again.statusCode).toBe(409);
    const file = await t.app.inject({ url: `/api/attachments/${photoId}/file` });
    expect(file.rawPayload.equals(photo)).toBe(true);

    const actions = await t.context.db
      .knex('audit_log')
      .where({ entity_type: 'attachment', entity_id: photoId })
      .orderBy('id')
      .pluck('action');
    expect(actions).toEqual(['create', 'delete', 'restore']);
  });

  it('hides the attachments of a deleted parcel and brings them back with the parcel', async () => {
    const parcel = await t.app.inject({ url: `/api/parcels/${parcelId}` });
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/parcels/${parcelId}`,
      headers: { 'if-match': parcel.headers.etag as string },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/parcels/${parcelId}/attachments` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/parcels/${parcelId}/photos.geojson` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/attachments/${photoId}/file` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/attachments/${photoId}/thumbnail` })).statusCode).toBe(404);
    expect((await upload(parcelId, photo, 'lagi.jpg')).statusCode).toBe(404);

    const restored = await t.app.inject({ method: 'POST', url: `/api/parcels/${parcelId}/restore` });
    expect(restored.statusCode).toBe(200);
    const list = await t.app.inject({ url: `/api/parcels/${parcelId}/attachments` });
    expect(list.statusCode).toBe(200);
    expect(list.json().attachments.map((a: { id: string }) => a.id)).toContain(photoId);
    const file = await t.app.inject({ url: `/api/attachments/${photoId}/file` });
    expect(file.rawPayload.equals(photo)).toBe(true);
  });

  it('documents the attachment and proposal routes in the OpenAPI description', async () => {
    const response = await t.app.inject('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/parcels/{id}/attachments',
        '/api/parcels/{id}/photos.geojson',
        '/api/attachments/{id}/file',
        '/api/attachments/{id}/thumbnail',
        '/api/attachments/{id}',
        '/api/attachments/{id}/restore',
        '/api/parcels/{id}/proposal.zip',
        '/api/kelurahan/proposal.zip',
      ]),
    );
  });

  it('refuses an anonymous upload (401) and a lurah outside its kelurahan (403)', async () => {
    const form = multipartForm([{ name: 'file', value: photo, fileName: 'foto.jpg', contentType: 'image/jpeg' }]);
    const anonymous = await t.injectAs(null, { method: 'POST', url: `/api/parcels/${parcelId}/attachments`, ...form });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');

    const user = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'lurah-bekasijaya',
        display_name: 'Lurah Bekasijaya',
        role: 'lurah',
        territory_kode: '32.75.01.1001',
        password: 'kata-sandi-lurah-uji',
      },
    });
    expect(user.statusCode).toBe(201);
    const token = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.json().id}/tokens`,
      payload: { name: 'uji', read_only: false },
    });
    expect(token.statusCode).toBe(201);
    const lurahToken: string = token.json().token;

    const elsewhere = await createParcel(await pointInside('32.75.02.1001'), 'Lahan di kecamatan lain');
    const outside = await t.injectAs(lurahToken, {
      method: 'POST',
      url: `/api/parcels/${elsewhere}/attachments`,
      ...multipartForm([{ name: 'file', value: photo, fileName: 'foto.jpg', contentType: 'image/jpeg' }]),
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ type: 'urn:tapak:problem:forbidden', reason: 'outside_territory' });
    const deleteOwn = await t.injectAs(lurahToken, { method: 'DELETE', url: `/api/attachments/${photoId}` });
    expect(deleteOwn.statusCode).toBe(204);
    const ownParcel = await t.injectAs(lurahToken, {
      method: 'POST',
      url: `/api/parcels/${parcelId}/attachments`,
      ...multipartForm([{ name: 'file', value: photo, fileName: 'foto.jpg', contentType: 'image/jpeg' }]),
    });
    expect(ownParcel.statusCode).toBe(201);
    expect(ownParcel.json().created_by).toBe('lurah-bekasijaya');
  });
});
