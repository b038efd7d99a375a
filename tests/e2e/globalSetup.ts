import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedData = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Unless TAPAK_E2E_BASE_URL names a running Tapak (then TAPAK_ADMIN_USER, TAPAK_ADMIN_PASSWORD and
 * TAPAK_ADMIN_TOKEN must name its admin), starts a real one the way a user does (`npm start`, which
 * builds the web app when needed) on a fresh embedded database with Kota Bekasi's real boundaries imported
 * by the command line, and stops it afterwards.
 */
export default async function setup() {
  if (process.env.TAPAK_E2E_BASE_URL) return;
  // The first admin of the fresh database: the browser logs in with the password (support/harness.ts), Node
  // seeds through the API with the token. Random per run unless given, so no fixed secret lives in the repo.
  process.env.TAPAK_ADMIN_USER ??= 'admin';
  process.env.TAPAK_ADMIN_PASSWORD ??= `e2e-${crypto.randomBytes(12).toString('base64url')}`;
  process.env.TAPAK_ADMIN_TOKEN ??= `tapak_e2e_${crypto.randomBytes(24).toString('base64url')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TAPAK_DATA_DIR: dataDir,
    // This run's own, so uploads of one run never meet another's (the default is one shared folder beside the data dir).
    TAPAK_UPLOAD_DIR: `${dataDir}-uploads`,
    TAPAK_OFFLINE: '1',
    DATABASE_URL: '',
    LOG_LEVEL: 'warn',
  };
  // vitest sets NODE_ENV=test; `npm start` would then build the web app with React's development build
  // (twice the size, and not what users get). Start the server the way a user does.
  delete env.NODE_ENV;
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/importBoundaries.ts', path.join(sharedData, 'kota-bekasi-kelurahan.geojson')],
    { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Tapak exited with ${server.exitCode} before it was ready`);
    try {
      // With the token: whether health answers anonymously is the server's access policy, not readiness.
      const response = await fetch(`${baseUrl}/api/health`, {
        headers: { authorization: `Bearer ${process.env.TAPAK_ADMIN_TOKEN}` },
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('Tapak did not become ready within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  process.env.TAPAK_E2E_BASE_URL = baseUrl;
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
