/**
 * Section 1, the routes added after the first corpus: attachment uploads (and their delete/restore), accounts and
 * API tokens, the parcel import's commit step, parcel delete/restore and layer delete. Each case is refused with
 * a 4xx problem+json and changes nothing (the snapshot in hostile.ts also counts users, the target user's
 * tokens, the target parcel's attachments and the target layer's version), or is accepted where the input is
 * odd but harmless, and then comes back as inert JSON text.
 */
import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { adminUser, json, newParcel, type Result, request } from './harness.ts';
import type { HostileCase } from './hostile.ts';

export interface RouteContext {
  /** A lurah account the PATCH /api/users and token cases target. */
  userId: string;
  /** The first admin (the run's own credentials belong to it: it must never be disabled or demoted). */
  adminId: string;
  /** An overlay layer the PUT …/features and DELETE cases target. */
  layerId: string;
  /** A real JPEG and a tiny PDF, for uploads that differ from a valid one in one respect. */
  jpeg: Buffer;
  pdf: Buffer;
}

/** Creates the accounts and the layer the cases target, on a server with the admin token. */
export async function prepareRouteContext(port: number): Promise<RouteContext> {
  const users = JSON.parse((await request(port, '/api/users')).text) as {
    users: Array<{ id: string; username: string }>;
  };
  const adminId = users.users.find((u) => u.username === adminUser)?.id;
  if (!adminId) throw new Error('the admin account is not listed by GET /api/users');
  const created = await json(port, 'POST', '/api/users', {
    username: 'sasaran-keras',
    display_name: 'Sasaran uji keras',
    role: 'lurah',
    territory_kode: '32.75.01.1001',
    password: 'sasaran-password-2026',
  });
  if (created.status !== 201) throw new Error(`could not create the target user: ${created.status} ${created.text}`);
  const layer = await json(port, 'POST', '/api/layers', {
    name: 'Sasaran lapisan',
    kind: 'other_exclusion',
    features: { type: 'FeatureCollection', features: [] },
  });
  if (layer.status !== 201 && layer.status !== 200)
    throw new Error(`could not create the target layer: ${layer.status} ${layer.text}`);
  const layerBody = JSON.parse(layer.text) as { layer?: { id: string }; id?: string };
  const layerId = layerBody.layer?.id ?? layerBody.id;
  if (!layerId) throw new Error(`no layer id in ${layer.text.slice(0, 200)}`);
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 60 } } })
    .jpeg()
    .toBuffer();
  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  return { userId: (JSON.parse(created.text) as { id: string }).id, adminId, layerId, jpeg, pdf };
}

/** The state these routes may change, compared before and after every refused case. */
export async function routeSnapshot(port: number, ctx: RouteContext, parcelId: string) {
  const [users, tokens, attachments, layer] = await Promise.all([
    request(port, '/api/users'),
    request(port, `/api/users/${ctx.userId}/tokens`),
    request(port, `/api/parcels/${parcelId}/attachments`),
    request(port, `/api/layers/${ctx.layerId}`),
  ]);
  const parsed = <T>(res: Result, pick: (v: T) => unknown) => {
    try {
      return JSON.stringify(pick(JSON.parse(res.text) as T));
    } catch {
      return `status ${res.status}`;
    }
  };
  return {
    users: parsed<{ users: unknown[] }>(users, (v) =>
      v.users.map((u) => JSON.stringify(u)).sort((x, y) => x.localeCompare(y)),
    ),
    targetTokens: parsed<{ tokens: Array<{ id: string; revoked_at?: unknown }> }>(tokens, (v) => v.tokens),
    attachments: parsed<unknown>(attachments, (v) =>
      Array.isArray(v) ? v.length : ((v as { attachments?: unknown[] }).attachments?.length ?? v),
    ),
    layerVersion: parsed<{ version: number; feature_count: number }>(layer, (v) => [v.version, v.feature_count]),
  };
}

interface Part {
  name: string;
  value: Buffer | string;
  fileName?: string;
  contentType?: string;
}

const boundary = '----tapak-reliability-boundary';

function multipart(parts: Part[], closing = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.fileName
      ? `form-data; name="${part.name}"; filename="${part.fileName}"`
      : `form-data; name="${part.name}"`;
    const type = part.fileName ? `\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  if (closing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/** A PNG chunk with its CRC. */
function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, crc]);
}

/** A valid-looking PNG header declaring width × height pixels with a tiny IDAT: a decompression bomb's promise. */
function pngDeclaring(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A caption (or file name) must come back exactly as sent, as JSON text. */
function echoesCaption(text: string) {
  return (res: Result): string | undefined => {
    try {
      const caption = (JSON.parse(res.text) as { caption?: unknown }).caption;
      return caption === text.trim() ? undefined : `caption came back as ${JSON.stringify(caption)}`;
    } catch {
      return 'accepted but the answer is not JSON';
    }
  };
}

/** An accepted upload's stored name must not carry a path (the bytes live under a generated name anyway). */
function fileNameWithoutPath(res: Result): string | undefined {
  try {
    const name = String((JSON.parse(res.text) as { file_name?: unknown }).file_name ?? '');
    return /[/\\]|\.\./.test(name) ? `file_name kept a path: ${JSON.stringify(name)}` : undefined;
  } catch {
    return 'accepted but the answer is not JSON';
  }
}

export function routeCases(
  ctx: RouteContext,
  port: number,
  targetId: string,
  texts: Array<[string, string]>,
  rawBodies: Array<[string, string | Buffer]>,
): HostileCase[] {
  const cases: HostileCase[] = [];
  const jsonHeaders = { 'content-type': 'application/json' };
  const formHeaders = { 'content-type': `multipart/form-data; boundary=${boundary}` };
  const uploadPath = `/api/parcels/${targetId}/attachments`;
  const file = (value: Buffer | string, fileName = 'foto.jpg', contentType = 'image/jpeg'): Part => ({
    name: 'file',
    value,
    fileName,
    contentType,
  });

  // ---- POST /api/parcels/:id/attachments
  const uploads: Array<
    [string, Buffer, Record<string, string> | undefined, 'refuse' | 'either', ((r: Result) => string | undefined)?]
  > = [
    ['no file part', multipart([{ name: 'caption', value: 'tanpa berkas' }]), undefined, 'refuse'],
    ['file under another field name', multipart([{ ...file(ctx.jpeg), name: 'foto' }]), undefined, 'refuse'],
    ['empty file', multipart([file(Buffer.alloc(0))]), undefined, 'refuse'],
    ['text file named .jpg', multipart([file('bukan gambar')]), undefined, 'refuse'],
    [
      'HTML with a script, named .png',
      multipart([file('<html><script>alert(document.cookie)</script></html>', 'x.png', 'image/png')]),
      undefined,
      'refuse',
    ],
    [
      'SVG with a script',
      multipart([
        file(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
          'x.svg',
          'image/svg+xml',
        ),
      ]),
      undefined,
      'refuse',
    ],
    [
      'Windows executable named .pdf',
      multipart([file(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2048, 0x90)]), 'surat.pdf', 'application/pdf')]),
      undefined,
      'refuse',
    ],
    [
      'zip bomb named .pdf (200 MB of zeros)',
      multipart([
        file(
          Buffer.from(zipSync({ 'a.bin': [new Uint8Array(200 * 1024 * 1024), { level: 1 }] })),
          'surat.pdf',
          'application/pdf',
        ),
      ]),
      undefined,
      'refuse',
    ],
    [
      'JPEG signature, then garbage',
      multipart([file(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x41)]))]),
      undefined,
      'refuse',
    ],
    [
      'truncated JPEG (first half)',
      multipart([file(ctx.jpeg.subarray(0, Math.floor(ctx.jpeg.length / 2)))]),
      undefined,
      'either',
    ],
    [
      'PNG declaring 100,000 × 100,000 pixels (decompression bomb)',
      multipart([file(pngDeclaring(100_000, 100_000), 'bom.png', 'image/png')]),
      undefined,
      'refuse',
    ],
    ['PNG declaring 0 × 0 pixels', multipart([file(pngDeclaring(0, 0), 'nol.png', 'image/png')]), undefined, 'refuse'],
    [
      'PDF signature, then garbage',
      multipart([file(Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(2048, 0x00)]), 'x.pdf', 'application/pdf')]),
      undefined,
      'either',
    ],
    [
      'photo over 15 MB (JPEG signature + 16 MB)',
      multipart([file(Buffer.concat([ctx.jpeg.subarray(0, 4), Buffer.alloc(16 * 1024 * 1024, 1)]))]),
      undefined,
      'refuse',
    ],
    [
      'PDF over 25 MB',
      multipart([
        file(
          Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(26 * 1024 * 1024, 0x20)]),
          'besar.pdf',
          'application/pdf',
        ),
      ]),
      undefined,
      'refuse',
    ],
    ['two files', multipart([file(ctx.jpeg), file(ctx.jpeg, 'kedua.jpg')]), undefined, 'refuse'],
    [
      'caption over 500 characters',
      multipart([file(ctx.jpeg), { name: 'caption', value: 'k'.repeat(501) }]),
      undefined,
      'refuse',
    ],
    [
      'twenty fields',
      multipart([file(ctx.jpeg), ...Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, value: 'x' }))]),
      undefined,
      'refuse',
    ],
    ['unterminated multipart', multipart([file(ctx.jpeg)], false).subarray(0, 200), undefined, 'refuse'],
    ['wrong boundary', multipart([file(ctx.jpeg)]), { 'content-type': 'multipart/form-data; boundary=lain' }, 'refuse'],
    ['multipart without boundary', multipart([file(ctx.jpeg)]), { 'content-type': 'multipart/form-data' }, 'refuse'],
    ['JSON instead of a form', Buffer.from('{"file":"x"}'), jsonHeaders, 'refuse'],
    ['octet-stream JPEG (not a form)', ctx.jpeg, { 'content-type': 'application/octet-stream' }, 'refuse'],
    [
      'file name with path traversal',
      multipart([file(ctx.jpeg, '../../../../etc/cron.d/tapak.jpg')]),
      undefined,
      'either',
      fileNameWithoutPath,
    ],
    [
      'file name with NUL and backslashes',
      multipart([file(ctx.jpeg, 'a\u0000b\\..\\..\\c.jpg')]),
      undefined,
      'either',
      fileNameWithoutPath,
    ],
    ['file name of 5,000 characters', multipart([file(ctx.jpeg, `${'n'.repeat(5000)}.jpg`)]), undefined, 'either'],
    ['caption with NUL', multipart([file(ctx.jpeg), { name: 'caption', value: 'a\u0000b' }]), undefined, 'either'],
  ];
  for (const [label, text] of texts)
    uploads.push([
      `caption: ${label}`,
      multipart([file(ctx.jpeg), { name: 'caption', value: text }]),
      undefined,
      'either',
      echoesCaption(text),
    ]);
  for (const [label, body, headers, expect, verify] of uploads)
    cases.push({
      route: 'POST /api/parcels/:id/attachments',
      label,
      method: 'POST',
      path: uploadPath,
      headers: headers ?? formHeaders,
      body,
      expect,
      ...(verify ? { verify } : {}),
    });
  const badParcelIds: Array<[string, string]> = [
    ['unknown parcel', randomUUID()],
    ['parcel id SQL', encodeURIComponent("x' OR '1'='1")],
    ['parcel id traversal', '..%2F..%2Fusers'],
  ];
  for (const [label, id] of badParcelIds)
    cases.push({
      route: 'POST /api/parcels/:id/attachments',
      label,
      method: 'POST',
      path: `/api/parcels/${id}/attachments`,
      headers: formHeaders,
      body: multipart([file(ctx.jpeg)]),
      expect: 'refuse',
    });

  // ---- DELETE /api/attachments/:id, POST /api/attachments/:id/restore
  const badIds: Array<[string, string]> = [
    ['unknown id', randomUUID()],
    ['not a UUID', '12345'],
    ['SQL id', encodeURIComponent("1' OR '1'='1")],
    ['traversal id', '..%2F..%2Fetc%2Fpasswd'],
  ];
  for (const [label, id] of badIds) {
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `DELETE /api/attachments/:id ${label}`,
      method: 'DELETE',
      path: `/api/attachments/${id}`,
      expect: 'refuse',
    });
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `POST /api/attachments/:id/restore ${label}`,
      method: 'POST',
      path: `/api/attachments/${id}/restore`,
      expect: 'refuse',
    });
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `DELETE /api/layers/:id ${label}`,
      method: 'DELETE',
      path: `/api/layers/${id}`,
      expect: 'refuse',
    });
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `DELETE /api/tokens/:id ${label}`,
      method: 'DELETE',
      path: `/api/tokens/${id}`,
      expect: 'refuse',
    });
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `POST /api/parcels/:id/restore ${label}`,
      method: 'POST',
      path: `/api/parcels/${id}/restore`,
      expect: 'refuse',
    });
  }
  // The target parcel with every kind of wrong If-Match: it must survive each (412 / 428 / 400).
  const ifMatches: Array<[string, Record<string, string>]> = [
    ['no If-Match', {}],
    ['stale If-Match', { 'if-match': '"v0"' }],
    ['If-Match without v', { 'if-match': '"0"' }],
    ['If-Match version beyond integer range', { 'if-match': '"v99999999999999999999"' }],
    ['If-Match version 2^31', { 'if-match': '"v2147483648"' }],
    ['If-Match *', { 'if-match': '*' }],
    ['If-Match SQL', { 'if-match': `"1' OR '1'='1"` }],
    ['If-Match NaN', { 'if-match': '"NaN"' }],
    ['If-Match -1', { 'if-match': '"-1"' }],
    ['If-Match 1e400', { 'if-match': '"1e400"' }],
    ['If-Match list', { 'if-match': '"1", "2", "3"' }],
    ['If-Match 8 KB', { 'if-match': `"${'9'.repeat(8000)}"` }],
  ];
  for (const [label, headers] of ifMatches)
    cases.push({
      route: 'DELETE / restore (attachments, parcels, layers, tokens)',
      label: `DELETE /api/parcels/:id ${label}`,
      method: 'DELETE',
      path: `/api/parcels/${targetId}`,
      headers,
      expect: 'refuse',
    });

  // ---- POST /api/users
  const validUser = {
    username: 'pengguna-baru',
    display_name: 'Pengguna Baru',
    role: 'lurah',
    territory_kode: '32.75.01.1002',
    password: 'kata-sandi-panjang-2026',
  };
  const badUsers: Array<[string, unknown]> = [
    ['empty object', {}],
    ['username SQL', { ...validUser, username: "x' OR '1'='1" }],
    ['username HTML', { ...validUser, username: '<script>alert(1)</script>' }],
    ['username with a space', { ...validUser, username: 'dua kata' }],
    ['username 2 characters', { ...validUser, username: 'ab' }],
    ['username 65 characters', { ...validUser, username: 'a'.repeat(65) }],
    ['username NUL', { ...validUser, username: 'a\u0000b' }],
    ['username taken (admin)', { ...validUser, username: adminUser }],
    ['username taken, other case', { ...validUser, username: adminUser.toUpperCase() }],
    ['username number', { ...validUser, username: 12345 }],
    ['role root', { ...validUser, role: 'root' }],
    ['role SQL', { ...validUser, role: "admin'--" }],
    ['role array', { ...validUser, role: ['admin'] }],
    ['admin with a territory', { ...validUser, role: 'admin' }],
    ['lurah without territory', { ...validUser, territory_kode: null }],
    ['lurah with a kecamatan', { ...validUser, territory_kode: '32.75.01' }],
    ['lurah territory SQL', { ...validUser, territory_kode: "32.75.01.1001' OR 1=1--" }],
    ['camat with a kelurahan', { ...validUser, role: 'camat' }],
    ['password 9 characters', { ...validUser, password: '123456789' }],
    ['password 201 characters', { ...validUser, password: 'p'.repeat(201) }],
    ['password number', { ...validUser, password: 12345678901 }],
    ['display name empty', { ...validUser, display_name: '   ' }],
    ['display name 121 characters', { ...validUser, display_name: 'n'.repeat(121) }],
    ['display name NUL', { ...validUser, display_name: 'a\u0000b' }],
    ['extra field is_admin', { ...validUser, is_admin: true }],
    ['extra field disabled', { ...validUser, disabled: false }],
    ['users as array', [validUser]],
  ];
  for (const [label, body] of badUsers)
    cases.push({
      route: 'POST /api/users',
      label,
      method: 'POST',
      path: '/api/users',
      headers: jsonHeaders,
      body: JSON.stringify(body),
      expect: 'refuse',
    });
  for (const [label, body] of rawBodies)
    cases.push({
      route: 'POST /api/users',
      label: `raw: ${label}`,
      method: 'POST',
      path: '/api/users',
      headers: jsonHeaders,
      body,
      expect: 'refuse',
    });
  for (const [i, [label, text]] of texts.entries())
    cases.push({
      route: 'POST /api/users',
      label: `display name: ${label}`,
      method: 'POST',
      path: '/api/users',
      headers: jsonHeaders,
      body: JSON.stringify({ ...validUser, username: `teks-keras-${i}`, display_name: text }),
      expect: 'either',
      verify: (res) => {
        try {
          const name = (JSON.parse(res.text) as { display_name?: unknown }).display_name;
          return name === text.trim() ? undefined : `display_name came back as ${JSON.stringify(name)}`;
        } catch {
          return 'accepted but the answer is not JSON';
        }
      },
    });

  // ---- PATCH /api/users/:id
  const badPatches: Array<[string, string, unknown]> = [
    ['unknown field', ctx.userId, { is_admin: true }],
    ['role root', ctx.userId, { role: 'root' }],
    ['lurah territory SQL', ctx.userId, { territory_kode: "32.75.01.1001'--" }],
    ['lurah territory of a kecamatan', ctx.userId, { territory_kode: '32.75.01' }],
    ['camat keeping a kelurahan', ctx.userId, { role: 'camat' }],
    ['password 9 characters', ctx.userId, { password: '123456789' }],
    ['disabled "yes"', ctx.userId, { disabled: 'yes' }],
    ['display name NUL', ctx.userId, { display_name: 'a\u0000b' }],
    ['display name 121 characters', ctx.userId, { display_name: 'n'.repeat(121) }],
    ['body array', ctx.userId, [{ role: 'admin' }]],
    ['unknown user', randomUUID(), { display_name: 'x' }],
    ['id not a UUID', '12345', { display_name: 'x' }],
    ['id SQL', encodeURIComponent("x' OR '1'='1"), { display_name: 'x' }],
    // The last active admin may not lock everyone out: disabling or demoting it is refused.
    ['disable the last admin', ctx.adminId, { disabled: true }],
    ['demote the last admin', ctx.adminId, { role: 'pemantau' }],
  ];
  for (const [label, id, body] of badPatches)
    cases.push({
      route: 'PATCH /api/users/:id',
      label,
      method: 'PATCH',
      path: `/api/users/${id}`,
      headers: jsonHeaders,
      body: JSON.stringify(body),
      expect: 'refuse',
    });
  for (const [label, body] of rawBodies.slice(0, 12))
    cases.push({
      route: 'PATCH /api/users/:id',
      label: `raw: ${label}`,
      method: 'PATCH',
      path: `/api/users/${ctx.userId}`,
      headers: jsonHeaders,
      body,
      expect: 'refuse',
    });

  // ---- POST /api/users/:id/tokens
  const badTokens: Array<[string, string, unknown]> = [
    ['empty object', ctx.userId, {}],
    ['name empty', ctx.userId, { name: ' ' }],
    ['name 121 characters', ctx.userId, { name: 'n'.repeat(121) }],
    ['read_only "no"', ctx.userId, { name: 'x', read_only: 'no' }],
    ['read_only 0', ctx.userId, { name: 'x', read_only: 0 }],
    ['extra field token', ctx.userId, { name: 'x', token: 'tpk_chosen-by-the-client' }],
    ['extra field user_id', ctx.userId, { name: 'x', user_id: ctx.adminId }],
    ['name NUL', ctx.userId, { name: 'a\u0000b' }],
    ['unknown user', randomUUID(), { name: 'x' }],
    ['user id not a UUID', '12345', { name: 'x' }],
    ['user id SQL', encodeURIComponent("x' OR '1'='1"), { name: 'x' }],
  ];
  for (const [label, id, body] of badTokens)
    cases.push({
      route: 'POST /api/users/:id/tokens',
      label,
      method: 'POST',
      path: `/api/users/${id}/tokens`,
      headers: jsonHeaders,
      body: JSON.stringify(body),
      expect: 'refuse',
    });
  for (const [label, body] of rawBodies.slice(0, 12))
    cases.push({
      route: 'POST /api/users/:id/tokens',
      label: `raw: ${label}`,
      method: 'POST',
      path: `/api/users/${ctx.userId}/tokens`,
      headers: jsonHeaders,
      body,
      expect: 'refuse',
    });

  // ---- POST /api/import/parcels/:import_id/commit: a fresh preview per case (the path is resolved at run time).
  const freshImport = async (port: number): Promise<string> => {
    const preview = await request(port, '/api/import/parcels/preview', {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json' },
      body: JSON.stringify({ type: 'FeatureCollection', features: [newParcel(1395, 'Impor keras')] }),
    });
    const id = (JSON.parse(preview.text) as { import_id?: string }).import_id;
    if (!id) throw new Error(`preview for the commit cases answered ${preview.status} ${preview.text.slice(0, 200)}`);
    return `/api/import/parcels/${id}/commit`;
  };
  const badCommits: Array<[string, string]> = [
    ['empty object', '{}'],
    ['mapping array', '{"mapping":[]}'],
    ['mapping to an unknown target', '{"mapping":{"name":"password_hash"}}'],
    ['mapping target SQL', `{"mapping":{"name":"name'; DROP TABLE parcels;--"}}`],
    ['mapping value number', '{"mapping":{"name":1}}'],
    ['unknown top-level key', '{"mapping":{},"evil":true}'],
    ['defaults owner SQL', `{"mapping":{},"defaults":{"owner_class":"pemkot_bmd'--"}}`],
    ['defaults area_m2 (server-computed)', '{"mapping":{},"defaults":{"area_m2":1}}'],
    ['defaults NaN', '{"mapping":{},"defaults":{"is_vacant":NaN}}'],
    ['__proto__ mapping', '{"mapping":{"__proto__":{"name":"name"}}}'],
  ];
  for (const [label, body] of badCommits)
    cases.push({
      route: 'POST /api/import/parcels/:id/commit',
      label,
      method: 'POST',
      path: () => freshImport(port),
      headers: jsonHeaders,
      body,
      expect: 'refuse',
    });
  for (const [label, body] of rawBodies.slice(0, 10))
    cases.push({
      route: 'POST /api/import/parcels/:id/commit',
      label: `raw: ${label}`,
      method: 'POST',
      path: () => freshImport(port),
      headers: jsonHeaders,
      body,
      expect: 'refuse',
    });
  const badImportIds: Array<[string, string]> = [
    ['unknown import id', randomUUID()],
    ['import id not a UUID', 'abc'],
    ['import id SQL', encodeURIComponent("x' OR '1'='1")],
    ['import id traversal', '..%2F..%2Fetc'],
  ];
  for (const [label, id] of badImportIds)
    cases.push({
      route: 'POST /api/import/parcels/:id/commit',
      label,
      method: 'POST',
      path: `/api/import/parcels/${id}/commit`,
      headers: jsonHeaders,
      body: '{"mapping":{}}',
      expect: 'refuse',
    });
  return cases;
}
