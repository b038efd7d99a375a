/**
 * Section 6: two Tapak instances on one PostgreSQL database behind a small round-robin reverse proxy (written
 * here, loopback only). Checks that what must be shared is shared — sessions, login rate limits, token
 * revocation, optimistic locking, tiles — then runs the mixed load through the proxy and compares read
 * throughput with one and with two instances behind it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { secretHash } from '../../server/src/auth/secrets.ts';
import {
  bekasiCenter,
  importBoundariesInto,
  json,
  logIn,
  newParcel,
  percentile,
  type Result,
  type RunningServer,
  request,
  type ServerEnv,
  startServer,
} from './harness.ts';
import { tileAt } from './hostileAuth.ts';
import { type ConcurrencyResult, type Failure, type LoadRow, runConcurrency, runLoad } from './sections.ts';

const section = 'Scale-out';

export interface Proxy {
  port: number;
  /** Requests forwarded to each upstream (by its index in the list given at start). */
  served: number[];
  /** Upstream connection errors, answered 502. */
  upstreamErrors: number;
  /** Forward only to the first `count` upstreams from now on. */
  useFirst: (count: number) => void;
  resetCounts: () => void;
  close: () => Promise<void>;
}

/**
 * A round-robin HTTP reverse proxy: each request goes to the next upstream, body and answer streamed through
 * unchanged, plus an `x-tapak-instance` answer header naming the instance (for the figures, not for clients).
 */
export function startProxy(upstreamPorts: number[]): Promise<Proxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  let active = upstreamPorts.length;
  let next = 0;
  const state = { served: upstreamPorts.map(() => 0), upstreamErrors: 0 };
  const server = http.createServer((incoming, outgoing) => {
    const index = next % active;
    next += 1;
    state.served[index] = (state.served[index] ?? 0) + 1;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: upstreamPorts[index],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-tapak-instance': String(index) });
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      state.upstreamErrors += 1;
      if (outgoing.headersSent) {
        outgoing.destroy();
        return;
      }
      outgoing.writeHead(502, { 'content-type': 'application/problem+json' });
      outgoing.end(JSON.stringify({ type: 'urn:tapak:problem:bad-gateway', status: 502, detail: error.message }));
    });
    incoming.pipe(upstream);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        get served() {
          return state.served;
        },
        get upstreamErrors() {
          return state.upstreamErrors;
        },
        useFirst(count: number) {
          active = Math.max(1, Math.min(count, upstreamPorts.length));
        },
        resetCounts() {
          state.served = upstreamPorts.map(() => 0);
        },
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      } as Proxy);
    });
  });
}

export interface ScaleOutCheck {
  name: string;
  detail: string;
  held: boolean;
}

export interface ThroughputRow {
  label: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface ScaleOutResult {
  startedTogetherMs: number;
  checks: ScaleOutCheck[];
  /** Sequential failed logins alternating A, B: e.g. "A401 B401 … A429". */
  floodSequence: string;
  concurrentFlood: { attempts: number; statuses: Record<string, number>; allowedFailures: number; held: boolean };
  concurrency?: ConcurrencyResult;
  load?: LoadRow[];
  loadServed: number[];
  throughput: ThroughputRow[];
  proxyErrors: number;
  held: boolean;
}

const statusOf = (result: Result) => (result.error ? `0 (${result.error})` : String(result.status));

/** GETs of a bbox page for `seconds` with `clients` loops against `port`. */
async function readThroughput(
  port: number,
  label: string,
  seconds: number,
  clients: number,
  failures: Failure[],
): Promise<ThroughputRow> {
  const [lon, lat] = bekasiCenter;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i += 1) {
        const d = 0.005 + ((i + client) % 4) * 0.005;
        const res = await request(port, `/api/parcels?bbox=${lon - d},${lat - d},${lon + d},${lat + d}&limit=100`);
        if (res.status === 200) latencies.push(res.ms);
        else {
          errors += 1;
          if (errors <= 3)
            failures.push({
              section,
              what: `${label}: GET /api/parcels?bbox answered ${statusOf(res)}`,
              reproduction: label,
            });
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  return {
    label,
    requests: latencies.length,
    perSecond: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
  };
}

export async function runScaleOut(
  databaseUrl: string,
  target: ServerEnv,
  loadSeconds: number,
  failures: Failure[],
): Promise<ScaleOutResult> {
  // Migrates, imports the boundaries and creates the admin (with the run's token) once; then both instances
  // start at the same moment on the prepared database, as a rolling deploy or `docker compose up --scale` would.
  importBoundariesInto(target);
  const startedAt = performance.now();
  const settled = await Promise.allSettled([startServer(target), startServer(target)]);
  const startedTogetherMs = Math.round(performance.now() - startedAt);
  const servers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const startErrors = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 600)] : []));
  if (startErrors.length > 0) {
    await Promise.all(servers.map((s) => s.stop()));
    throw new Error(`starting two instances together failed: ${startErrors.join(' | ')}`);
  }
  const [a, b] = servers as [RunningServer, RunningServer];
  const proxy = await startProxy([a.port, b.port]);
  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  const checks: ScaleOutCheck[] = [];
  const check = (name: string, held: boolean, detail: string) => {
    checks.push({ name, held, detail });
    if (!held) failures.push({ section, what: `${name}: ${detail}`, reproduction: 'two instances on one database' });
  };
  try {
    // ---- sessions: created on A, used, ended and expired as seen from B
    const login = await logIn(a.port);
    if (!login.session)
      throw new Error(`login on A answered ${login.result.status} ${login.result.text.slice(0, 200)}`);
    const session = login.session;
    const whoOnB = await request(b.port, '/api/auth/session', { headers: { cookie: session.cookie } });
    const userOnB = (JSON.parse(whoOnB.text || '{}') as { user?: { username?: string } | null }).user?.username;
    const writeOnB = await json(b.port, 'POST', '/api/parcels', newParcel(1600, 'Sesi A di B'), {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
    });
    check(
      'session created on A works on B',
      whoOnB.status === 200 && userOnB !== undefined && writeOnB.status === 201,
      `GET /api/auth/session on B → ${statusOf(whoOnB)} user ${userOnB ?? 'none'}; POST /api/parcels on B with the cookie and CSRF token → ${statusOf(writeOnB)}`,
    );
    const noCsrfOnB = await json(b.port, 'POST', '/api/parcels', newParcel(1601, 'Tanpa CSRF'), {
      cookie: session.cookie,
    });
    check(
      'CSRF checked on B for a session of A',
      noCsrfOnB.status === 403,
      `POST without X-CSRF-Token on B → ${statusOf(noCsrfOnB)}`,
    );
    const logoutOnB = await request(b.port, '/api/auth/logout', {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    const afterLogoutOnA = await request(a.port, '/api/parcels?limit=1', { headers: { cookie: session.cookie } });
    check(
      'logout on B ends the session on A at once',
      logoutOnB.status === 204 && afterLogoutOnA.status === 401,
      `logout on B → ${statusOf(logoutOnB)}; the same cookie on A → ${statusOf(afterLogoutOnA)}`,
    );
    for (const [label, column, interval] of [
      ['past its maximum age', 'expires_at', "now() - interval '1 second'"],
      ['idle longer than allowed', 'last_seen_at', "now() - interval '3 hours'"],
    ] as const) {
      const fresh = await logIn(b.port);
      if (!fresh.session) throw new Error(`login on B answered ${fresh.result.status}`);
      const id = fresh.session.cookie.slice(fresh.session.cookie.indexOf('=') + 1);
      const before = await request(a.port, '/api/parcels?limit=1', { headers: { cookie: fresh.session.cookie } });
      // Ageing the row is the only way to expire a session without waiting hours; the column is chosen from
      // two literals above, the values are bound.
      await database.query(`UPDATE sessions SET ${column} = ${interval} WHERE id_hash = $1`, [secretHash(id)]);
      const afterOnA = await request(a.port, '/api/parcels?limit=1', { headers: { cookie: fresh.session.cookie } });
      const afterOnB = await json(b.port, 'POST', '/api/parcels', newParcel(1602, 'Sesi kedaluwarsa'), {
        cookie: fresh.session.cookie,
        'x-csrf-token': fresh.session.csrfToken,
      });
      check(
        `session ${label} is refused on both`,
        before.status === 200 && afterOnA.status === 401 && afterOnB.status === 401,
        `before: A → ${statusOf(before)}; after: GET on A → ${statusOf(afterOnA)}, POST on B → ${statusOf(afterOnB)}`,
      );
    }

    // ---- API token revoked on A, refused on B at once
    const me = JSON.parse((await request(a.port, '/api/auth/session')).text) as { user: { id: string } };
    const created = await json(a.port, 'POST', `/api/users/${me.user.id}/tokens`, { name: 'skala', read_only: false });
    const token = JSON.parse(created.text) as { id: string; token: string };
    const bearer = { authorization: `Bearer ${token.token}` };
    const beforeRevoke = await request(b.port, '/api/parcels?limit=1', { headers: bearer });
    const revoke = await request(a.port, `/api/tokens/${token.id}`, { method: 'DELETE' });
    const revokedAt = performance.now();
    const afterRevokeOnB = await request(b.port, '/api/parcels?limit=1', { headers: bearer });
    const refusedAfterMs = performance.now() - revokedAt;
    const writeAfterRevoke = await json(b.port, 'POST', '/api/parcels', newParcel(1603, 'Token dicabut'), bearer);
    check(
      'token revoked on A is refused on B at once',
      created.status === 201 &&
        beforeRevoke.status === 200 &&
        revoke.status === 200 &&
        afterRevokeOnB.status === 401 &&
        writeAfterRevoke.status === 401,
      `token on B before → ${statusOf(beforeRevoke)}; DELETE /api/tokens/:id on A → ${statusOf(revoke)}; the very next request on B (${refusedAfterMs.toFixed(0)} ms later) → ${statusOf(afterRevokeOnB)}, a POST → ${statusOf(writeAfterRevoke)}`,
    );

    // ---- tiles: the same tile is the same on both; a write on A shows on B at once (no per-instance cache)
    const tile = tileAt(bekasiCenter[0], bekasiCenter[1], 16);
    const tileA = await request(a.port, tile);
    const tileB = await request(b.port, tile);
    const placed = await json(a.port, 'POST', '/api/parcels', newParcel(820, 'Ubin'));
    const tileBAfter = await request(b.port, tile);
    check(
      'tiles agree across instances and follow a write at once',
      tileA.status === tileB.status &&
        tileA.headers.etag === tileB.headers.etag &&
        placed.status === 201 &&
        tileBAfter.status === 200 &&
        tileBAfter.headers.etag !== tileB.headers.etag,
      `tile on A → ${statusOf(tileA)} ${tileA.headers.etag ?? '(no etag)'}, on B → ${statusOf(tileB)} ${tileB.headers.etag ?? '(no etag)'}; after a POST on A (${statusOf(placed)}) B → ${statusOf(tileBAfter)} ${tileBAfter.headers.etag ?? '(no etag)'}`,
    );

    // ---- login rate limit counted across both: failures alternate between the instances
    await database.query('DELETE FROM rate_limit_buckets');
    const sequence: string[] = [];
    let sequenceHeld = true;
    for (let attempt = 1; attempt <= 14; attempt += 1) {
      const instance = attempt % 2 === 1 ? a : b;
      const res = await json(
        instance.port,
        'POST',
        '/api/auth/login',
        { username: 'penyerbu-skala', password: `tebakan-${attempt}` },
        {},
        true,
      );
      sequence.push(`${instance === a ? 'A' : 'B'}${statusOf(res)}`);
      if (res.status !== (attempt <= 10 ? 401 : 429)) sequenceHeld = false;
    }
    check(
      'the 11th failed login is refused (429) whichever instance gets it',
      sequenceHeld,
      `failed logins alternating A, B: ${sequence.join(' ')}`,
    );

    // ---- the same flood at once: 40 failed logins in parallel through the proxy
    await database.query('DELETE FROM rate_limit_buckets');
    const floodStatuses: Record<string, number> = {};
    const attempts = 40;
    await Promise.all(
      Array.from({ length: attempts }, async (_, i) => {
        const res = await json(
          proxy.port,
          'POST',
          '/api/auth/login',
          { username: 'penyerbu-serentak', password: `tebakan-${i}` },
          {},
          true,
        );
        floodStatuses[statusOf(res)] = (floodStatuses[statusOf(res)] ?? 0) + 1;
      }),
    );
    const allowedFailures = floodStatuses['401'] ?? 0;
    const floodHeld =
      allowedFailures <= 10 && Object.keys(floodStatuses).every((status) => status === '401' || status === '429');
    check(
      'a parallel login flood across both instances gets at most 10 tries',
      floodHeld,
      `${attempts} parallel failed logins through the proxy: ${JSON.stringify(floodStatuses)}`,
    );
    await database.query('DELETE FROM rate_limit_buckets');

    // ---- optimistic locking with writers spread over both instances
    proxy.resetCounts();
    const concurrency = await runConcurrency(
      proxy.port,
      20,
      Math.max(10, Math.round(loadSeconds / 3)),
      failures,
      section,
    );

    // ---- the mixed load of section 4 through the proxy
    proxy.resetCounts();
    const load = await runLoad(proxy.port, loadSeconds, 16, failures, section);
    const loadServed = [...proxy.served];

    // ---- read throughput: the same proxy with one upstream, then with two
    const throughputSeconds = Math.max(10, Math.round(loadSeconds / 3));
    proxy.useFirst(1);
    const one = await readThroughput(proxy.port, 'proxy → A only', throughputSeconds, 16, failures);
    proxy.useFirst(2);
    const two = await readThroughput(proxy.port, 'proxy → A and B', throughputSeconds, 16, failures);

    const loadErrors = load.reduce(
      (sum, row) =>
        sum +
        Object.entries(row.statuses)
          .filter(([status]) => Number(status) >= 500 || status === '0')
          .reduce((t, [, n]) => t + n, 0),
      0,
    );
    const result: ScaleOutResult = {
      startedTogetherMs,
      checks,
      floodSequence: sequence.join(' '),
      concurrentFlood: { attempts, statuses: floodStatuses, allowedFailures, held: floodHeld },
      concurrency,
      load,
      loadServed,
      throughput: [one, two],
      proxyErrors: proxy.upstreamErrors,
      held:
        checks.every((c) => c.held) &&
        concurrency.held &&
        loadErrors === 0 &&
        proxy.upstreamErrors === 0 &&
        one.errors + two.errors === 0 &&
        !a.exited() &&
        !b.exited(),
    };
    if (a.exited() || b.exited())
      failures.push({
        section,
        what: `an instance exited: A ${a.exitInfo() || 'alive'}, B ${b.exitInfo() || 'alive'}`,
        reproduction: 'the scale-out run',
      });
    return result;
  } finally {
    await database.end();
    await proxy.close();
    await Promise.all([a.stop(), b.stop()]);
  }
}
