/** Sections 2–5: concurrency (lost updates), crash safety, load, and the database going away. */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import {
  bekasiCenter,
  importBoundariesInto,
  isProblemJson,
  json,
  newParcel,
  percentile,
  pool,
  type RunningServer,
  request,
  type ServerEnv,
  sleep,
  startServer,
} from './harness.ts';

export interface Failure {
  section: string;
  what: string;
  reproduction: string;
}

// ---------------------------------------------------------------- 2. concurrency

export interface ConcurrencyResult {
  clients: number;
  seconds: number;
  attempts: number;
  ok200: number;
  stale412: number;
  other: Record<string, number>;
  finalVersion: number;
  expectedVersion: number;
  notesMatchAWinner: boolean;
  held: boolean;
}

export async function runConcurrency(
  port: number,
  clients: number,
  seconds: number,
  failures: Failure[],
  section = 'Concurrency',
) {
  const created = await json(port, 'POST', '/api/parcels', newParcel(1400, 'Rebutan'));
  if (created.status !== 201) throw new Error(`could not create the contested parcel: ${created.status}`);
  const id = (JSON.parse(created.text) as { id: string }).id;
  const winners = new Set<string>();
  const other: Record<string, number> = {};
  let ok200 = 0;
  let stale412 = 0;
  let attempts = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < 100_000 && Date.now() < end; i++) {
        const read = await request(port, `/api/parcels/${id}`);
        if (read.status !== 200) {
          other[`GET ${read.status}`] = (other[`GET ${read.status}`] ?? 0) + 1;
          continue;
        }
        const notes = `klien ${client} tulisan ${i}`;
        attempts += 1;
        const write = await json(
          port,
          'PATCH',
          `/api/parcels/${id}`,
          { properties: { notes } },
          {
            'if-match': String(read.headers.etag),
          },
        );
        if (write.status === 200) {
          ok200 += 1;
          winners.add(notes);
        } else if (write.status === 412) stale412 += 1;
        else {
          other[`PATCH ${write.status}`] = (other[`PATCH ${write.status}`] ?? 0) + 1;
          if (write.status >= 500)
            failures.push({
              section,
              what: `PATCH answered ${write.status}: ${write.text.slice(0, 200)}`,
              reproduction: `20 clients: GET /api/parcels/${'{id}'} then PATCH {"properties":{"notes":"…"}} with If-Match`,
            });
        }
      }
    }),
  );
  const final = JSON.parse((await request(port, `/api/parcels/${id}`)).text) as {
    properties: { version: number; notes: string };
  };
  const result: ConcurrencyResult = {
    clients,
    seconds,
    attempts,
    ok200,
    stale412,
    other,
    finalVersion: final.properties.version,
    expectedVersion: ok200 + 1,
    notesMatchAWinner: winners.has(final.properties.notes),
    held: final.properties.version === ok200 + 1 && winners.has(final.properties.notes),
  };
  if (!result.held)
    failures.push({
      section,
      what: `lost update: final version ${result.finalVersion}, expected ${result.expectedVersion} (200s + 1); notes of a winner: ${result.notesMatchAWinner}`,
      reproduction: `${clients} clients × ${seconds} s of GET + PATCH with If-Match on one parcel`,
    });
  return result;
}

// ---------------------------------------------------------------- 3. crash safety

export interface CrashResult {
  engine: string;
  fired: number;
  acknowledged: number;
  errorsBeforeKill: number;
  killedAfterMs: number;
  storedAfterRestart: number;
  missingAcknowledged: number;
  halfWritten: number;
  restartMs: number;
  held: boolean;
  note?: string;
}

interface StoredFeature {
  id: string;
  properties: { area_m2: number; checks: unknown[]; kelurahan_kode: string | null };
}

export async function runCrash(
  engine: string,
  target: ServerEnv,
  total: number,
  concurrency: number,
  failures: Failure[],
): Promise<CrashResult> {
  importBoundariesInto(target);
  const server = await startServer(target);
  const acknowledged: string[] = [];
  let errors = 0;
  let fired = 0;
  let killed = false;
  const started = Date.now();
  let killedAfterMs = 0;
  // Kill once roughly 40 % of the requests have been acknowledged, or after 60 s at the latest.
  const killAt = Math.floor(total * 0.4);
  const killer = (async () => {
    while (!killed && Date.now() - started < 60_000) {
      if (acknowledged.length >= killAt) break;
      await sleep(20);
    }
    killedAfterMs = Date.now() - started;
    killed = true;
    await server.kill9();
  })();
  await pool(
    total,
    concurrency,
    async (i) => {
      fired += 1;
      const res = await json(server.port, 'POST', '/api/parcels', newParcel(i, `Crash ${engine} ${i}`));
      if (res.status === 201) acknowledged.push((JSON.parse(res.text) as { id: string }).id);
      else if (!killed) errors += 1;
    },
    () => killed,
  );
  await killer;
  const restartStarted = Date.now();
  let restarted: RunningServer | undefined;
  try {
    restarted = await startServer(target);
  } catch (error) {
    failures.push({
      section: 'Crash safety',
      what: `${engine}: the server did not restart after kill -9: ${String(error).slice(0, 400)}`,
      reproduction: `POST /api/parcels × ${total} at concurrency ${concurrency}, kill -9 after ${killedAfterMs} ms, restart on the same ${target.dataDir ? 'TAPAK_DATA_DIR' : 'DATABASE_URL'}`,
    });
    return {
      engine,
      fired,
      acknowledged: acknowledged.length,
      errorsBeforeKill: errors,
      killedAfterMs,
      storedAfterRestart: 0,
      missingAcknowledged: acknowledged.length,
      halfWritten: 0,
      restartMs: Date.now() - restartStarted,
      held: false,
      note: 'restart failed',
    };
  }
  const restartMs = Date.now() - restartStarted;
  try {
    const list = await request(restarted.port, '/api/parcels?limit=10000');
    const features = (JSON.parse(list.text) as { features: StoredFeature[] }).features;
    const stored = new Set(features.map((f) => f.id));
    const missing = acknowledged.filter((id) => !stored.has(id));
    const half = features.filter(
      (f) => !(f.properties.area_m2 > 0) || f.properties.checks.length === 0 || !f.properties.kelurahan_kode,
    );
    // Each acknowledged one must also answer on its own.
    let missingSingly = 0;
    for (const id of missing.slice(0, 20)) {
      if ((await request(restarted.port, `/api/parcels/${id}`)).status !== 200) missingSingly += 1;
    }
    const result: CrashResult = {
      engine,
      fired,
      acknowledged: acknowledged.length,
      errorsBeforeKill: errors,
      killedAfterMs,
      storedAfterRestart: features.length,
      missingAcknowledged: missing.length,
      halfWritten: half.length,
      restartMs,
      held: missing.length === 0 && half.length === 0,
    };
    if (missing.length > 0)
      failures.push({
        section: 'Crash safety',
        what: `${engine}: ${missing.length} of ${acknowledged.length} acknowledged (201) parcels are gone after kill -9 and restart (${missingSingly} of the first ${Math.min(20, missing.length)} checked singly also 404), e.g. ${missing.slice(0, 3).join(', ')}`,
        reproduction: `start the server, POST /api/parcels × ${total} at concurrency ${concurrency}, kill -9 after ${killedAfterMs} ms, restart on the same data, GET /api/parcels/<acknowledged id>`,
      });
    if (half.length > 0)
      failures.push({
        section: 'Crash safety',
        what: `${engine}: ${half.length} half-written parcels after restart, e.g. ${half[0]?.id}`,
        reproduction: `as above; GET /api/parcels?limit=10000 and look for area_m2 <= 0, empty checks or no kelurahan`,
      });
    return result;
  } finally {
    await restarted.stop();
  }
}

// ---------------------------------------------------------------- 4. load

export interface LoadRow {
  route: string;
  count: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** The first answer that was not a 2xx, shortened. */
  firstNon2xx: string;
}

export async function runLoad(
  port: number,
  seconds: number,
  concurrency: number,
  failures: Failure[],
  section = 'Load',
) {
  const latencies = new Map<string, number[]>();
  const statuses = new Map<string, Record<string, number>>();
  const samples = new Map<string, string>();
  const record = (route: string, status: number, ms: number, detail: string, text = '', error?: string) => {
    if ((status < 200 || status >= 300) && !samples.has(route))
      samples.set(route, `${status} ${status === 0 ? `(${error ?? 'no answer'}) ` : ''}${text.slice(0, 160)}`);
    const list = latencies.get(route) ?? [];
    list.push(ms);
    latencies.set(route, list);
    const counts = statuses.get(route) ?? {};
    counts[String(status)] = (counts[String(status)] ?? 0) + 1;
    statuses.set(route, counts);
    if ((status >= 500 || status === 0) && failures.filter((f) => f.section === section).length < 10)
      failures.push({ section, what: `${route} answered ${status}`, reproduction: detail });
  };
  const end = Date.now() + seconds * 1000;
  const [lon, lat] = bekasiCenter;
  let parcelIndex = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const mine: Array<{ id: string; etag: string }> = [];
      for (let i = 0; i < 1_000_000 && Date.now() < end; i++) {
        const pick = (i * 7 + worker * 3) % 10;
        if (pick < 3) {
          const res = await request(port, '/api/kelurahan');
          record('GET /api/kelurahan', res.status, res.ms, 'GET /api/kelurahan', res.text, res.error);
        } else if (pick < 6) {
          const d = 0.005 + (i % 5) * 0.005;
          const path = `/api/parcels?bbox=${lon - d},${lat - d},${lon + d},${lat + d}&limit=200`;
          const res = await request(port, path);
          record('GET /api/parcels?bbox', res.status, res.ms, `GET ${path}`, res.text, res.error);
        } else if (pick < 7) {
          const res = await request(port, '/api/coverage');
          record('GET /api/coverage', res.status, res.ms, 'GET /api/coverage', res.text, res.error);
        } else if (pick < 9 || mine.length === 0) {
          parcelIndex += 1;
          const body = newParcel(200 + (parcelIndex % 1200), `Beban ${worker}-${i}`);
          const res = await json(port, 'POST', '/api/parcels', body);
          record(
            'POST /api/parcels',
            res.status,
            res.ms,
            `POST /api/parcels ${JSON.stringify(body).slice(0, 200)}`,
            res.text,
            res.error,
          );
          if (res.status === 201)
            mine.push({ id: (JSON.parse(res.text) as { id: string }).id, etag: String(res.headers.etag) });
        } else {
          const target = mine[i % mine.length];
          if (!target) continue;
          const res = await json(
            port,
            'PATCH',
            `/api/parcels/${target.id}`,
            { properties: { notes: `beban ${i}` } },
            {
              'if-match': target.etag,
            },
          );
          record('PATCH /api/parcels/:id', res.status, res.ms, `PATCH /api/parcels/${target.id}`, res.text, res.error);
          if (res.status === 200) target.etag = String(res.headers.etag);
        }
      }
    }),
  );
  const rows: LoadRow[] = [...latencies.entries()].map(([route, list]) => ({
    route,
    count: list.length,
    p50: percentile(list, 50),
    p99: percentile(list, 99),
    statuses: statuses.get(route) ?? {},
    firstNon2xx: samples.get(route) ?? '',
  }));
  return rows;
}

// ---------------------------------------------------------------- 5. database away

export interface DbAwayResult {
  requests: number;
  ok: number;
  errorStatuses: Record<string, number>;
  errorsWithoutProblemJson: number;
  terminatedBackends: number;
  firstErrorAfterKillMs: number | null;
  recoveredAfterMs: number | null;
  serverAlive: boolean;
  held: boolean;
}

export async function runDbAway(
  adminUrl: string,
  scratch: string,
  target: ServerEnv,
  failures: Failure[],
): Promise<DbAwayResult> {
  importBoundariesInto(target);
  const server = await startServer(target);
  try {
    const errorStatuses: Record<string, number> = {};
    let ok = 0;
    let requests = 0;
    let withoutProblem = 0;
    let killTime = 0;
    let firstErrorAfter: number | null = null;
    let lastErrorAt = 0;
    let terminated = 0;
    const end = Date.now() + 20_000;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const killer = (async () => {
      await sleep(5000);
      killTime = Date.now();
      const res = await admin.query(
        'SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [scratch],
      );
      terminated = res.rowCount ?? 0;
    })();
    await Promise.all(
      Array.from({ length: 8 }, async (_, worker) => {
        for (let i = 0; i < 100_000 && Date.now() < end; i++) {
          const res =
            i % 3 === 0
              ? await json(
                  server.port,
                  'POST',
                  '/api/parcels',
                  newParcel(300 + ((worker * 97 + i) % 900), `DB pergi ${i}`),
                )
              : await request(server.port, '/api/parcels?limit=5');
          requests += 1;
          if (res.status >= 200 && res.status < 300) ok += 1;
          else {
            errorStatuses[String(res.status)] = (errorStatuses[String(res.status)] ?? 0) + 1;
            if (res.status >= 400 && !isProblemJson(res)) withoutProblem += 1;
            if (killTime && firstErrorAfter === null) firstErrorAfter = Date.now() - killTime;
            lastErrorAt = Date.now();
          }
          await sleep(5);
        }
      }),
    );
    await killer;
    await admin.end();
    // Recovery: the last error before a run of successes; then a fresh probe of reads and writes.
    const probeRead = await request(server.port, '/api/parcels?limit=5');
    const probeWrite = await json(server.port, 'POST', '/api/parcels', newParcel(1390, 'DB kembali'));
    const recovered = probeRead.status === 200 && probeWrite.status === 201;
    const result: DbAwayResult = {
      requests,
      ok,
      errorStatuses,
      errorsWithoutProblemJson: withoutProblem,
      terminatedBackends: terminated,
      firstErrorAfterKillMs: firstErrorAfter,
      recoveredAfterMs: recovered ? (lastErrorAt ? Math.max(0, lastErrorAt - killTime) : 0) : null,
      serverAlive: !server.exited(),
      held: recovered && !server.exited() && withoutProblem === 0,
    };
    if (!result.serverAlive)
      failures.push({
        section: 'Database away',
        what: `the server process exited (${server.exitInfo()}) after pg_terminate_backend: ${server.log().slice(-600)}`,
        reproduction: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '<db>' while requests run`,
      });
    else if (!recovered)
      failures.push({
        section: 'Database away',
        what: `no recovery without a restart: after the run GET /api/parcels → ${probeRead.status}, POST → ${probeWrite.status} ${probeWrite.text.slice(0, 200)}`,
        reproduction: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '<db>' while requests run`,
      });
    if (withoutProblem > 0)
      failures.push({
        section: 'Database away',
        what: `${withoutProblem} error answers were not problem+json`,
        reproduction: 'as above',
      });
    return result;
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------- 5b. PostgreSQL stopped and started again

export interface DbStoppedResult {
  clients: number;
  seconds: number;
  downMs: number;
  requests: number;
  ok: number;
  /** Answers while PostgreSQL was down (and in flight when it went), by status. */
  statusesWhileDown: Record<string, number>;
  /** Error answers of the whole run, by status. */
  errorStatuses: Record<string, number>;
  errorsWithoutProblemJson: number;
  /** Error answers that were not 503 (the promise is a clear 503 while the database is away). */
  errorsNot503: number;
  firstErrorAfterStopMs: number | null;
  /** From `pg_ctl start` returning to the first 2xx answer after it. */
  recoveredAfterStartMs: number | null;
  firstNon503: string;
  serverAlive: boolean;
  held: boolean;
}

/**
 * The whole PostgreSQL server (a private one, see privatePostgres.ts) is stopped with `pg_ctl stop -m fast`
 * while 8 clients read and write, stays down for `downMs`, and is started again; Tapak is not restarted.
 */
export async function runDbStopped(
  postgres: { url: string; stop: (mode?: 'fast' | 'immediate') => void; start: () => void },
  failures: Failure[],
  options: { seconds: number; stopAfterMs: number; downMs: number; clients: number },
): Promise<DbStoppedResult> {
  const target = { databaseUrl: postgres.url };
  importBoundariesInto(target);
  const server = await startServer(target);
  // Every 5xx is logged with its error (503s too, thousands of them): keep the lines of the other errors
  // as they pass, before the bounded log drops them.
  const unexpected: string[] = [];
  const known = /ECONNREFUSED|57P0[123]|terminating connection|Connection terminated|Timeout acquiring|shutting down/;
  server.child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n'))
      if (line.includes('"level":50') && !known.test(line) && unexpected.length < 20)
        unexpected.push(line.slice(0, 3000));
  });
  try {
    const errorStatuses: Record<string, number> = {};
    const statusesWhileDown: Record<string, number> = {};
    let ok = 0;
    let requests = 0;
    let withoutProblem = 0;
    let not503 = 0;
    let firstNon503 = '';
    let stoppedAt = 0;
    let startedAt = 0;
    let down = false;
    let firstErrorAfterStop: number | null = null;
    let firstOkAfterStart: number | null = null;
    const end = Date.now() + options.seconds * 1000;
    const controller = (async () => {
      await sleep(options.stopAfterMs);
      down = true;
      stoppedAt = Date.now();
      postgres.stop('fast');
      await sleep(options.downMs);
      postgres.start();
      startedAt = Date.now();
      down = false;
    })();
    await Promise.all(
      Array.from({ length: options.clients }, async (_, worker) => {
        for (let i = 0; i < 100_000 && Date.now() < end; i++) {
          const wasDown = down;
          const res =
            i % 3 === 0
              ? await json(
                  server.port,
                  'POST',
                  '/api/parcels',
                  newParcel(300 + ((worker * 97 + i) % 900), `PG berhenti ${i}`),
                )
              : await request(server.port, i % 3 === 1 ? '/api/parcels?limit=5' : '/api/coverage', {
                  timeoutMs: 30_000,
                });
          requests += 1;
          if (wasDown || down) statusesWhileDown[String(res.status)] = (statusesWhileDown[String(res.status)] ?? 0) + 1;
          if (res.status >= 200 && res.status < 300) {
            ok += 1;
            if (startedAt && firstOkAfterStart === null && !down) firstOkAfterStart = Date.now() - startedAt;
          } else {
            errorStatuses[String(res.status)] = (errorStatuses[String(res.status)] ?? 0) + 1;
            if (res.status >= 400 && !isProblemJson(res)) withoutProblem += 1;
            if (res.status !== 503) {
              not503 += 1;
              if (!firstNon503)
                firstNon503 = `${i % 3 === 0 ? 'POST /api/parcels' : i % 3 === 1 ? 'GET /api/parcels' : 'GET /api/coverage'} → ${res.status} ${res.error ?? ''} ${res.text.slice(0, 160)}`;
            }
            if (stoppedAt && firstErrorAfterStop === null) firstErrorAfterStop = Date.now() - stoppedAt;
          }
          await sleep(5);
        }
      }),
    );
    await controller;
    const probeRead = await request(server.port, '/api/parcels?limit=5');
    const probeWrite = await json(server.port, 'POST', '/api/parcels', newParcel(1391, 'PG kembali'));
    const recovered = probeRead.status === 200 && probeWrite.status === 201;
    const result: DbStoppedResult = {
      clients: options.clients,
      seconds: options.seconds,
      downMs: options.downMs,
      requests,
      ok,
      statusesWhileDown,
      errorStatuses,
      errorsWithoutProblemJson: withoutProblem,
      errorsNot503: not503,
      firstErrorAfterStopMs: firstErrorAfterStop,
      recoveredAfterStartMs: recovered ? firstOkAfterStart : null,
      firstNon503,
      serverAlive: !server.exited(),
      held: recovered && !server.exited() && withoutProblem === 0 && not503 === 0,
    };
    const reproduction = `8 clients read and POST; pg_ctl stop -m fast after ${options.stopAfterMs} ms, start again ${options.downMs} ms later`;
    if (!result.serverAlive)
      failures.push({
        section: 'Database stopped',
        what: `the server process exited (${server.exitInfo()}) when PostgreSQL stopped: ${server.log().slice(-600)}`,
        reproduction,
      });
    else if (!recovered)
      failures.push({
        section: 'Database stopped',
        what: `no recovery without a restart: GET /api/parcels → ${probeRead.status}, POST → ${probeWrite.status} ${probeWrite.text.slice(0, 200)}`,
        reproduction,
      });
    if (withoutProblem > 0)
      failures.push({
        section: 'Database stopped',
        what: `${withoutProblem} error answers were not problem+json`,
        reproduction,
      });
    // The server logs each 5xx with its error (LOG_LEVEL=warn): the cause of a non-503 is there.
    const logged = [...server.log().matchAll(/"type":"([^"]*)","message":"([^"]{0,300})/g)]
      .map((m) => `${m[1]}: ${m[2]}`)
      .filter((line, i, all) => all.indexOf(line) === i)
      .slice(0, 5);
    if (not503 > 0) {
      const logFile = `${os.tmpdir()}/tapak-reliability-db-stopped-${process.pid}.log`;
      fs.writeFileSync(logFile, `${unexpected.join('\n')}\n---- last part of the log\n${server.log()}`);
      logged.push(`whole server log: ${logFile}`);
    }
    if (not503 > 0)
      failures.push({
        section: 'Database stopped',
        what: `${not503} error answers were not 503 (${JSON.stringify(errorStatuses)}), first: ${firstNon503}; errors in the server log: ${logged.join(' | ')}`,
        reproduction,
      });
    return result;
  } finally {
    await server.stop();
  }
}
