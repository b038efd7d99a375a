import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/src/bootstrap.ts';
import { testEngine } from '../support/engines.ts';
import { createTestApp, type TestApp, testAdminPassword } from '../support/testApp.ts';

/**
 * Regression (reliability run, scale-out section): the login rate limit was checked before the password hash
 * and counted after it, so 40 failed logins sent at once got 30 answers of 401 instead of 10. Two app instances
 * on one database stand in for two Tapak processes behind a proxy.
 */
let t: TestApp;
let second: FastifyInstance;

function attempt(app: FastifyInstance, address: string, username: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: address,
    payload: { username, password },
  }) as Promise<LightMyRequestResponse>;
}

function tally(responses: LightMyRequestResponse[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const response of responses) counts[response.statusCode] = (counts[response.statusCode] ?? 0) + 1;
  return counts;
}

describe(`login rate limit under parallel attempts (${testEngine})`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    second = await buildServer(t.context, { logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('40 failed logins at once over two instances: exactly 10 are tried (401), the rest 429', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(i % 2 === 0 ? t.app : second, '10.9.8.7', 'penyerbu', `tebak-${i}`)),
    );
    expect(tally(responses)).toEqual({ 401: 10, 429: 30 });
    for (const response of responses.filter((r) => r.statusCode === 429))
      expect(response.json()).toMatchObject({ type: 'urn:tapak:problem:too-many-requests' });
    const [row] = await t.context.db.knex('rate_limit_buckets').where({ key: 'login:user:penyerbu' }).select('hits');
    expect(Number(row?.hits)).toBe(10);
    // The right password from the locked address is refused too.
    expect((await attempt(second, '10.9.8.7', 'admin', testAdminPassword)).statusCode).toBe(429);
  });

  it('successful logins give their slot back, so they never use up the address’s failure budget', async () => {
    // A login holds a slot while its password is checked, so at most ten are checked at once per address;
    // more than ten at the same instant may get 429, and afterwards nothing is left counted.
    const logins = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attempt(i % 2 === 0 ? t.app : second, '10.9.8.6', 'admin', testAdminPassword),
      ),
    );
    const parallel = tally(logins);
    expect(Object.keys(parallel).every((status) => status === '200' || status === '429')).toBe(true);
    expect(parallel[200]).toBeGreaterThanOrEqual(10);
    for (let i = 0; i < 12; i += 1)
      expect((await attempt(second, '10.9.8.6', 'admin', testAdminPassword)).statusCode).toBe(200);
    const [row] = await t.context.db.knex('rate_limit_buckets').where({ key: 'login:ip:10.9.8.6' }).select('hits');
    expect(Number(row?.hits ?? 0)).toBe(0);
    const failures = await Promise.all(
      Array.from({ length: 11 }, (_, i) => attempt(t.app, '10.9.8.6', `orang-${i}`, 'salah-salah')),
    );
    expect(tally(failures)).toEqual({ 401: 10, 429: 1 });
  });

  it('a NUL character in the username is a wrong login (401, counted), not a 500', async () => {
    const response = await attempt(t.app, '10.9.8.5', 'admin\u0000', testAdminPassword);
    expect(response.statusCode).toBe(401);
    const [row] = await t.context.db.knex('rate_limit_buckets').where({ key: 'login:ip:10.9.8.5' }).select('hits');
    expect(Number(row?.hits)).toBe(1);
  });
});
