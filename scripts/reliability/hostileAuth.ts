/**
 * Section 1, authentication part: forged and ended credentials, CSRF-less cookie writes, bogus bearer tokens,
 * malformed logins and a login flood. Every case says the exact status it must get: a bogus credential must be
 * refused (401) before any route runs, a cookie write without the right CSRF token is refused (403), and the
 * eleventh failed login is refused with 429, never a 5xx.
 */
import { randomBytes } from 'node:crypto';
import {
  adminPassword,
  adminToken,
  adminUser,
  bekasiCenter,
  json,
  logIn,
  newParcel,
  request,
  type Session,
} from './harness.ts';
import type { HostileCase } from './hostile.ts';

export interface AuthContext {
  targetId: string;
  /** A live session of the admin (cookie + CSRF token). */
  session: Session;
  /** A session that was logged out before the run. */
  endedSession: Session;
  /** An API token of the admin that was revoked before the run. */
  revokedToken: string;
  /** A tile that exists for the parcel layer. */
  tilePath: string;
}

/** Failed logins the flood sends for one unknown account; the server allows ten per account and per address. */
export const loginFloodAttempts = 15;

export function authCases(ctx: AuthContext, ifMatch: () => Promise<Record<string, string>>): HostileCase[] {
  const cases: HostileCase[] = [];
  const jsonHeaders = { 'content-type': 'application/json' };
  const parcelBody = JSON.stringify(newParcel(1398, 'Tanpa izin'));
  const patchPath = `/api/parcels/${ctx.targetId}`;
  const sessionValue = ctx.session.cookie.slice(ctx.session.cookie.indexOf('=') + 1);

  // Requests every bogus credential is tried on: reads, writes and the OGC / tile endpoints a GIS reaches.
  const targets: Array<{ name: string; method: string; path: string; body?: string; patch?: boolean }> = [
    { name: 'GET /api/parcels', method: 'GET', path: '/api/parcels?limit=1' },
    { name: 'POST /api/parcels', method: 'POST', path: '/api/parcels', body: parcelBody },
    {
      name: 'PATCH /api/parcels/:id',
      method: 'PATCH',
      path: patchPath,
      body: '{"properties":{"notes":"x"}}',
      patch: true,
    },
    { name: 'DELETE /api/parcels/:id', method: 'DELETE', path: patchPath, patch: true },
    { name: 'GET /ogc items', method: 'GET', path: '/ogc/collections/parcels/items?limit=1' },
    { name: 'GET tile', method: 'GET', path: ctx.tilePath },
  ];

  const bogusAuthorization: Array<[string, string | null]> = [
    ['no credentials at all', null],
    ['random bearer token', `Bearer ${randomBytes(32).toString('base64url')}`],
    ['admin token + 1 character', `Bearer ${adminToken}x`],
    ['admin token minus its last character', `Bearer ${adminToken.slice(0, -1)}`],
    ['admin token upper-cased', `Bearer ${adminToken.toUpperCase()}`],
    ['revoked token', `Bearer ${ctx.revokedToken}`],
    ['"Bearer" without a token', 'Bearer'],
    [
      'Basic scheme with the admin password',
      `Basic ${Buffer.from(`${adminUser}:${adminPassword}`).toString('base64')}`,
    ],
    ['two tokens', `Bearer ${adminToken} ${adminToken}`],
    ['SQL injection token', "Bearer x'OR'1'='1'--"],
    ['8 KB token', `Bearer ${'A'.repeat(8000)}`],
    ['session id as a bearer token', `Bearer ${sessionValue}`],
  ];
  for (const [label, authorization] of bogusAuthorization) {
    for (const target of targets) {
      cases.push({
        route: 'Auth: bogus bearer',
        label: `${label} → ${target.name}`,
        method: target.method,
        path: target.path,
        anonymous: authorization === null,
        headers: async () => ({
          ...(target.body ? jsonHeaders : {}),
          ...(target.patch ? { 'if-match': (await ifMatch())['if-match'] ?? '"v0"' } : {}),
          ...(authorization === null ? {} : { authorization }),
        }),
        body: target.body,
        expect: 'refuse',
        expectStatus: [401],
      });
    }
  }

  // Cookies that name no live session: the write must be refused as anonymous (401) even with a CSRF token.
  const forgedCookies: Array<[string, string]> = [
    ['random session id', randomBytes(32).toString('base64url')],
    ['empty session id', ''],
    ['logged-out session', ctx.endedSession.cookie.slice(ctx.endedSession.cookie.indexOf('=') + 1)],
    ['live session id + 1 character', `${sessionValue}x`],
    [
      'live session id with one character changed',
      `${sessionValue.slice(0, -1)}${sessionValue.endsWith('A') ? 'B' : 'A'}`,
    ],
    ['admin API token as the cookie', adminToken],
    ['SQL injection', "x'%20OR%20'1'%3D'1"],
    ['4 KB value', 'S'.repeat(4000)],
    ['percent-encoded NUL bytes', '%00%00%00'],
  ];
  for (const [label, value] of forgedCookies) {
    for (const target of targets.slice(0, 4)) {
      cases.push({
        route: 'Auth: forged or ended cookie',
        label: `${label} → ${target.name}`,
        method: target.method,
        path: target.path,
        headers: async () => ({
          ...(target.body ? jsonHeaders : {}),
          ...(target.patch ? { 'if-match': (await ifMatch())['if-match'] ?? '"v0"' } : {}),
          cookie: `tapak_session=${value}`,
          // The live session's CSRF token: it must not make a forged cookie acceptable.
          'x-csrf-token': ctx.session.csrfToken,
        }),
        body: target.body,
        expect: 'refuse',
        expectStatus: [401],
      });
    }
  }

  // A live session cookie on writes without the right CSRF token: 403 and nothing written. One read shows the
  // cookie itself is good (200), so the 403s are the CSRF check and not a dead session.
  cases.push({
    route: 'Auth: cookie write without CSRF',
    label: 'control: GET with the live session cookie',
    method: 'GET',
    path: '/api/parcels?limit=1',
    headers: { cookie: ctx.session.cookie },
    expect: 'either',
    expectStatus: [200],
  });
  const wrongCsrf: Array<[string, Record<string, string>]> = [
    ['no X-CSRF-Token', {}],
    ['empty X-CSRF-Token', { 'x-csrf-token': '' }],
    ['random X-CSRF-Token', { 'x-csrf-token': randomBytes(32).toString('base64url') }],
    ['the session id as X-CSRF-Token', { 'x-csrf-token': sessionValue }],
    ['the logged-out session’s CSRF token', { 'x-csrf-token': ctx.endedSession.csrfToken }],
    ['CSRF token + 1 character', { 'x-csrf-token': `${ctx.session.csrfToken}x` }],
    ['CSRF token in X-XSRF-Token instead', { 'x-xsrf-token': ctx.session.csrfToken }],
  ];
  const csrfTargets: Array<{
    name: string;
    method: string;
    path: string;
    body?: string;
    patch?: boolean;
    type?: string;
  }> = [
    ...targets.filter((t) => t.method !== 'GET'),
    { name: 'PUT /api/criteria', method: 'PUT', path: '/api/criteria', body: '{}' },
    {
      name: 'POST /api/layers',
      method: 'POST',
      path: '/api/layers',
      body: JSON.stringify({ name: 'csrf', kind: 'flood', features: { type: 'FeatureCollection', features: [] } }),
    },
    {
      name: 'POST /api/users',
      method: 'POST',
      path: '/api/users',
      body: JSON.stringify({
        username: 'csrf-admin',
        display_name: 'CSRF',
        role: 'admin',
        territory_kode: null,
        password: 'kata-sandi-csrf-123',
      }),
    },
    { name: 'POST /api/auth/logout', method: 'POST', path: '/api/auth/logout' },
  ];
  for (const [label, csrf] of wrongCsrf) {
    for (const target of csrfTargets) {
      cases.push({
        route: 'Auth: cookie write without CSRF',
        label: `${label} → ${target.name}`,
        method: target.method,
        path: target.path,
        headers: async () => ({
          ...(target.body ? jsonHeaders : {}),
          ...(target.patch ? { 'if-match': (await ifMatch())['if-match'] ?? '"v0"' } : {}),
          cookie: ctx.session.cookie,
          ...csrf,
        }),
        body: target.body,
        expect: 'refuse',
        expectStatus: [403],
      });
    }
  }
  // The classic cross-site form post: text/plain body, no custom header possible.
  cases.push({
    route: 'Auth: cookie write without CSRF',
    label: 'cross-site form post (text/plain) → POST /api/parcels',
    method: 'POST',
    path: '/api/parcels',
    headers: { cookie: ctx.session.cookie, 'content-type': 'text/plain', origin: 'https://evil.example' },
    body: parcelBody,
    expect: 'refuse',
    expectStatus: [403],
  });

  // Malformed logins: refused by the schema (400) or as wrong credentials (401); never a 5xx.
  const malformedLogins: Array<[string, string, number[]]> = [
    ['empty body', '', [400]],
    ['broken JSON', '{"username":"admin","password":', [400]],
    ['JSON array', '[]', [400]],
    ['no password', '{"username":"admin"}', [400]],
    ['password as a number', '{"username":"admin","password":12345678901}', [400]],
    ['password of 201 characters', JSON.stringify({ username: adminUser, password: 'p'.repeat(201) }), [400]],
    ['password of 1 MB', JSON.stringify({ username: adminUser, password: 'p'.repeat(1024 * 1024) }), [400, 413]],
    ['username of 65 characters', JSON.stringify({ username: 'u'.repeat(65), password: 'x' }), [400]],
    ['username null', '{"username":null,"password":"x"}', [400]],
    ['extra role member', JSON.stringify({ username: 'tamu', password: 'x', role: 'admin' }), [400, 401]],
    ['SQL injection username', JSON.stringify({ username: "admin' OR '1'='1' --", password: 'x' }), [401]],
    ['HTML username', JSON.stringify({ username: '<script>alert(1)</script>', password: 'x' }), [401]],
    ['NUL byte in username', JSON.stringify({ username: 'admin\u0000', password: 'x' }), [400, 401]],
  ];
  for (const [label, body, statuses] of malformedLogins) {
    cases.push({
      route: 'Auth: login',
      label,
      method: 'POST',
      path: '/api/auth/login',
      anonymous: true,
      headers: jsonHeaders,
      body,
      expect: 'refuse',
      expectStatus: statuses,
    });
  }
  // The flood: an unknown account guessed again and again from one address. Up to the tenth failure 401 (or 429
  // when the address is already at its limit from the cases above); from the eleventh on 429, never a 5xx.
  for (let attempt = 1; attempt <= loginFloodAttempts; attempt += 1) {
    cases.push({
      route: 'Auth: login',
      label: `flood: failed login ${attempt} of ${loginFloodAttempts}`,
      method: 'POST',
      path: '/api/auth/login',
      anonymous: true,
      headers: jsonHeaders,
      body: JSON.stringify({ username: 'penyerbu', password: `tebakan-${attempt}` }),
      expect: 'refuse',
      expectStatus: attempt <= 10 ? [401, 429] : [429],
    });
  }
  cases.push({
    route: 'Auth: login',
    label: 'the right password from the locked address',
    method: 'POST',
    path: '/api/auth/login',
    anonymous: true,
    headers: jsonHeaders,
    body: JSON.stringify({ username: adminUser, password: adminPassword }),
    expect: 'refuse',
    expectStatus: [429],
  });
  return cases;
}

/** The XYZ tile holding lon/lat at zoom z. */
export function tileAt(lon: number, lat: number, z: number): string {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * n);
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  return `/tiles/parcels/${z}/${x}/${y}.mvt`;
}

/** Logs in twice (one session ended again) and creates and revokes an API token, for the cases above. */
export async function prepareAuthContext(port: number): Promise<Omit<AuthContext, 'targetId'>> {
  const live = await logIn(port);
  const ended = await logIn(port);
  if (!live.session || !ended.session)
    throw new Error(`login for the auth cases answered ${live.result.status} ${live.result.text.slice(0, 200)}`);
  const logout = await request(port, '/api/auth/logout', {
    method: 'POST',
    headers: { cookie: ended.session.cookie, 'x-csrf-token': ended.session.csrfToken },
  });
  if (logout.status !== 204) throw new Error(`logout answered ${logout.status} ${logout.text.slice(0, 200)}`);
  const me = JSON.parse((await request(port, '/api/auth/session')).text) as { user: { id: string } | null };
  if (!me.user) throw new Error('the admin token does not name a user');
  const created = await json(port, 'POST', `/api/users/${me.user.id}/tokens`, { name: 'to revoke', read_only: false });
  if (created.status !== 201)
    throw new Error(`token creation answered ${created.status} ${created.text.slice(0, 200)}`);
  const token = JSON.parse(created.text) as { id: string; token: string };
  const revoked = await request(port, `/api/tokens/${token.id}`, { method: 'DELETE' });
  if (revoked.status !== 200) throw new Error(`token revocation answered ${revoked.status}`);
  return {
    session: live.session,
    endedSession: ended.session,
    revokedToken: token.token,
    tilePath: tileAt(bekasiCenter[0], bekasiCenter[1], 14),
  };
}
