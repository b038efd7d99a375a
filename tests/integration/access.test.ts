import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { testEngine } from '../support/engines.ts';
import { rectangleAt } from '../support/parcelShapes.ts';
import { sharedData } from '../support/sharedData.ts';
import { createTestApp, type TestApp, testAdminPassword, testAdminToken } from '../support/testApp.ts';

type Position = [number, number];
type Role = 'admin' | 'perencana' | 'camat' | 'lurah' | 'pemantau' | 'anonim';

/** Lurah's kelurahan (Bekasijaya), in the camat's kecamatan (Bekasi Timur); "outside" is in another kecamatan. */
const insideKode = '32.75.01.1001';
const camatKecamatan = '32.75.01';
const outsideKode = '32.75.02.1002';
const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd' };

let t: TestApp;
const tokens = {} as Record<Role, string | null>;
const centers = {} as Record<'inside' | 'outside', Position>;
let shapeCounter = 0;

async function pointInside(kode: string): Promise<Position> {
  const result = await t.context.db.knex.raw<{ rows: Array<{ lon: number; lat: number }> }>(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM kelurahan WHERE kode = ?) s`,
    [kode],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`no kelurahan ${kode}`);
  return [row.lon, row.lat];
}

/** A fresh 40 × 30 m parcel near the kelurahan's centre (each one turned a little, so no two are equal). */
function shapeIn(where: 'inside' | 'outside') {
  shapeCounter += 1;
  return rectangleAt(centers[where], 40, 30, shapeCounter * 7);
}

async function adminCreatesParcel(where: 'inside' | 'outside', name = `Bidang ${where} ${shapeCounter}`) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/parcels',
    payload: { type: 'Feature', geometry: shapeIn(where), properties: { name, ...owned } },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; properties: Record<string, unknown> };
}

async function createAccount(role: Exclude<Role, 'anonim'>, territory: string | null): Promise<string> {
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    payload: {
      username: `uji-${role}`,
      display_name: `Akun uji ${role}`,
      role,
      territory_kode: territory,
      password: 'kata-sandi-uji-123',
    },
  });
  expect(user.statusCode, user.body).toBe(201);
  const token = await t.app.inject({
    method: 'POST',
    url: `/api/users/${user.json().id}/tokens`,
    payload: { name: `skrip ${role}`, read_only: false },
  });
  expect(token.statusCode).toBe(201);
  return token.json().token as string;
}

function as(role: Role, options: Parameters<TestApp['injectAs']>[1]): Promise<LightMyRequestResponse> {
  return t.injectAs(tokens[role], options);
}

/** Every write route, each with what it touches: `inside` or `outside` the camat's and lurah's territory. */
interface WriteCase {
  route: string;
  scope: 'territory' | 'city' | 'admin';
  run(role: Role, where: 'inside' | 'outside'): Promise<LightMyRequestResponse>;
}

const layerBody = (name: string) => ({
  name,
  kind: 'flood',
  features: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: shapeIn('outside') }],
  },
});

/** A PATCH of a parcel the admin just made where the case says: attributes, status, shortlist or geometry. */
function patchCase(
  what: string,
  change: (role: Role, where: 'inside' | 'outside') => Record<string, unknown>,
): WriteCase {
  return {
    route: `PATCH /api/parcels/:id (${what})`,
    scope: 'territory',
    run: async (role, where) => {
      const parcel = await adminCreatesParcel(where);
      return as(role, {
        method: 'PATCH',
        url: `/api/parcels/${parcel.id}`,
        headers: { 'if-match': '"v1"' },
        payload: change(role, where),
      });
    },
  };
}

const writeCases: WriteCase[] = [
  {
    route: 'POST /api/parcels',
    scope: 'territory',
    run: (role, where) =>
      as(role, {
        method: 'POST',
        url: '/api/parcels',
        payload: { type: 'Feature', geometry: shapeIn(where), properties: { name: `Baru ${role}`, ...owned } },
      }),
  },
  patchCase('attributes', (role) => ({ properties: { notes: `diubah oleh ${role}` } })),
  patchCase('status', () => ({ properties: { status: 'diverifikasi' } })),
  patchCase('shortlist', () => ({ properties: { shortlisted: true, shortlist_rank: 1 } })),
  patchCase('geometry', (_role, where) => ({ geometry: shapeIn(where) })),
  {
    route: 'DELETE /api/parcels/:id',
    scope: 'territory',
    run: async (role, where) => {
      const parcel = await adminCreatesParcel(where);
      return as(role, { method: 'DELETE', url: `/api/parcels/${parcel.id}`, headers: { 'if-match': '"v1"' } });
    },
  },
  {
    route: 'POST /api/parcels/:id/restore',
    scope: 'city',
    run: async (role, where) => {
      const parcel = await adminCreatesParcel(where);
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `/api/parcels/${parcel.id}`,
        headers: { 'if-match': '"v1"' },
      });
      expect(deleted.statusCode).toBe(204);
      return as(role, { method: 'POST', url: `/api/parcels/${parcel.id}/restore` });
    },
  },
  {
    route: 'POST /api/import/parcels/:id/commit',
    scope: 'territory',
    run: async (role, where) => {
      const collection = {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { nama: `Impor ${role}` }, geometry: shapeIn(where) }],
      };
      const preview = await t.app.inject({
        method: 'POST',
        url: '/api/import/parcels/preview',
        headers: { 'content-type': 'application/geo+json' },
        payload: JSON.stringify(collection),
      });
      expect(preview.statusCode, preview.body).toBe(200);
      return as(role, {
        method: 'POST',
        url: `/api/import/parcels/${preview.json().import_id}/commit`,
        payload: { mapping: { nama: 'name' } },
      });
    },
  },
  {
    route: 'POST /api/layers',
    scope: 'city',
    run: (role) => as(role, { method: 'POST', url: '/api/layers', payload: layerBody(`Banjir ${role}`) }),
  },
  {
    route: 'PUT /api/criteria',
    scope: 'admin',
    run: async (role) => {
      const current = (await t.app.inject('/api/criteria')).json();
      return as(role, { method: 'PUT', url: '/api/criteria', payload: current.criteria });
    },
  },
  {
    route: 'POST /api/users',
    scope: 'admin',
    run: (role) =>
      as(role, {
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `dibuat-oleh-${role}-${shapeCounter++}`,
          display_name: 'x',
          role: 'pemantau',
          password: 'kata-sandi-uji-123',
        },
      }),
  },
];

/** What the issue asks: city-wide roles everywhere, camat and lurah only at home, pemantau nowhere, anonim 401. */
function expectedStatus(role: Role, scope: WriteCase['scope'], where: 'inside' | 'outside'): 'ok' | 401 | 403 {
  if (role === 'anonim') return 401;
  if (role === 'admin') return 'ok';
  if (role === 'pemantau') return 403;
  if (scope === 'admin') return 403;
  if (role === 'perencana') return 'ok';
  if (scope === 'city') return 403;
  return where === 'inside' ? 'ok' : 403;
}

describe(`access: roles, territory, sessions and audit on ${testEngine()}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    await importBoundaries(t.context.db.knex, sharedData('kota-bekasi-kelurahan.geojson'), { regionCode: '32.75' });
    centers.inside = await pointInside(insideKode);
    centers.outside = await pointInside(outsideKode);
    tokens.admin = testAdminToken;
    tokens.anonim = null;
    tokens.perencana = await createAccount('perencana', null);
    tokens.camat = await createAccount('camat', camatKecamatan);
    tokens.lurah = await createAccount('lurah', insideKode);
    tokens.pemantau = await createAccount('pemantau', null);
  });
  afterAll(() => t.close());

  const roles: Role[] = ['admin', 'perencana', 'camat', 'lurah', 'pemantau', 'anonim'];
  for (const writeCase of writeCases) {
    it(`${writeCase.route}: every role, inside and outside its territory`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const role of roles) {
        for (const where of ['inside', 'outside'] as const) {
          const response = await writeCase.run(role, where);
          const want = expectedStatus(role, writeCase.scope, where);
          const got = response.statusCode < 300 ? 'ok' : response.statusCode;
          outcomes.push(`${role}/${where}: ${got}`);
          expected.push(`${role}/${where}: ${want}`);
          if (got !== 'ok') {
            expect(response.headers['content-type']).toContain('application/problem+json');
            expect(response.body).not.toMatch(/at .*\.ts:\d+/);
          }
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }

  it('reads need a login unless public read is configured', async () => {
    expect((await t.injectAs(null, { method: 'GET', url: '/api/parcels' })).statusCode).toBe(401);
    expect((await t.injectAs(null, { method: 'GET', url: '/api/coverage' })).statusCode).toBe(401);
    expect((await t.injectAs(null, { method: 'GET', url: '/ogc/collections' })).statusCode).toBe(401);
    const pemantauRead = await as('pemantau', { method: 'GET', url: '/api/parcels' });
    expect(pemantauRead.statusCode, pemantauRead.body).toBe(200);
    const lurahDownload = await as('lurah', { method: 'GET', url: '/api/export/parcels.csv' });
    expect(lurahDownload.statusCode, lurahDownload.body).toBe(200);
    // Health and the login form stay open.
    expect((await t.injectAs(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const info = await t.injectAs(null, { method: 'GET', url: '/api/auth/session' });
    expect(info.json()).toMatchObject({ user: null, via: 'anonymous' });

    const open = await createTestApp({ TAPAK_PUBLIC_READ: '1' });
    try {
      expect((await open.injectAs(null, { method: 'GET', url: '/api/coverage' })).statusCode).toBe(200);
      const write = await open.injectAs(null, {
        method: 'POST',
        url: '/api/parcels',
        payload: { type: 'Feature', geometry: shapeIn('inside'), properties: { name: 'x' } },
      });
      expect(write.statusCode).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('a lurah cannot move its parcel out of its kelurahan, nor touch one outside by any route', async () => {
    const own = await adminCreatesParcel('inside');
    const moved = await as('lurah', {
      method: 'PATCH',
      url: `/api/parcels/${own.id}`,
      headers: { 'if-match': '"v1"' },
      payload: { geometry: shapeIn('outside') },
    });
    expect(moved.statusCode).toBe(403);
    expect(moved.json()).toMatchObject({ type: 'urn:tapak:problem:forbidden', reason: 'outside_territory' });
    const stored = (await t.app.inject(`/api/parcels/${own.id}`)).json();
    expect(stored.properties.kelurahan_kode).toBe(insideKode);
    expect(stored.properties.version).toBe(1);
  });

  it('a session cookie writes only with the CSRF token; logout ends the session', async () => {
    const login = await t.injectAs(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: testAdminPassword },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/tapak_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0] ?? '';
    const csrf = login.json().csrf_token as string;
    const body = { type: 'Feature', geometry: shapeIn('inside'), properties: { name: 'Dengan cookie', ...owned } };

    const withoutToken = await t.injectAs(null, {
      method: 'POST',
      url: '/api/parcels',
      headers: { cookie },
      payload: body,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().reason).toBe('csrf');
    const wrongToken = await t.injectAs(null, {
      method: 'POST',
      url: '/api/parcels',
      headers: { cookie, 'x-csrf-token': 'salah' },
      payload: body,
    });
    expect(wrongToken.statusCode).toBe(403);
    const withToken = await t.injectAs(null, {
      method: 'POST',
      url: '/api/parcels',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: body,
    });
    expect(withToken.statusCode).toBe(201);
    // After a reload the web app asks for the same token again.
    const again = await t.injectAs(null, { method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(again.json()).toMatchObject({
      via: 'session',
      csrf_token: csrf,
      user: { username: 'admin', role: 'admin' },
    });

    const logout = await t.injectAs(null, {
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(logout.statusCode).toBe(204);
    const after = await t.injectAs(null, { method: 'GET', url: '/api/parcels', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('an idle session expires', async () => {
    const login = await t.injectAs(null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'uji-pemantau', password: 'kata-sandi-uji-123' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
    expect((await t.injectAs(null, { method: 'GET', url: '/api/parcels', headers: { cookie } })).statusCode).toBe(200);
    const idleMinutes = t.context.config.sessionIdleMinutes;
    await t.context.db.knex.raw(
      `UPDATE sessions SET last_seen_at = now() - make_interval(mins => ?) WHERE user_id =
         (SELECT id FROM users WHERE username = 'uji-pemantau')`,
      [idleMinutes + 1],
    );
    expect((await t.injectAs(null, { method: 'GET', url: '/api/parcels', headers: { cookie } })).statusCode).toBe(401);
  });

  it('the 11th quick failed login is refused with 429, even with the right password', async () => {
    const attempt = (password: string) =>
      t.injectAs(null, {
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.20.30.40',
        payload: { username: 'uji-lurah', password },
      });
    for (let i = 1; i <= 10; i += 1) expect((await attempt(`salah-${i}`)).statusCode).toBe(401);
    const eleventh = await attempt('kata-sandi-uji-123');
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json()).toMatchObject({ type: 'urn:tapak:problem:too-many-requests' });
    // Counted in the database, not in this process: another instance sees the same counter.
    const [row] = await t.context.db.knex('rate_limit_buckets').where({ key: 'login:ip:10.20.30.40' }).select('hits');
    expect(Number(row?.hits)).toBe(10);
  });

  it('a disabled account and a revoked token stop working at once', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'sementara', display_name: 'Sementara', role: 'perencana', password: 'kata-sandi-uji-123' },
    });
    const id = created.json().id as string;
    const token = (
      await t.app.inject({ method: 'POST', url: `/api/users/${id}/tokens`, payload: { name: 'a', read_only: false } })
    ).json();
    expect((await t.injectAs(token.token, { method: 'GET', url: '/api/parcels' })).statusCode).toBe(200);
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}` });
    expect((await t.injectAs(token.token, { method: 'GET', url: '/api/parcels' })).statusCode).toBe(401);
    const second = (
      await t.app.inject({ method: 'POST', url: `/api/users/${id}/tokens`, payload: { name: 'b', read_only: false } })
    ).json();
    expect((await t.injectAs(second.token, { method: 'GET', url: '/api/parcels' })).statusCode).toBe(200);
    await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { disabled: true } });
    expect((await t.injectAs(second.token, { method: 'GET', url: '/api/parcels' })).statusCode).toBe(401);
    // The last active admin cannot be demoted or disabled (nobody could manage accounts any more).
    const admin = (await t.app.inject('/api/auth/session')).json().user;
    const demote = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${admin.id}`,
      payload: { role: 'perencana' },
    });
    expect(demote.statusCode).toBe(409);
  });

  it('the history shows who changed what: before and after, attributes and geometry', async () => {
    const created = await as('lurah', {
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: shapeIn('inside'), properties: { name: 'Tanah kas kelurahan', ...owned } },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const newGeometry = rectangleAt(centers.inside, 50, 30, 3);
    const edited = await as('lurah', {
      method: 'PATCH',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': '"v1"', 'user-agent': 'uji' },
      payload: { geometry: newGeometry, properties: { name: 'Tanah kas kelurahan (ukur ulang)' } },
    });
    expect(edited.statusCode).toBe(200);
    const history = await as('pemantau', { method: 'GET', url: `/api/parcels/${id}/audit` });
    expect(history.statusCode).toBe(200);
    const [update, create] = history.json().entries;
    expect(create).toMatchObject({ action: 'create', actor_label: 'uji-lurah (token)', route: 'POST /api/parcels' });
    expect(update).toMatchObject({
      action: 'update',
      actor_label: 'uji-lurah (token)',
      route: 'PATCH /api/parcels/:id',
      before: { properties: { name: 'Tanah kas kelurahan' }, area_m2: expect.closeTo(1200, 0) },
      after: { properties: { name: 'Tanah kas kelurahan (ukur ulang)' }, area_m2: expect.closeTo(1500, 0) },
    });
    expect(update.after.geometry.coordinates[0][0][0]).toBeCloseTo(newGeometry.coordinates[0]?.[0]?.[0] ?? 0, 12);
    // A status change is recorded as such.
    const status = await as('lurah', {
      method: 'PATCH',
      url: `/api/parcels/${id}`,
      headers: { 'if-match': '"v2"' },
      payload: { properties: { status: 'diverifikasi' } },
    });
    expect(status.statusCode).toBe(200);
    const latest = (await t.app.inject(`/api/parcels/${id}/audit`)).json().entries[0];
    expect(latest).toMatchObject({
      action: 'status',
      before: { properties: { status: 'kandidat' } },
      after: { properties: { status: 'diverifikasi' } },
    });
  });

  it('restore brings back exactly what was deleted, and the audit log cannot be rewritten', async () => {
    const parcel = await adminCreatesParcel('inside', 'Fasum Perumahan Griya');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/parcels/${parcel.id}`,
      headers: { 'if-match': '"v1"' },
      payload: { properties: { shortlisted: true, shortlist_rank: 2, notes: 'akses jalan 6 m', tags: ['fasum'] } },
    });
    const before = patched.json();
    const deleted = await as('lurah', {
      method: 'DELETE',
      url: `/api/parcels/${parcel.id}`,
      headers: { 'if-match': '"v2"' },
    });
    expect(deleted.statusCode).toBe(204);
    expect(
      (await t.app.inject(`/api/parcels?kelurahan=${insideKode}`)).json().features.map((f: { id: string }) => f.id),
    ).not.toContain(parcel.id);
    const listed = await as('perencana', { method: 'GET', url: '/api/parcels/deleted' });
    expect(listed.statusCode).toBe(200);
    const entry = listed.json().features.find((f: { id: string }) => f.id === parcel.id);
    expect(entry.properties).toMatchObject({ name: 'Fasum Perumahan Griya', deleted_by_label: 'uji-lurah' });
    expect((await as('lurah', { method: 'GET', url: '/api/parcels/deleted' })).statusCode).toBe(403);

    const restored = await as('perencana', { method: 'POST', url: `/api/parcels/${parcel.id}/restore` });
    expect(restored.statusCode).toBe(200);
    const after = restored.json();
    const comparable = (feature: { geometry: unknown; properties: Record<string, unknown> }) => {
      const { version, updated_at, deleted_at, deleted_by_label, rank, ...rest } = feature.properties;
      return { geometry: feature.geometry, properties: rest };
    };
    expect(comparable(after)).toEqual(comparable(before));
    const actions = (await t.app.inject(`/api/parcels/${parcel.id}/audit`))
      .json()
      .entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['restore', 'delete', 'update', 'create']);

    await expect(t.context.db.knex.raw('UPDATE audit_log SET actor_label = ?', ['pemalsu'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.context.db.knex.raw('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    const spec = (await t.app.inject('/api/docs/json')).json();
    for (const [url, methods] of Object.entries(spec.paths as Record<string, Record<string, unknown>>)) {
      if (url.includes('audit')) expect(Object.keys(methods)).toEqual(['get']);
    }
  });

  it('security headers: a CSP that lets the map run, no sniffing, no framing by others', async () => {
    const response = await t.app.inject('/api/health');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('markup in names and notes is stored and exported as plain text', async () => {
    const name = '<img src=x onerror="alert(1)">';
    const notes = '<script>alert("xss")</script> & "kutip"';
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/parcels',
      payload: { type: 'Feature', geometry: shapeIn('inside'), properties: { name, notes, ...owned } },
    });
    expect(created.json().properties).toMatchObject({ name, notes });
    const geojson = await t.app.inject(`/api/export/parcels.geojson?kelurahan=${insideKode}`);
    const feature = geojson.json().features.find((f: { properties: { name: string } }) => f.properties.name === name);
    expect(feature.properties.notes).toBe(notes);
    const kml = (await t.app.inject(`/api/export/parcels.kml?kelurahan=${insideKode}`)).body;
    expect(kml).not.toContain('<img src=x');
    expect(kml).not.toContain('<script>');
    expect(kml).toMatch(/&lt;img src=x onerror=(&quot;|")alert\(1\)(&quot;|")&gt;|<!\[CDATA\[<img/);
    const csv = (await t.app.inject(`/api/export/parcels.csv?kelurahan=${insideKode}`)).body;
    expect(csv).toContain('<img src=x onerror=""alert(1)"">');
  });
});
