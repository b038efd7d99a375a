import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfiguredDatabase } from '../../server/src/bootstrap.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import { testEngine } from '../support/engines.ts';
import { createTestApp } from '../support/testApp.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

const execFileAsync = promisify(execFile);

describe(`accounts: first admin, cookies behind a proxy, the user command on ${testEngine()}`, () => {
  it('the first admin gets a random password shown once, never a built-in default', async () => {
    const t = await createTestApp({ TAPAK_ADMIN_PASSWORD: '', TAPAK_ADMIN_TOKEN: '', TAPAK_ADMIN_USER: 'kadis' });
    try {
      const generated = t.context.firstAdmin?.generatedPassword ?? '';
      expect(t.context.firstAdmin?.username).toBe('kadis');
      expect(generated.length).toBeGreaterThanOrEqual(16);
      const login = (password: string) =>
        t.injectAs(null, { method: 'POST', url: '/api/auth/login', payload: { username: 'kadis', password } });
      expect((await login('admin')).statusCode).toBe(401);
      expect((await login('kadis')).statusCode).toBe(401);
      const ok = await login(generated);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().user).toMatchObject({ username: 'kadis', role: 'admin' });
      // Only a hash is stored.
      const row = await t.context.db.knex('users').where({ username: 'kadis' }).first('password_hash');
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(generated);
      // Nothing without credentials, not even with a guessable token.
      expect((await t.injectAs('admin', { method: 'GET', url: '/api/parcels' })).statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('sets the Secure flag on the session cookie behind an HTTPS proxy it trusts', async () => {
    const t = await createTestApp({ TAPAK_TRUST_PROXY: '1' });
    try {
      const login = (headers: Record<string, string>) =>
        t.injectAs(null, {
          method: 'POST',
          url: '/api/auth/login',
          headers,
          payload: { username: 'admin', password: 'kata-sandi-admin-uji' },
        });
      expect(String((await login({ 'x-forwarded-proto': 'https' })).headers['set-cookie'])).toMatch(/; Secure/i);
      expect(String((await login({})).headers['set-cookie'])).not.toMatch(/; Secure/i);
    } finally {
      await t.close();
    }
  });

  describe('npm run user', () => {
    let testDb: TestDatabase | null = null;
    let dataDir: string | null = null;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      if (testEngine() === 'postgres') {
        testDb = await createTestDatabase();
        env = { ...process.env, DATABASE_URL: testDb.databaseUrl, TAPAK_OFFLINE: '1', LOG_LEVEL: 'silent' };
      } else {
        dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-user-cli-'));
        env = { ...process.env, DATABASE_URL: '', TAPAK_DATA_DIR: dataDir, TAPAK_OFFLINE: '1', LOG_LEVEL: 'silent' };
      }
      env.TAPAK_ADMIN_PASSWORD = 'kata-sandi-admin-cli';
    });
    afterAll(async () => {
      await testDb?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const user = (...args: string[]) =>
      execFileAsync(process.execPath, ['--import', 'tsx', 'server/src/cli/user.ts', ...args], { cwd: repoRoot, env });

    async function withDatabase<T>(read: (knex: Knex) => Promise<T>): Promise<T> {
      if (testDb) return read(testDb.db.knex);
      const db = await openConfiguredDatabase(loadConfig(env), 'user command test');
      try {
        return await read(db.knex);
      } finally {
        await db.close();
      }
    }

    it('adds a lurah, gives it a token, refuses a wrong territory, disables it, all audited', async () => {
      const added = await user(
        'add',
        'siti',
        '--role',
        'lurah',
        '--territory',
        '32.75.01.1001',
        '--name',
        'Siti (Lurah Bekasijaya)',
      );
      expect(added.stdout).toContain('siti (lurah 32.75.01.1001)');
      expect(added.stdout).toMatch(/kata sandi .*: \S{16}/);

      const wrong = await user('add', 'budi', '--role', 'camat', '--territory', '32.75.01.1001').catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(wrong).toMatchObject({ code: 2 });
      expect((wrong as { stderr: string }).stderr).toMatch(/kecamatan/);

      const token = await user('token', 'siti', '--name', 'Skrip kelurahan', '--write');
      expect(token.stdout).toMatch(/^tpk_\S{40,}$/m);
      await user('disable', 'siti');
      const listed = await user('list');
      expect(listed.stdout).toMatch(/siti\tlurah\t32\.75\.01\.1001\tnonaktif/);
      expect(listed.stdout).toMatch(/admin\tadmin\t-\taktif/);

      const stored = await withDatabase(async (knex) => ({
        user: await knex('users').where({ username: 'siti' }).first('role', 'territory_kode', 'disabled_at'),
        tokens: await knex('api_tokens as t').join('users as u', 'u.id', 't.user_id').where('u.username', 'siti'),
        audit: await knex('audit_log').where('route', 'like', 'cli user %').orderBy('id').select('route', 'action'),
      }));
      expect(stored.user).toMatchObject({ role: 'lurah', territory_kode: '32.75.01.1001' });
      expect(stored.user.disabled_at).not.toBeNull();
      expect(stored.tokens).toHaveLength(1);
      expect(stored.audit.map((a: { route: string }) => a.route)).toEqual([
        'cli user add',
        'cli user token',
        'cli user disable',
      ]);
    }, 400_000);
  });
});
