/**
 * Reliability run of the Tapak API (not part of `npm test`): hostile input, concurrent writers, kill -9
 * crash safety, mixed load and (on PostgreSQL) the database going away. Prints counts and writes
 * RELIABILITY.md at the repository root.
 *
 *   npx tsx scripts/reliability/index.ts [--quick]
 *
 * PostgreSQL parts run when TAPAK_RELIABILITY_DATABASE_URL names a maintenance database on 127.0.0.1
 * (e.g. postgres://postgres@127.0.0.1:5432/postgres); scratch databases are created and dropped.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  adminToken,
  importBoundariesInto,
  json,
  machine,
  newParcel,
  repoRoot,
  request,
  startServer,
  tempDataDir,
} from './harness.ts';
import { type HostileFailure, type HostileOutcome, runHostile } from './hostile.ts';
import { loginFloodAttempts, prepareAuthContext } from './hostileAuth.ts';
import { prepareRouteContext } from './hostileRoutes.ts';
import { postgresBinDir, startPrivatePostgres } from './privatePostgres.ts';
import { runScaleOut, type ScaleOutResult } from './scaleOut.ts';
import {
  type ConcurrencyResult,
  type CrashResult,
  type DbAwayResult,
  type DbStoppedResult,
  type Failure,
  type LoadRow,
  runConcurrency,
  runCrash,
  runDbAway,
  runDbStopped,
  runLoad,
} from './sections.ts';

const quick = process.argv.includes('--quick');
// `--only hostile,scaleout`: run some sections while working on them (the report then says which ran).
const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : null;
const wanted = (name: 'hostile' | 'concurrency' | 'crash' | 'load' | 'away' | 'scaleout') =>
  !only || only.has(name) || (name === 'hostile' && only.has('auth'));
const adminUrl = process.env.TAPAK_RELIABILITY_DATABASE_URL;
const failures: Failure[] = [];
const notes: string[] = [];

function section(name: string, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  failures.push({
    section: name,
    what: `the section could not finish: ${message.slice(0, 1500)}`,
    reproduction: 'run the script',
  });
  console.error(`[${name}] ${message}`);
}

function databaseUrlFor(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withScratchDatabase<T>(label: string, run: (url: string, name: string) => Promise<T>): Promise<T> {
  if (!adminUrl) throw new Error('no TAPAK_RELIABILITY_DATABASE_URL');
  const host = new URL(adminUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`refusing a non-loopback database host ${host}`);
  const name = `tapak_reliability_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  try {
    return await run(databaseUrlFor(adminUrl, name), name);
  } finally {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/`/g, "'");

async function main() {
  const startedAt = new Date();
  const loadAtStart = os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' / ');
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  // The code that ran is the commit plus whatever was not committed yet in the parts that decide the outcome.
  const uncommitted = execFileSync(
    'git',
    ['status', '--porcelain', '--', 'core', 'server', 'migrations', 'scripts/reliability', 'package.json'],
    { cwd: repoRoot, encoding: 'utf8' },
  )
    .split('\n')
    .map((line) => line.slice(3).trim())
    .filter(Boolean);
  let hostile: { outcomes: HostileOutcome[]; failures: HostileFailure[]; total: number; csvCheck: string } | undefined;
  let concurrency: ConcurrencyResult | undefined;
  const crashes: CrashResult[] = [];
  let load: LoadRow[] | undefined;
  const loadSeconds = quick ? 10 : 60;
  let dbAway: DbAwayResult | undefined;
  let dbStopped: DbStoppedResult | undefined;
  let scaleOut: ScaleOutResult | undefined;

  // Sections 1, 2, 4 on one embedded server.
  const dataDir = wanted('hostile') || wanted('concurrency') || wanted('load') ? tempDataDir('main') : '';
  if (dataDir)
    try {
      console.log('Preparing the embedded database (boundaries of Kota Bekasi)…');
      importBoundariesInto({ dataDir });
      const server = await startServer({ dataDir });
      try {
        const seeded = await json(server.port, 'POST', '/api/parcels', newParcel(1399, 'Sasaran PATCH'));
        if (seeded.status !== 201)
          throw new Error(`could not create the PATCH target: ${seeded.status} ${seeded.text}`);
        const targetId = (JSON.parse(seeded.text) as { id: string }).id;
        for (let i = 0; i < 3; i++) await json(server.port, 'POST', '/api/parcels', newParcel(1380 + i, `Ekspor ${i}`));
        const shp = await request(server.port, '/api/export/parcels.shp.zip');
        if (shp.status !== 200) throw new Error(`shapefile export answered ${shp.status}`);
        const shapefileZip = await fetchBinary(server.port, '/api/export/parcels.shp.zip');

        console.log('1. Hostile input…');
        if (wanted('hostile'))
          try {
            const auth = await prepareAuthContext(server.port);
            const routes = await prepareRouteContext(server.port);
            hostile = await runHostile(
              { port: server.port, targetId, shapefileZip, auth, routes },
              () => !server.exited(),
              server.log,
              // `--only auth`: just the authentication cases of the corpus.
              only?.has('auth') && !only.has('hostile') ? (route) => route.startsWith('Auth:') : undefined,
            );
            if (server.exited())
              failures.push({
                section: 'Hostile input',
                what: `the server process died (${server.exitInfo()}): ${server.log().slice(-800)}`,
                reproduction: `see the last hostile request in the table`,
              });
          } catch (error) {
            section('Hostile input', error);
          }
        if (!server.exited()) {
          console.log('2. Concurrency…');
          if (wanted('concurrency'))
            try {
              concurrency = await runConcurrency(server.port, 20, quick ? 10 : 30, failures);
            } catch (error) {
              section('Concurrency', error);
            }
          console.log('4. Load…');
          if (wanted('load'))
            try {
              load = await runLoad(server.port, loadSeconds, 16, failures);
              if (server.exited())
                failures.push({
                  section: 'Load',
                  what: `the server process exited during the load (${server.exitInfo()}): ${server.log().slice(-1500)}`,
                  reproduction: `${loadSeconds} s of the mixed load, 16 clients`,
                });
            } catch (error) {
              section('Load', error);
            }
        }
      } finally {
        await server.stop();
      }
    } catch (error) {
      section('Setup', error);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }

  console.log('3. Crash safety (embedded)…');
  if (wanted('crash')) {
    const crashDir = tempDataDir('crash');
    try {
      crashes.push(await runCrash('PGlite (embedded)', { dataDir: crashDir }, 1000, 32, failures));
    } catch (error) {
      section('Crash safety (embedded)', error);
    } finally {
      fs.rmSync(crashDir, { recursive: true, force: true });
    }
  }

  if (adminUrl) {
    console.log('3. Crash safety (PostgreSQL)…');
    if (wanted('crash'))
      try {
        crashes.push(
          await withScratchDatabase('crash', (url) => runCrash('PostgreSQL', { databaseUrl: url }, 1000, 32, failures)),
        );
      } catch (error) {
        section('Crash safety (PostgreSQL)', error);
      }
    console.log('5. Database away (PostgreSQL)…');
    if (wanted('away'))
      try {
        dbAway = await withScratchDatabase('away', (url, name) =>
          runDbAway(adminUrl, name, { databaseUrl: url }, failures),
        );
      } catch (error) {
        section('Database away', error);
      }
    console.log('5. Database stopped (a private PostgreSQL)…');
    if (wanted('away')) {
      if (!postgresBinDir())
        notes.push('No PostgreSQL binaries (TAPAK_PG_BIN): the "PostgreSQL stopped" part of section 5 was skipped.');
      else
        try {
          const postgres = await startPrivatePostgres();
          try {
            dbStopped = await runDbStopped(postgres, failures, {
              seconds: quick ? 25 : 40,
              stopAfterMs: 5000,
              downMs: quick ? 6000 : 12_000,
              clients: 8,
            });
          } finally {
            postgres.destroy();
          }
        } catch (error) {
          section('Database stopped', error);
        }
    }
    console.log('6. Scale-out (two instances, PostgreSQL)…');
    if (wanted('scaleout'))
      try {
        scaleOut = await withScratchDatabase('scale', (url) =>
          runScaleOut(url, { databaseUrl: url }, loadSeconds, failures),
        );
      } catch (error) {
        section('Scale-out', error);
      }
  } else
    notes.push(
      'TAPAK_RELIABILITY_DATABASE_URL was not set: the PostgreSQL crash test and sections 5 and 6 were skipped.',
    );

  // ---- counts
  const counts: Array<[string, number, number, number]> = [];
  if (hostile) {
    const tried = hostile.outcomes.reduce((s, o) => s + o.tried, 0);
    const held = hostile.outcomes.reduce((s, o) => s + o.held, 0);
    counts.push(['1. Hostile input', tried + 1, held + (hostile.csvCheck === 'ok' ? 1 : 0), hostile.failures.length]);
  }
  if (concurrency) counts.push(['2. Concurrency', 1, concurrency.held ? 1 : 0, concurrency.held ? 0 : 1]);
  for (const c of crashes) counts.push([`3. Crash safety, ${c.engine}`, 1, c.held ? 1 : 0, c.held ? 0 : 1]);
  if (load) {
    const total = load.reduce((s, r) => s + r.count, 0);
    const bad = load.reduce(
      (s, r) =>
        s +
        Object.entries(r.statuses)
          .filter(([k]) => Number(k) >= 500 || k === '0')
          .reduce((t, [, n]) => t + n, 0),
      0,
    );
    counts.push(['4. Load (requests)', total, total - bad, bad]);
  }
  if (dbAway) counts.push(['5. Database away: backends ended', 1, dbAway.held ? 1 : 0, dbAway.held ? 0 : 1]);
  if (dbStopped) {
    counts.push(['5. Database away: PostgreSQL stopped', 1, dbStopped.held ? 1 : 0, dbStopped.held ? 0 : 1]);
    const errors = Object.values(dbStopped.errorStatuses).reduce((s, n) => s + n, 0);
    counts.push([
      '5. Database away: error answers while stopped (clear 503 problem+json)',
      errors,
      errors - Math.max(dbStopped.errorsNot503, dbStopped.errorsWithoutProblemJson),
      Math.max(dbStopped.errorsNot503, dbStopped.errorsWithoutProblemJson),
    ]);
  }
  if (scaleOut) {
    const checks = scaleOut.checks.length + 1;
    const held = scaleOut.checks.filter((c) => c.held).length + (scaleOut.concurrency?.held ? 1 : 0);
    counts.push(['6. Scale-out (checks)', checks, held, checks - held]);
    const total = (scaleOut.load ?? []).reduce((s, r) => s + r.count, 0);
    const bad = (scaleOut.load ?? []).reduce(
      (s, r) =>
        s +
        Object.entries(r.statuses)
          .filter(([k]) => Number(k) >= 500 || k === '0')
          .reduce((t, [, n]) => t + n, 0),
      0,
    );
    counts.push(['6. Scale-out load through the proxy (requests)', total, total - bad, bad]);
  }
  console.log('\nsection | tried | held | failed');
  for (const [name, tried, held, failed] of counts) console.log(`${name} | ${tried} | ${held} | ${failed}`);
  for (const f of hostile?.failures ?? []) console.log(`FAIL hostile ${f.route} ${f.label}: ${f.problem}`);
  for (const f of failures) console.log(`FAIL ${f.section}: ${f.what}`);

  // ---- RELIABILITY.md
  const lines: string[] = [];
  lines.push('# Reliability', '');
  lines.push(
    `Generated by \`npx tsx scripts/reliability/index.ts${quick ? ' --quick' : ''}\` (not part of \`npm test\`).`,
    '',
  );
  lines.push(`- Machine: ${machine()}`);
  lines.push(
    `- Date: ${startedAt.toISOString()} (took ${Math.round((Date.now() - startedAt.getTime()) / 60_000)} min)`,
  );
  lines.push(
    `- Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ')} — other work shares this machine's ${os.cpus().length} cores, so latencies are inflated`,
  );
  lines.push(
    `- Commit: ${commit}${uncommitted.length > 0 ? ` with uncommitted changes in ${uncommitted.map((f) => `\`${f}\``).join(', ')}` : ''}`,
  );
  lines.push(
    `- Mode: ${quick ? '--quick' : 'full'}; PostgreSQL: ${adminUrl ? 'scratch databases on the given server' : 'not tested'}`,
  );
  if (only) lines.push(`- Only these sections were run: ${[...only].join(', ')}`);
  for (const note of notes) lines.push(`- ${note}`);
  lines.push('', '## Summary', '', '| section | tried | held | failed |', '|---|---:|---:|---:|');
  for (const [name, tried, held, failed] of counts) lines.push(`| ${name} | ${tried} | ${held} | ${failed} |`);
  lines.push(
    '',
    '"Tried" is what the section attempted (requests, or one scenario), "held" what kept the promise, "failed" what',
    'broke it. Nothing lost = every failed count 0.',
    '',
    '## How to run',
    '',
    '```sh',
    'TAPAK_RELIABILITY_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run reliability   # full: 60 s load',
    'npm run reliability -- --quick                      # 10 s load, shorter phases',
    'npm run reliability -- --only hostile,away          # some sections (hostile, auth, concurrency, crash, load, away, scaleout)',
    '```',
    '',
    'Without `TAPAK_RELIABILITY_DATABASE_URL` only the embedded engine is tested. With it, the run creates and drops',
    'scratch databases `tapak_reliability_*` on that (loopback) server and never stops it; the "PostgreSQL stopped"',
    'part starts a private PostgreSQL of its own with the binaries in `/usr/lib/postgresql/15/bin` (or',
    '`TAPAK_PG_BIN`; as root it runs as the `postgres` account) and stops and starts only that one. The run',
    'overwrites this file. Servers run with `TAPAK_OFFLINE=1` and the boundaries of Kota Bekasi from',
    '`../shared/data/kota-bekasi-kelurahan.geojson`.',
    '',
    '## What each section proves',
    '',
    '1. **Hostile input**: every write, import and account route refuses malformed and hostile input with a 4xx',
    '   `application/problem+json`, never a 5xx, never a crash, and a refusal writes nothing (parcels, layers, the',
    "   target parcel's version, criteria, boundaries, users, the target user's tokens, the target parcel's",
    "   attachments and the target layer's version are compared before and after every case); accepted odd text",
    '   comes back verbatim as JSON text; bogus credentials get exactly 401/403/429.',
    '2. **Concurrency**: clients racing GET + PATCH with If-Match on one parcel lose no update: the final version is',
    "   the number of 200s + 1 and the final notes are a winner's; every loser gets 412.",
    '3. **Crash safety**: `kill -9` during 1,000 POSTs at concurrency 32, restart on the same data, on both engines:',
    '   every acknowledged (201) parcel is there, none is half-written (area, checks and kelurahan all present).',
    '4. **Load**: 60 s of mixed reads and writes on loopback with zero 5xx or dropped connections; p50/p99 recorded.',
    '5. **Database away**: every backend of the database ended, and the whole PostgreSQL server stopped and started',
    '   again: the outage is answered with 503 problem+json, Tapak stays up and serves again without a restart.',
    '6. **Scale-out**: two instances on one PostgreSQL behind a round-robin proxy behave as one (sessions, CSRF,',
    '   token revocation, login rate limit, tile cache after a change, If-Match across instances), the load test',
    '   passes through the proxy, and read throughput with one and two upstreams is compared in the same run.',
  );

  lines.push('', '## 1. Hostile input', '');
  if (hostile) {
    lines.push(
      `${hostile.total} requests across the write, import, account and authentication routes (embedded engine). "Held" =`,
      'a 4xx `application/problem+json` (or a 2xx where benign odd input may be accepted, text returned verbatim as',
      'JSON text), no 5xx, the server alive, and for a refusal no change in parcel count, layer count, the PATCH',
      "target's version, the criteria version, the number of kelurahan with a boundary, the user list, the target",
      "user's tokens, the target parcel's attachments or the target layer's version and feature count. Hostile",
      'requests go on connections of their own, so one that the server closes cannot fail the next.',
      '',
      '| route | tried | refused 4xx | accepted 2xx | held | failed |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const o of hostile.outcomes)
      lines.push(`| ${o.route} | ${o.tried} | ${o.refused} | ${o.accepted} | ${o.held} | ${o.failed} |`);
    lines.push('', `CSV export formula neutralisation (=, +, -, @ at the start of a cell): ${hostile.csvCheck}.`);
    lines.push(
      '',
      'Accepted by design (counted as held when the answer is a 2xx): an altitude (3D position, RFC 7946) and a',
      '1 cm² polygon for parcels; invalid UTF-8 in a PATCHed name (decoded to U+FFFD); for layers an area outside',
      'the region or covering the world, a per-line `half_width_m` ≤ 0 or an unknown per-line road `class` (both fall',
      'back to the layer default); a boundary file with a bow-tie ring (repaired and reported) or unknown codes',
      '(reported unmatched) — after each the real boundaries are imported again; an import preview of plain text',
      '(read as a CSV without rows) or of a shapefile with a truncated .shp (features reported, none importable).',
      'Attachments may accept a JPEG cut in half and a PDF signature followed by garbage (the bytes are what their',
      'signature says); a file name with a path, backslashes, NUL or 5,000 characters, which must then come back',
      'without a path (the bytes are stored under a generated key); odd but valid captions and user display names.',
      'SQL, HTML/JS and formula text in every text field came back verbatim as JSON strings; a NUL character, which',
      'PostgreSQL cannot store, is refused with 400.',
      "Bodies over 1 MB are sent with curl (Node's client loses an early 413 to EPIPE).",
      '',
      "Every request carries the admin's API token (the servers start with `TAPAK_ADMIN_TOKEN`) except the",
      '"Auth:" rows, which must get one exact status each: 401 for a missing, random, altered, revoked or',
      'malformed bearer token and for a forged, altered or logged-out session cookie (even with a valid CSRF',
      'token beside it), on reads, writes, OGC items and tiles; 403 for a live session cookie on a write',
      "without the right `X-CSRF-Token` (missing, empty, random, the session id, another session's, in another",
      'header, a cross-site text/plain form post — logout included); 400/401 for malformed logins; and in the',
      `login flood (${loginFloodAttempts} failed logins for one account from one address) 401 up to the tenth`,
      'failure and 429 from the eleventh on, the right password included while the address is locked out.',
    );
    if (hostile.failures.length > 0) {
      lines.push('', '### Hostile-input failures', '', '| route | case | request | problem |', '|---|---|---|---|');
      for (const f of hostile.failures)
        lines.push(
          `| ${cell(f.route)} | ${cell(f.label)} | \`${cell(f.request.slice(0, 300))}\` | ${cell(f.problem.slice(0, 400))} |`,
        );
    }
  } else lines.push('Not run (see failures).');

  lines.push('', '## 2. Concurrency (optimistic locking)', '');
  if (concurrency) {
    lines.push(
      '| clients | seconds | PATCH attempts | 200 | 412 | other | final version | 200s + 1 | final notes from a 200 | held |',
      '|---:|---:|---:|---:|---:|---|---:|---:|---|---|',
      `| ${concurrency.clients} | ${concurrency.seconds} | ${concurrency.attempts} | ${concurrency.ok200} | ${concurrency.stale412} | ${JSON.stringify(concurrency.other)} | ${concurrency.finalVersion} | ${concurrency.expectedVersion} | ${concurrency.notesMatchAWinner ? 'yes' : 'no'} | ${concurrency.held ? 'yes' : '**no**'} |`,
    );
  } else lines.push('Not run (see failures).');

  lines.push('', '## 3. Crash safety (kill -9 during writes)', '');
  if (crashes.length > 0) {
    lines.push(
      'POST /api/parcels × 1,000 at concurrency 32; `kill -9` once ~40 % were acknowledged; restart on the same data.',
      '',
      '| engine | fired | acknowledged 201 | errors before kill | killed after ms | restart ms | stored after restart | acknowledged missing | half-written | held |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const c of crashes)
      lines.push(
        `| ${c.engine} | ${c.fired} | ${c.acknowledged} | ${c.errorsBeforeKill} | ${c.killedAfterMs} | ${c.restartMs} | ${c.storedAfterRestart} | ${c.missingAcknowledged} | ${c.halfWritten} | ${c.held ? 'yes' : '**no**'} |`,
      );
  } else lines.push('Not run (see failures).');

  lines.push('', `## 4. Load (${loadSeconds} s, 16 concurrent clients, embedded engine)`, '');
  if (load) {
    lines.push(
      '| route | requests | p50 ms | p99 ms | statuses | first non-2xx answer |',
      '|---|---:|---:|---:|---|---|',
    );
    for (const r of load)
      lines.push(
        `| ${r.route} | ${r.count} | ${ms(r.p50)} | ${ms(r.p99)} | ${cell(JSON.stringify(r.statuses))} | ${cell(r.firstNon2xx)} |`,
      );
  } else lines.push('Not run (see failures).');

  lines.push('', '## 5. Database away (PostgreSQL)', '');
  if (dbAway) {
    lines.push(
      '8 clients (reads and POSTs) for 20 s on a scratch database; at 5 s every backend of that database is ended',
      'with `pg_terminate_backend` (the PostgreSQL service itself is never stopped).',
      '',
      '| requests | 2xx | error statuses | errors without problem+json | backends ended | first error after ms | last error after ms | server alive | recovered without restart |',
      '|---:|---:|---|---:|---:|---:|---:|---|---|',
      `| ${dbAway.requests} | ${dbAway.ok} | ${cell(JSON.stringify(dbAway.errorStatuses))} | ${dbAway.errorsWithoutProblemJson} | ${dbAway.terminatedBackends} | ${dbAway.firstErrorAfterKillMs ?? '–'} | ${dbAway.recoveredAfterMs ?? '–'} | ${dbAway.serverAlive ? 'yes' : '**no**'} | ${dbAway.held ? 'yes' : '**no**'} |`,
    );
    lines.push(
      '',
      Object.keys(dbAway.errorStatuses).every((k) => k === '503')
        ? 'The brief outage was answered with 503 problem+json.'
        : `The brief outage was answered with ${Object.keys(dbAway.errorStatuses).join(', ')} problem+json (a 503 "service-unavailable" exists in the problem catalogue and would be the more precise answer).`,
    );
  } else lines.push(adminUrl ? 'Not run (see failures).' : 'Skipped: TAPAK_RELIABILITY_DATABASE_URL not set.');
  lines.push('', '### PostgreSQL stopped and started again (a private server)', '');
  if (dbStopped) {
    const d = dbStopped;
    lines.push(
      `The harness starts a PostgreSQL server of its own (initdb into a temporary directory, its own port, loopback,`,
      `PostGIS from the installed extension files), migrates it and imports the boundaries; ${d.clients} clients read`,
      `(parcels, coverage) and POST parcels for ${d.seconds} s; at 5 s the whole server is stopped with \`pg_ctl stop -m fast\``,
      `and started again ${d.downMs / 1000} s later. Tapak runs on throughout and is not restarted.`,
      '',
      '| requests | 2xx | answers while down | error statuses | errors not 503 | errors without problem+json | first error after stop ms | first 2xx after start ms | server alive | held |',
      '|---:|---:|---|---|---:|---:|---:|---:|---|---|',
      `| ${d.requests} | ${d.ok} | ${cell(JSON.stringify(d.statusesWhileDown))} | ${cell(JSON.stringify(d.errorStatuses))} | ${d.errorsNot503} | ${d.errorsWithoutProblemJson} | ${d.firstErrorAfterStopMs ?? '–'} | ${d.recoveredAfterStartMs ?? '–'} | ${d.serverAlive ? 'yes' : '**no**'} | ${d.held ? 'yes' : '**no**'} |`,
    );
    if (d.firstNon503) lines.push('', `First error answer that was not a 503: \`${cell(d.firstNon503)}\``);
  } else lines.push('Not run (see failures and notes).');

  lines.push('', '## 6. Scale-out (two instances on one PostgreSQL, round-robin proxy)', '');
  if (scaleOut) {
    lines.push(
      'Two Tapak processes on one scratch database, both started at the same moment (after the database was',
      `migrated; ${scaleOut.startedTogetherMs} ms until both were healthy), behind a round-robin reverse proxy written in the`,
      'script (Node `http`, loopback). Shared-state checks go to a chosen instance; the writers and the load go',
      'through the proxy.',
      '',
      '| check | held | what happened |',
      '|---|---|---|',
    );
    for (const c of scaleOut.checks) lines.push(`| ${c.name} | ${c.held ? 'yes' : '**no**'} | ${cell(c.detail)} |`);
    const c = scaleOut.concurrency;
    if (c) {
      lines.push(
        '',
        `Optimistic locking through the proxy (${c.clients} clients, ${c.seconds} s of GET + PATCH with If-Match, each request to the next instance):`,
        '',
        '| PATCH attempts | 200 | 412 | other | final version | 200s + 1 | final notes from a 200 | held |',
        '|---:|---:|---:|---|---:|---:|---|---|',
        `| ${c.attempts} | ${c.ok200} | ${c.stale412} | ${cell(JSON.stringify(c.other))} | ${c.finalVersion} | ${c.expectedVersion} | ${c.notesMatchAWinner ? 'yes' : 'no'} | ${c.held ? 'yes' : '**no**'} |`,
      );
    }
    if (scaleOut.load) {
      lines.push(
        '',
        `Mixed load of section 4 through the proxy (${loadSeconds} s, 16 clients; requests served by A / B: ${scaleOut.loadServed.join(' / ')}; proxy upstream errors: ${scaleOut.proxyErrors}):`,
        '',
        '| route | requests | p50 ms | p99 ms | statuses | first non-2xx answer |',
        '|---|---:|---:|---:|---|---|',
      );
      for (const r of scaleOut.load)
        lines.push(
          `| ${r.route} | ${r.count} | ${ms(r.p50)} | ${ms(r.p99)} | ${cell(JSON.stringify(r.statuses))} | ${cell(r.firstNon2xx)} |`,
        );
    }
    const [one, two] = scaleOut.throughput;
    if (one && two) {
      lines.push(
        '',
        'Read throughput (GET /api/parcels?bbox, limit 100, 16 clients) through the same proxy with one upstream,',
        'then with two — the baseline is the one-instance figure of the same run:',
        '',
        '| upstreams | requests | req/s | p50 ms | p99 ms | errors | ratio |',
        '|---|---:|---:|---:|---:|---:|---:|',
      );
      for (const row of [one, two])
        lines.push(
          `| ${row.label} | ${row.requests} | ${row.perSecond.toFixed(1)} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.errors} | ${(row.perSecond / one.perSecond).toFixed(2)} |`,
        );
      lines.push(
        '',
        `Machine: ${os.cpus().length} cores shared by the load generator, the proxy, both instances and PostgreSQL (and`,
        'by other work on this machine): a second instance can only add throughput where a core is idle.',
      );
    }
  } else lines.push(adminUrl ? 'Not run (see failures).' : 'Skipped: TAPAK_RELIABILITY_DATABASE_URL not set.');

  lines.push('', '## Failures', '');
  if (failures.length === 0 && (hostile?.failures.length ?? 0) === 0) lines.push('None.');
  else {
    if ((hostile?.failures.length ?? 0) > 0) lines.push('- Hostile input: see the table in section 1.');
    for (const f of failures)
      lines.push(`- **${f.section}**: ${f.what.replace(/\n/g, ' ')}  \n  Reproduction: ${f.reproduction}`);
  }
  lines.push('');
  fs.writeFileSync(path.join(repoRoot, 'RELIABILITY.md'), lines.join('\n'));
  console.log(`\nWrote ${path.join(repoRoot, 'RELIABILITY.md')}`);
}

async function fetchBinary(port: number, urlPath: string): Promise<Uint8Array> {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return new Uint8Array(await response.arrayBuffer());
}

await main();
process.exit(0);
