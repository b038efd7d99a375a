#!/usr/bin/env node
// `npm test`: the pure core and server unit tests, then the integration suites on the embedded engine
// (PGlite + PostGIS), then on PostgreSQL + PostGIS when TAPAK_TEST_DATABASE_URL names a server
// (e.g. postgres://postgres@127.0.0.1:5432/postgres; CI sets it), then the browser end-to-end tests when
// Chromium is installed. Prints one closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-test-'));
const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let exitCode = 0;

function runVitest(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const reportFile = path.join(reportDir, `${label.replace(/\W+/g, '-')}.json`);
  const result = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      ...args,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reportFile}`,
      ...extraArgs,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  if (fs.existsSync(reportFile)) {
    const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  if (result.status !== 0) exitCode = 1;
}

runVitest('unit', ['--project', 'core', '--project', 'server-unit', '--project', 'web']);
runVitest('integration pglite', ['--project', 'integration'], { TAPAK_TEST_ENGINE: 'pglite' });
if (process.env.TAPAK_TEST_DATABASE_URL) {
  runVitest('integration postgres', ['--project', 'integration'], { TAPAK_TEST_ENGINE: 'postgres' });
} else {
  console.log('\n(PostgreSQL suites skipped: set TAPAK_TEST_DATABASE_URL=postgres://…/postgres to run them too)');
}
if (fs.existsSync(process.env.TAPAK_CHROMIUM ?? '/usr/bin/chromium')) {
  runVitest('e2e', ['--project', 'e2e']);
} else {
  console.log('\n(browser end-to-end tests skipped: install chromium, e.g. apt-get install -y chromium)');
}

fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
