// The web app as a planner's browser meets it: the initial JS weight (gzip) and the time from navigation
// start to an interactive map, cold, on an empty database and with 5,000 parcels. Prints figures (never
// assertions). Usage: npm run bench -- web [--runs 5] [--parcels 5000] [--concurrency 8] [--build]
//   [--data-dir DIR] [--waterfall] [--quick] [--province]
// --data-dir keeps the database in DIR and reuses it (seeded once: for iterating on the page, not for a figure of
// record); --waterfall prints when each request of the last run started and ended; --quick measures only the
// city view with GeoJSON (no zoom 14, no tiles cases); --province runs the app for Jawa Barat (region 32,
// 5,957 desa/kelurahan from jawa-barat-desa-kelurahan.geojson.gz) with the parcels drawn as vector tiles.
// Needs Debian's chromium (/usr/bin/chromium, or TAPAK_CHROMIUM) and the Kota Bekasi boundaries file
// (../shared/data/kota-bekasi-kelurahan.geojson, or TAPAK_SHARED_DATA). Everything runs on loopback, on a
// fresh embedded database in a temporary directory that is removed afterwards. The server gets a first admin
// (random password and API token per run): the browser logs in, Node seeds with the token.
// Cases: the city view (the page's first framing) and a kelurahan-scale view (zoom 14 on the city's centre),
// with the slim GeoJSON listing and with the vector tiles (forced with `tapak.parcelTilesAbove`).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { repoRoot } from '../../server/src/config.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/support/harness.ts';
import { prng } from './syntheticParcels.ts';

const sharedData = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
const PROVINCE = process.argv.includes('--province');
const REGION = PROVINCE ? '32' : '32.75';
const boundariesFile = path.join(
  sharedData,
  PROVINCE ? 'jawa-barat-desa-kelurahan.geojson.gz' : 'kota-bekasi-kelurahan.geojson',
);
const TARGET_MS = 3000;
const TARGET_JS_GZIP = 500 * 1024;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: a positive whole number`);
  return value;
}

const RUNS = option('runs', 5);
/** The listing the map loads (web/src/state/useParcels.ts). */
const LISTING_PATH = '/api/parcels/map.geojson';
const keepIndex = process.argv.indexOf('--data-dir');
const keptDir = keepIndex >= 0 ? path.resolve(process.argv[keepIndex + 1] ?? '') : null;
const keptAdminFile = keptDir ? path.join(keptDir, 'bench-admin.json') : null;
/** A kept database was seeded before and keeps its first admin: reuse its credentials. */
const reuse = keptAdminFile !== null && fs.existsSync(keptAdminFile);
const ADMIN: { username: string; password: string; token: string } =
  reuse && keptAdminFile
    ? JSON.parse(fs.readFileSync(keptAdminFile, 'utf8'))
    : {
        username: 'bench-admin',
        password: `bench-${crypto.randomBytes(12).toString('base64url')}`,
        token: `tapak_bench_${crypto.randomBytes(24).toString('base64url')}`,
      };
const authorization = { authorization: `Bearer ${ADMIN.token}` };
const adminEnv = {
  TAPAK_ADMIN_USER: ADMIN.username,
  TAPAK_ADMIN_PASSWORD: ADMIN.password,
  TAPAK_ADMIN_TOKEN: ADMIN.token,
};
const PARCELS = option('parcels', 5000);
const CONCURRENCY = option('concurrency', 8);

/** A child environment without NODE_ENV (vitest or a shell may set it: React's development build, twice the size). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '', ...extra };
  delete env.NODE_ENV;
  return env;
}

// ---------------------------------------------------------------------------------------------------------
// 1. Bundle weight

function newestMtimeMs(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtimeMs(path.join(entry, name)));
  return newest;
}

/** Builds web/dist the way `npm start` decides to (sources newer than the build), or always with --build. */
function buildIfNeeded(): void {
  const builtIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'core/src'].map((p) => path.join(repoRoot, p));
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  const stale = Math.max(...sources.map(newestMtimeMs)) > builtAt;
  if (!stale && !process.argv.includes('--build')) {
    console.log('web/dist is up to date (--build to rebuild)');
    return;
  }
  console.log('building web/dist (npm run build -w web, NODE_ENV unset)…');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], {
    cwd: repoRoot,
    env: cleanEnv({}),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error(`web build failed (exit ${build.status})`);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function reportBundle(): number {
  const dist = path.join(repoRoot, 'web', 'dist');
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const referenced = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((m) => (m[1] ?? '').replace(/^\//, '')).filter((p) => p.length > 0);
  const initialJs = [
    ...new Set([
      ...referenced(/<script\b[^>]*\bsrc="([^"]+)"/g),
      ...referenced(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
    ]),
  ];
  const initialCss = referenced(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g);
  const sizes = (file: string) => {
    const raw = fs.readFileSync(path.join(dist, file));
    return { file, raw: raw.length, gzip: gzipSync(raw).length };
  };
  const assets = fs.readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
  const workers = assets.filter((f) => /worker/i.test(f) && /\.m?js$/.test(f));
  const lazy = assets.filter((f) => /\.m?js$/.test(f) && !initialJs.includes(f) && !workers.includes(f));

  const table = (title: string, files: string[]) => {
    const rows = files.map(sizes).sort((a, b) => b.gzip - a.gzip);
    const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
    console.log(`\n${title}`);
    for (const r of rows)
      console.log(`  ${r.file.padEnd(44)} ${kb(r.raw).padStart(11)} ${kb(r.gzip).padStart(11)} gzip`);
    console.log(`  ${'total'.padEnd(44)} ${kb(total.raw).padStart(11)} ${kb(total.gzip).padStart(11)} gzip`);
    return total.gzip;
  };
  console.log('\nBundle (node:zlib gzip, default level)');
  const js = table('initial JS (index.html <script> and modulepreload)', initialJs);
  const css = table('initial CSS (index.html stylesheets; not counted in the JS figure)', initialCss);
  const worker = table('MapLibre worker (fetched by MapLibre at map start)', workers);
  table('lazy chunks (loaded on demand)', lazy);
  console.log(
    `\ninitial JS ${kb(js)} gzip (target ≤ ${kb(TARGET_JS_GZIP)}: ${js <= TARGET_JS_GZIP ? 'within' : 'OVER'}); ` +
      `+ CSS ${kb(css)} = ${kb(js + css)}; + worker ${kb(worker)} = ${kb(js + css + worker)}`,
  );
  return js;
}

// ---------------------------------------------------------------------------------------------------------
// 2. Server on a fresh data dir, and parcels

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: repoRoot,
    env: cleanEnv({
      PORT: String(port),
      HOST: '127.0.0.1',
      TAPAK_DATA_DIR: dataDir,
      TAPAK_OFFLINE: '1',
      TAPAK_REGION: REGION,
      LOG_LEVEL: 'warn',
      ...adminEnv,
    }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server not ready within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, baseUrl };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

type Ring = number[][];
type Polygon = Ring[];
type KelurahanCollection = {
  features: Array<{
    geometry: { type: 'Polygon'; coordinates: Polygon } | { type: 'MultiPolygon'; coordinates: Polygon[] } | null;
  }>;
};

/** Even-odd ray casting over every ring (holes included). */
function inPolygon(x: number, y: number, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

async function seedParcels(baseUrl: string, count: number): Promise<{ created: number; ms: number }> {
  const response = await fetch(`${baseUrl}/api/kelurahan`, { headers: authorization });
  if (!response.ok) throw new Error(`GET /api/kelurahan: ${response.status}`);
  const body = (await response.json()) as KelurahanCollection;
  const polygons: Polygon[] = body.features.flatMap((f) =>
    !f.geometry ? [] : f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  );
  if (polygons.length === 0) throw new Error('no kelurahan boundaries: the import did not work');
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [x = 0, y = 0] of polygon[0] ?? []) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const random = prng(20_260_101);
  const features: unknown[] = [];
  while (features.length < count) {
    let x = minX + random() * (maxX - minX);
    let y = minY + random() * (maxY - minY);
    if (PROVINCE) {
      // Thousands of polygons: a random desa/kelurahan, then a point inside its own box (one polygon to test).
      const polygon = polygons[Math.floor(random() * polygons.length)] ?? [];
      const ring = polygon[0] ?? [];
      const xs = ring.map((point) => point[0] ?? 0);
      const ys = ring.map((point) => point[1] ?? 0);
      x = Math.min(...xs) + random() * (Math.max(...xs) - Math.min(...xs));
      y = Math.min(...ys) + random() * (Math.max(...ys) - Math.min(...ys));
      if (!inPolygon(x, y, polygon)) continue;
    } else if (!polygons.some((p) => inPolygon(x, y, p))) continue;
    const halfW = (20 + random() * 40) / 2 / (111_320 * Math.cos((y * Math.PI) / 180));
    const halfH = (20 + random() * 40) / 2 / 110_574;
    const ring = [
      [x - halfW, y - halfH],
      [x + halfW, y - halfH],
      [x + halfW, y + halfH],
      [x - halfW, y + halfH],
      [x - halfW, y - halfH],
    ];
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { name: `Bidang bench ${features.length + 1}` },
    });
  }
  const started = performance.now();
  let next = 0;
  let created = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const feature = features[i];
      if (feature === undefined) return;
      const res = await fetch(`${baseUrl}/api/parcels`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization },
        body: JSON.stringify(feature),
      });
      if (!res.ok) throw new Error(`POST /api/parcels #${i}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer().catch(() => undefined);
      created += 1;
      if (created % 1000 === 0) process.stdout.write(`  ${created} parcels…\n`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { created, ms: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------
// 3. Time to an interactive map

/** The part of web/src/testHooks.ts read here (that file needs the DOM lib, which this project has not). */
type Hooks = {
  ready?: boolean;
  parcelCount?: number;
  parcelDisplay?: string;
  whenIdle?: () => Promise<void>;
  renderedParcelIds?: () => string[];
};
type PageGlobal = { __tapak?: Hooks };

type Timing = { path: string; start: number; end: number; bytes: number };

type Sample = {
  waterfall: Timing[];
  interactive: number;
  parcelsDrawn: number;
  parcelsResponseEnd: number;
  parcelsBytes: number;
  tileRequests: number;
  tileBytes: number;
};

/** Where the page opens: its own framing of the city, or a kelurahan-scale view given in the URL. */
type View = { label: string; query: string };
type Mode = 'geojson' | 'tiles';

async function measure(browser: Browser, baseUrl: string, parcels: number, view: View, mode: Mode): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    // Cold: a new context has an empty HTTP cache, storage and service workers; then logged in.
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'id-ID' });
    try {
      const login = await context.request.post(`${baseUrl}/api/auth/login`, {
        data: { username: ADMIN.username, password: ADMIN.password },
      });
      if (login.status() !== 200) throw new Error(`login failed: HTTP ${login.status()}`);
      // A planner who signed in on this browser before (the session comes from the login above): the app then
      // sends its first data reads with the session check (web/src/auth/couldRead.ts).
      await context.addInitScript("localStorage.setItem('tapak.couldRead', '1')");
      // One parcel is already "too many for a listing": the page draws the vector tiles.
      if (mode === 'tiles') await context.addInitScript("localStorage.setItem('tapak.parcelTilesAbove', '1')");
      const page = await context.newPage();
      const parcelsResponse = page.waitForResponse((r) => new URL(r.url()).pathname === LISTING_PATH, {
        timeout: 60_000,
      });
      await page.goto(`${baseUrl}/${view.query}`, { waitUntil: 'commit' });
      // The e2e readiness signal: ready (data loaded, style loaded, data on the map, framed), then idle.
      await page.waitForFunction(() => (globalThis as PageGlobal).__tapak?.ready === true, null, {
        timeout: 60_000,
        polling: 10,
      });
      const interactive = await page.evaluate(async () => {
        await (globalThis as PageGlobal).__tapak?.whenIdle?.();
        return performance.now(); // milliseconds since navigation start (the page's timeOrigin)
      });
      // Readiness does not wait for the parcels: also time until they are loaded and drawn.
      await (await parcelsResponse).finished();
      if (mode === 'geojson') {
        await page.waitForFunction((n) => ((globalThis as PageGlobal).__tapak?.parcelCount ?? 0) >= n, parcels, {
          timeout: 60_000,
          polling: 10,
        });
      } else {
        await page.waitForFunction(() => (globalThis as PageGlobal).__tapak?.parcelDisplay === 'tiles', null, {
          timeout: 60_000,
          polling: 10,
        });
      }
      // At kelurahan scale, "drawn" means on screen (the tiles arrive after the listing's count).
      if (parcels > 0 && view.query !== '') {
        await page.waitForFunction(
          () => ((globalThis as PageGlobal).__tapak?.renderedParcelIds?.() ?? []).length > 0,
          null,
          { timeout: 60_000, polling: 10 },
        );
      }
      const drawn = await page.evaluate(async () => {
        await (globalThis as PageGlobal).__tapak?.whenIdle?.();
        type Entry = { name: string; responseEnd: number; encodedBodySize: number };
        const entries = (performance as unknown as { getEntriesByType: (type: string) => Entry[] }).getEntriesByType(
          'resource',
        );
        const request = entries.find((e) => new URL(e.name).pathname === '/api/parcels/map.geojson');
        const tiles = entries.filter((e) => new URL(e.name).pathname.startsWith('/tiles/parcels/'));
        type Timed = Entry & { startTime: number };
        const waterfall = (entries as Timed[]).map((e) => ({
          path: new URL(e.name).pathname + new URL(e.name).search,
          start: e.startTime,
          end: e.responseEnd,
          bytes: e.encodedBodySize,
        }));
        return {
          waterfall,
          at: performance.now(),
          responseEnd: request?.responseEnd ?? 0,
          bytes: request?.encodedBodySize ?? 0,
          tileRequests: tiles.length,
          tileBytes: tiles.reduce((sum, e) => sum + e.encodedBodySize, 0),
        };
      });
      samples.push({
        waterfall: drawn.waterfall,
        interactive,
        parcelsDrawn: Math.max(interactive, drawn.at),
        parcelsResponseEnd: drawn.responseEnd,
        parcelsBytes: drawn.bytes,
        tileRequests: drawn.tileRequests,
        tileBytes: drawn.tileBytes,
      });
    } finally {
      await context.close();
    }
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function reportSamples(label: string, samples: Sample[]): { interactive: number; parcelsDrawn: number } {
  const interactive = samples.map((x) => x.interactive);
  const drawn = samples.map((x) => x.parcelsDrawn);
  console.log(
    `${label.padEnd(14)} interactive map: median ${s(median(interactive))}, max ${s(Math.max(...interactive))}` +
      `  [${interactive.map(s).join(', ')}]`,
  );
  console.log(
    `${''.padEnd(14)} parcels drawn:   median ${s(median(drawn))}, max ${s(Math.max(...drawn))}` +
      `  [${drawn.map(s).join(', ')}]`,
  );
  const responseEnd = samples.map((x) => x.parcelsResponseEnd);
  console.log(
    `${''.padEnd(14)} GET ${LISTING_PATH} done: median ${s(median(responseEnd))}, ` +
      `body ${kb(median(samples.map((x) => x.parcelsBytes)))} as sent`,
  );
  const last = samples.at(-1);
  if (process.argv.includes('--waterfall') && last) {
    console.log(`${''.padEnd(14)} requests of the last run (start → end, ms since navigation):`);
    for (const t of [...last.waterfall].sort((a, b) => a.start - b.start)) {
      console.log(
        `${''.padEnd(16)}${t.start.toFixed(0).padStart(6)} → ${t.end.toFixed(0).padStart(6)}  ${kb(t.bytes).padStart(10)}  ${t.path.slice(0, 90)}`,
      );
    }
  }
  const tileRequests = median(samples.map((x) => x.tileRequests));
  if (tileRequests > 0) {
    console.log(
      `${''.padEnd(14)} parcel tiles: median ${tileRequests} requests, ${kb(median(samples.map((x) => x.tileBytes)))} as sent`,
    );
  }
  return { interactive: median(interactive), parcelsDrawn: median(drawn) };
}

/** Server-side: the full listing the map used to load against the slim one it loads now. */
async function reportListings(baseUrl: string): Promise<void> {
  console.log('listings as the server builds them (median of 3, gzip as sent):');
  for (const [label, url] of [
    ['full  GET /api/parcels?limit=10000', `${baseUrl}/api/parcels?limit=10000`],
    [`slim  GET ${LISTING_PATH}`, `${baseUrl}${LISTING_PATH}?limit=20000`],
  ] as const) {
    const times: number[] = [];
    let raw = 0;
    let sent = 0;
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      const response = await fetch(url, { headers: { ...authorization, 'accept-encoding': 'gzip' } });
      const body = await response.text();
      times.push(performance.now() - started);
      raw = Buffer.byteLength(body);
      sent = gzipSync(body).length;
    }
    console.log(`  ${label.padEnd(46)} ${s(median(times))}, ${kb(raw)} raw, ~${kb(sent)} gzip`);
  }
}

/** The middle of the city's kelurahan (bbox centre), for a kelurahan-scale view full of parcels. */
async function cityCentre(baseUrl: string): Promise<[number, number]> {
  const body = (await (await fetch(`${baseUrl}/api/kelurahan`, { headers: authorization })).json()) as {
    features: Array<{ geometry: { coordinates: number[][][][] } | null }>;
  };
  const points = body.features.flatMap((f) => f.geometry?.coordinates.flat(2) ?? []);
  const xs = points.map((p) => p[0] ?? 0);
  const ys = points.map((p) => p[1] ?? 0);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (set TAPAK_CHROMIUM)`);
  if (!fs.existsSync(boundariesFile)) throw new Error(`no boundaries file at ${boundariesFile}`);
  console.log(`web bench: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`);
  buildIfNeeded();
  reportBundle();

  const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-bench-web-'));
  if (keptDir) fs.mkdirSync(keptDir, { recursive: true });
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!reuse) {
      console.log(`\npreparing a fresh embedded database with the boundaries of ${path.basename(boundariesFile)}…`);
      execFileSync(process.execPath, ['--import', 'tsx', 'server/src/cli/importBoundaries.ts', boundariesFile], {
        cwd: repoRoot,
        // The first admin is created with the database: the import creates it, so it gets the credentials too.
        env: cleanEnv({
          TAPAK_DATA_DIR: dataDir,
          TAPAK_OFFLINE: '1',
          TAPAK_REGION: REGION,
          LOG_LEVEL: 'warn',
          ...adminEnv,
        }),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (keptAdminFile) fs.writeFileSync(keptAdminFile, JSON.stringify(ADMIN));
    }
    const started = await startServer(dataDir);
    server = started.child;
    const { baseUrl } = started;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    console.log(`chromium ${browser.version()}, viewport 1366×850, ${RUNS} cold runs (new context each)\n`);

    const city: View = { label: 'city view', query: '' };
    // A reused database already holds its parcels: no empty baseline in that run.
    const baseline = reuse ? null : reportSamples('0 parcels', await measure(browser, baseUrl, 0, city, 'geojson'));

    if (!reuse) {
      console.log(`\nseeding ${PARCELS} parcels through POST /api/parcels (concurrency ${CONCURRENCY})…`);
      const seeded = await seedParcels(baseUrl, PARCELS);
      console.log(
        `seeded ${seeded.created} parcels in ${s(seeded.ms)} (${((seeded.created / seeded.ms) * 1000).toFixed(0)}/s)\n`,
      );
      await reportListings(baseUrl);
    }
    if (PROVINCE) {
      // The province opens at its own framing, where parcel tiles (from zoom 13) are not drawn yet; then a
      // kelurahan-scale view on a seeded parcel, where they are.
      console.log(`\n${PARCELS} parcels in the province, parcels as vector tiles:`);
      const province = reportSamples('  province', await measure(browser, baseUrl, PARCELS, city, 'tiles'));
      const first = (await (await fetch(`${baseUrl}/api/parcels?limit=1`, { headers: authorization })).json()) as {
        features: Array<{ properties: { point?: [number, number] }; geometry: { coordinates: number[][][][] } }>;
      };
      const [lon = 0, lat = 0] = first.features[0]?.geometry.coordinates[0]?.[0]?.[0] ?? [];
      const near: View = { label: 'zoom 14', query: `?map=14.00/${lat.toFixed(5)}/${lon.toFixed(5)}` };
      reportSamples('  zoom 14', await measure(browser, baseUrl, PARCELS, near, 'tiles'));
      console.log(
        `target ≤ ${s(TARGET_MS)} (province, tiles): interactive median ${province.interactive <= TARGET_MS ? 'within' : 'OVER'}`,
      );
      return;
    }
    const loaded = reportSamples(`${PARCELS} parcels`, await measure(browser, baseUrl, PARCELS, city, 'geojson'));
    if (process.argv.includes('--quick')) {
      console.log(
        `target ≤ ${s(TARGET_MS)}: interactive median ${loaded.interactive <= TARGET_MS ? 'within' : 'OVER'}`,
      );
      return;
    }
    const centre = await cityCentre(baseUrl);
    const close: View = { label: 'zoom 14', query: `?map=14.00/${centre[1].toFixed(5)}/${centre[0].toFixed(5)}` };
    console.log(`\n${PARCELS} parcels, ${close.label} (${close.query}):`);
    reportSamples('  GeoJSON', await measure(browser, baseUrl, PARCELS, close, 'geojson'));
    reportSamples('  tiles', await measure(browser, baseUrl, PARCELS, close, 'tiles'));
    console.log(`\n${PARCELS} parcels, city view with tiles (parcel tiles from zoom 13 only):`);
    reportSamples('  tiles', await measure(browser, baseUrl, PARCELS, city, 'tiles'));

    if (baseline) {
      console.log(
        `\nratio ${PARCELS} / 0 parcels (medians): interactive map ×${(loaded.interactive / baseline.interactive).toFixed(2)}, ` +
          `parcels drawn ×${(loaded.parcelsDrawn / baseline.parcelsDrawn).toFixed(2)}`,
      );
    }
    console.log(
      `target ≤ ${s(TARGET_MS)} with ${PARCELS} parcels: interactive median ${loaded.interactive <= TARGET_MS ? 'within' : 'OVER'}, ` +
        `parcels drawn median ${loaded.parcelsDrawn <= TARGET_MS ? 'within' : 'OVER'}`,
    );
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
