/** Shared pieces of the reliability run: a Tapak server child process, an HTTP client, parcel shapes. */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const sharedDir = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
export const boundaryFile = path.join(sharedDir, 'kota-bekasi-kelurahan.geojson');

export interface Result {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
  /** Set when no HTTP answer arrived (connection reset, timeout). */
  error?: string;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Readable;
  timeoutMs?: number;
  /** Send no credentials (by default the admin's bearer token goes along unless a cookie or Authorization is set). */
  anonymous?: boolean;
  /**
   * A connection of its own, closed afterwards: a hostile request may leave its connection unusable (the server
   * answers early and closes it), and the next request must not inherit that as a "socket hang up".
   */
  fresh?: boolean;
}

/**
 * Credentials of the first admin that every server started here gets (TAPAK_ADMIN_*). The token is per run so a
 * leftover database of an earlier run cannot be reached with it by accident.
 */
export const adminUser = 'admin';
export const adminPassword = 'reliability-password-2026';
export const adminToken = `tapak-reliability-${process.pid}-${Date.now().toString(36)}-token`;

/** The headers of a request: the admin's bearer token unless the caller chose other credentials or none. */
function withCredentials(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.anonymous) return headers;
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  if (!names.includes('authorization') && !names.includes('cookie')) headers.authorization = `Bearer ${adminToken}`;
  return headers;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export async function request(port: number, urlPath: string, options: RequestOptions = {}): Promise<Result> {
  const first = await attempt(port, urlPath, options);
  // A pooled keep-alive connection the server closed just as we reused it (Node's documented race): a GET is
  // safe to send once more; anything else reports the failure as it is.
  const method = options.method ?? 'GET';
  if (first.status === 0 && first.reusedSocket && (method === 'GET' || method === 'HEAD'))
    return attempt(port, urlPath, options);
  return first;
}

function attempt(port: number, urlPath: string, options: RequestOptions): Promise<Result & { reusedSocket?: boolean }> {
  const body = options.body;
  if (body !== undefined && (!(typeof body === 'string' || Buffer.isBuffer(body)) || body.length > 1024 * 1024))
    return curlRequest(port, urlPath, options);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<Result, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, ms: performance.now() - started, reusedSocket: req.reusedSocket });
    };
    const headers = withCredentials(options);
    const fixed = typeof body === 'string' || Buffer.isBuffer(body);
    if (fixed) headers['content-length'] = String(Buffer.byteLength(body));
    // A large body waits for "100 Continue", as curl does: a server that refuses it by its length answers 413
    // at once instead of resetting a connection we are still writing to.
    const large = body !== undefined && (!fixed || Buffer.byteLength(body) > 1024 * 1024);
    if (large) headers.expect = '100-continue';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: options.method ?? 'GET',
        headers,
        agent: large || options.fresh ? false : agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size < 64 * 1024 * 1024) chunks.push(chunk);
        });
        res.on('end', () => {
          finish({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
          if (large) req.destroy();
        });
        res.on('error', (error) => finish({ status: 0, headers: {}, text: '', error: String(error) }));
      },
    );
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error('timeout')));
    // A server may still answer after a write error (EPIPE / ECONNRESET): give the answer a moment.
    req.on('error', (error) => {
      setTimeout(() => finish({ status: 0, headers: {}, text: '', error: String(error.message) }), 1500);
    });
    const send = () => {
      if (body === undefined) req.end();
      else req.end(body);
    };
    if (large) {
      req.on('continue', send);
      req.flushHeaders();
    } else send();
  });
}

/**
 * A large body goes through curl: a server that refuses it early (413) answers and closes while the body is
 * still being written, and Node's HTTP client loses that answer to EPIPE; curl reads while it writes.
 */
async function curlRequest(port: number, urlPath: string, options: RequestOptions): Promise<Result> {
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-reliability-body-'));
  const file = path.join(dir, 'body');
  try {
    const body = options.body;
    if (typeof body === 'string' || Buffer.isBuffer(body)) fs.writeFileSync(file, body);
    else if (body) await pipeline(body, fs.createWriteStream(file));
    const args = [
      '-sS',
      '-i',
      '-X',
      options.method ?? 'POST',
      '--max-time',
      String((options.timeoutMs ?? 120_000) / 1000),
    ];
    for (const [key, value] of Object.entries(withCredentials(options)))
      if (key.toLowerCase() !== 'content-length') args.push('-H', `${key}: ${value}`);
    args.push('--data-binary', `@${file}`, `http://127.0.0.1:${port}${urlPath}`);
    const output = await new Promise<string>((resolve) => {
      execFile('curl', args, { maxBuffer: 64 * 1024 * 1024, encoding: 'latin1' }, (_error, stdout) => resolve(stdout));
    });
    let text = output;
    while (/^HTTP\/[\d.]+ 1\d\d/.test(text) && text.includes('\r\n\r\n'))
      text = text.slice(text.indexOf('\r\n\r\n') + 4);
    const match = /^HTTP\/[\d.]+ (\d{3})/.exec(text);
    const split = text.indexOf('\r\n\r\n');
    if (!match || split < 0)
      return { status: 0, headers: {}, text: '', ms: performance.now() - started, error: 'no answer' };
    const headers: http.IncomingHttpHeaders = {};
    for (const line of text.slice(0, split).split('\r\n').slice(1)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const payload = Buffer.from(text.slice(split + 4), 'latin1').toString('utf8');
    return { status: Number(match[1]), headers, text: payload, ms: performance.now() - started };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const json = (
  port: number,
  method: string,
  urlPath: string,
  value: unknown,
  headers: Record<string, string> = {},
  anonymous = false,
) =>
  request(port, urlPath, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(value),
    anonymous,
  });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface ServerEnv {
  dataDir?: string;
  databaseUrl?: string;
}

function envFor(port: number, target: ServerEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TAPAK_OFFLINE: '1',
    LOG_LEVEL: 'warn',
    TAPAK_WEB_DIST: '/nonexistent',
    TAPAK_ADMIN_USER: adminUser,
    TAPAK_ADMIN_PASSWORD: adminPassword,
    TAPAK_ADMIN_TOKEN: adminToken,
  };
  delete env.DATABASE_URL;
  if (target.dataDir) env.TAPAK_DATA_DIR = target.dataDir;
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  return env;
}

/** Creates (or migrates) the database and imports Kota Bekasi's 56 kelurahan into it. */
export function importBoundariesInto(target: ServerEnv): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/importBoundaries.ts', boundaryFile], {
    cwd: repoRoot,
    env: envFor(0, target),
    stdio: ['ignore', 'ignore', 'pipe'],
    // Generous: on a shared 2-core machine under load the embedded import has taken over 3 minutes.
    timeout: 600_000,
  });
}

export function tempDataDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `tapak-reliability-${label}-`));
}

export interface RunningServer {
  port: number;
  child: ChildProcess;
  /** stderr of the server (bounded), for the report when it crashes. */
  log: () => string;
  exited: () => boolean;
  exitInfo: () => string;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
}

export async function startServer(target: ServerEnv, port?: number): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  // Its own process group (detached), so a signal meant for another group of processes cannot reach it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/reliability/serve.ts'], {
    cwd: repoRoot,
    env: envFor(chosen, target),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exitInfo = '';
  let stopping = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exitInfo = `code ${code} signal ${signal}${
        code === 0 && !stopping ? ' — its own SIGTERM/SIGINT handler ran: a signal from outside the harness' : ''
      }`;
      resolve();
    }),
  );
  const server: RunningServer = {
    port: chosen,
    child,
    log: () => log,
    exited: () => exitInfo !== '',
    exitInfo: () => exitInfo,
    async stop() {
      if (exitInfo) return;
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exitPromise;
      clearTimeout(timer);
    },
    async kill9() {
      if (exitInfo) return;
      child.kill('SIGKILL');
      await exitPromise;
    },
  };
  const deadline = Date.now() + 420_000;
  while (Date.now() < deadline) {
    if (server.exited()) throw new Error(`server exited while starting (${exitInfo}):\n${log.slice(-4000)}`);
    const health = await request(chosen, '/api/health', { timeoutMs: 5000 });
    if (health.status === 200) return server;
    await sleep(250);
  }
  await server.kill9();
  throw new Error(`server did not become healthy in 420 s:\n${log.slice(-4000)}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A lon/lat rectangle of width × depth metres centred on `center` (Kota Bekasi, lat ≈ -6.2). */
export function rectangle(center: readonly [number, number], width: number, depth: number) {
  const [lon, lat] = center;
  const dLat = depth / 2 / 111_000;
  const dLon = width / 2 / (111_000 * Math.cos((lat * Math.PI) / 180));
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lon - dLon, lat - dLat],
        [lon + dLon, lat - dLat],
        [lon + dLon, lat + dLat],
        [lon - dLon, lat + dLat],
        [lon - dLon, lat - dLat],
      ],
    ],
  };
}

export const bekasiCenter: [number, number] = [107.0136, -6.2334];

/** The i-th parcel on a grid of 60 m cells around the centre (so parcels do not overlap). */
export function gridParcel(i: number) {
  const col = i % 40;
  const row = Math.floor(i / 40) % 40;
  const center: [number, number] = [
    bekasiCenter[0] + ((col - 20) * 60) / (111_000 * Math.cos((6.2334 * Math.PI) / 180)),
    bekasiCenter[1] + ((row - 20) * 60) / 111_000,
  ];
  return rectangle(center, 40, 30);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at once; stops early when `stop()` says so. */
export async function pool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  stop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count && !stop()) {
      const i = next++;
      await task(i);
    }
  });
  await Promise.all(workers);
}

export function isProblemJson(result: Result): boolean {
  return String(result.headers['content-type'] ?? '').startsWith('application/problem+json');
}

export async function parcelCount(port: number, deleted = false): Promise<number> {
  const res = await request(port, `/api/parcels?limit=1${deleted ? '&deleted=true' : ''}`);
  if (res.status !== 200) throw new Error(`GET /api/parcels → ${res.status} ${res.text.slice(0, 300)}`);
  return (JSON.parse(res.text) as { numberMatched: number }).numberMatched;
}

export async function layerCount(port: number): Promise<number> {
  const res = await request(port, '/api/layers');
  if (res.status !== 200) throw new Error(`GET /api/layers → ${res.status}`);
  return (JSON.parse(res.text) as unknown[]).length;
}

export const owned = { owner_class: 'pemkot_bmd', legal_status: 'bersih', source: 'bmd', is_vacant: true };

export function newParcel(i: number, name = `Reliability ${i}`) {
  return { type: 'Feature', geometry: gridParcel(i), properties: { name, ...owned } };
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.type()} ${os.release()} ${os.arch()}, ${os.cpus().length} × ${cpu}, ${Math.round(
    os.totalmem() / 1024 ** 3,
  )} GB RAM, Node ${process.version}`;
}

export interface Session {
  /** The Cookie header value (`tapak_session=…`). */
  cookie: string;
  csrfToken: string;
}

/** Logs in with a password; the session cookie and CSRF token, or the refusal. */
export async function logIn(
  port: number,
  username = adminUser,
  password = adminPassword,
): Promise<{ session?: Session; result: Result }> {
  const result = await json(port, 'POST', '/api/auth/login', { username, password }, {}, true);
  if (result.status !== 200) return { result };
  const setCookie = result.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((line) => line.split(';')[0] ?? '').find((pair) => pair.startsWith('tapak_session='));
  const csrfToken = (JSON.parse(result.text) as { csrf_token?: string }).csrf_token;
  if (!cookie || !csrfToken) throw new Error(`login answered 200 without a session cookie or CSRF token`);
  return { session: { cookie, csrfToken }, result };
}
