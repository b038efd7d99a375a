// What the benchmarks that run the server's own code share: a throw-away database on either engine for a
// child process to use, and the actor their writes are recorded under.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Actor } from '../../core/src/index.ts';

/** The admin a benchmark acts as (audit rows say "bench"). */
export const benchActor: Actor = {
  userId: null,
  username: 'bench',
  displayName: 'bench',
  role: 'admin',
  territoryKode: null,
  via: 'token',
  readOnly: false,
};

/**
 * Environment variables pointing a child process at an empty database of `engine` for `region` (a fresh
 * PGlite data directory, or a scratch database `name` created through `adminUrl`), and how to remove it.
 */
export async function scratchEngine(
  engine: string,
  options: { adminUrl: string | undefined; name: string; region: string },
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-`));
    return {
      env: { TAPAK_DATA_DIR: dir, DATABASE_URL: '', TAPAK_REGION: options.region },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${options.name}`);
  await admin.query(`CREATE DATABASE ${options.name}`);
  const url = new URL(options.adminUrl ?? '');
  url.pathname = `/${options.name}`;
  return {
    env: { DATABASE_URL: url.toString(), TAPAK_REGION: options.region },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${options.name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
