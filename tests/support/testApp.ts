import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildServer, prepareContext } from '../../server/src/bootstrap.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { TapakContext } from '../../server/src/context.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';

/** The first admin's API token in every test app (TAPAK_ADMIN_TOKEN), and its password. */
export const testAdminToken = 'tpk_test-admin-token-for-integration-tests';
export const testAdminPassword = 'kata-sandi-admin-uji';

export interface TestApp {
  /**
   * The whole app. Its `inject` sends the admin token unless the request carries its own Authorization or
   * Cookie header, so tests about parcels need not repeat credentials; tests about access use `injectAs`.
   */
  app: FastifyInstance;
  context: TapakContext;
  testDb: TestDatabase;
  /** Injects with exactly the credentials given: a bearer token, or null for an anonymous request. */
  injectAs(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  uploadDir: string;
  close(): Promise<void>;
}

function withAdminToken(options: InjectOptions | string): InjectOptions {
  const request: InjectOptions = typeof options === 'string' ? { url: options } : options;
  const headers = (request.headers ?? {}) as Record<string, unknown>;
  if (headers.authorization !== undefined || headers.cookie !== undefined || request.cookies) return request;
  return { ...request, headers: { ...headers, authorization: `Bearer ${testAdminToken}` } };
}

/** The whole app on a fresh database clone, for `app.inject(...)`; offline, no web build, quiet logs. */
export async function createTestApp(
  env: Record<string, string> = {},
  /** Runs before the app is ready, e.g. to add a hook that watches requests. */
  beforeReady?: (app: FastifyInstance) => void,
): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-uploads-'));
  const config = loadConfig({
    TAPAK_OFFLINE: '1',
    TAPAK_WEB_DIST: '/nonexistent',
    LOG_LEVEL: 'silent',
    TAPAK_ADMIN_TOKEN: testAdminToken,
    TAPAK_ADMIN_PASSWORD: testAdminPassword,
    TAPAK_UPLOAD_DIR: uploadDir,
    ...env,
  });
  const context = await prepareContext(testDb.db, config);
  const app = await buildServer(context, { logger: false });
  beforeReady?.(app);
  await app.ready();
  const realInject = app.inject.bind(app) as (options: InjectOptions) => Promise<LightMyRequestResponse>;
  (app as { inject: unknown }).inject = (options: InjectOptions | string) => realInject(withAdminToken(options));
  return {
    app,
    context,
    testDb,
    uploadDir,
    injectAs(token, options) {
      const headers = { ...((options.headers ?? {}) as Record<string, string>) };
      if (token) headers.authorization = `Bearer ${token}`;
      return realInject({ ...options, headers });
    },
    async close() {
      await app.close();
      await testDb.drop();
      fs.rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}
