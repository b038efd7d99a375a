/**
 * A PostgreSQL server of the run's own (initdb into a temporary directory, its own port, loopback only), so the
 * "database away" section can really stop and start PostgreSQL: the machine's shared server is never touched.
 * PostGIS comes from the same installation's extension directory.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './harness.ts';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/tapak */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server: `fast` ends every session (clients see 57P01), `immediate` is a crash without a checkpoint. */
  stop: (mode?: 'fast' | 'immediate') => void;
  start: () => void;
  /** Stops it (if running) and removes its directory. */
  destroy: () => void;
}

/** Where the PostgreSQL binaries are; override with TAPAK_PG_BIN. */
export function postgresBinDir(): string | null {
  const candidates = [process.env.TAPAK_PG_BIN, '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'];
  for (const dir of candidates) if (dir && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  return null;
}

/** initdb refuses to run as root: as root, the server runs as the `postgres` account. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries (set TAPAK_PG_BIN to the directory holding pg_ctl)');
  const owner = runAs();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-reliability-pg-'));
  if (owner) fs.chownSync(root, owner.uid, owner.gid);
  const dataDir = path.join(root, 'data');
  const logFile = path.join(root, 'server.log');
  const run = (program: string, args: string[]) =>
    execFileSync(path.join(bin, program), args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 180_000,
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Durable as a production server (fsync on); sockets only in our own directory; jit off as the README asks.
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c jit=off -c max_connections=100`;
  let running = false;
  const start = () => {
    run('pg_ctl', ['-D', dataDir, '-o', options, '-l', logFile, '-w', '-t', '120', 'start']);
    running = true;
  };
  const stop = (mode: 'fast' | 'immediate' = 'fast') => {
    if (!running) return;
    run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '120', 'stop']);
    running = false;
  };
  start();
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE tapak');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/tapak`,
    port,
    dataDir,
    stop,
    start,
    destroy: () => {
      try {
        stop('immediate');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
