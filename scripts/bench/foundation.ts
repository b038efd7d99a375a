// Foundation figures: first start, restart and boundary import at city / province / nation scale, on each
// engine, each measured in a fresh process (time and peak RSS). Prints a Markdown table; no assertions.
// Usage: npm run bench -- foundation [--quick]   (PostgreSQL runs when TAPAK_BENCH_DATABASE_URL is set,
// e.g. postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and dropped per run.)
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../server/src/config.ts';
import { scratchEngine } from './scratchEngine.ts';

const shared = process.env.TAPAK_SHARED_DATA ?? path.resolve(repoRoot, '..', 'shared', 'data');
const quick = process.argv.includes('--quick');
const imports = [
  { label: 'kota (56)', region: '32.75', file: path.join(shared, 'kota-bekasi-kelurahan.geojson') },
  { label: 'provinsi (5.957)', region: '32', file: path.join(shared, 'jawa-barat-desa-kelurahan.geojson.gz') },
  ...(quick
    ? []
    : [{ label: 'nasional (83.242)', region: 'ID', file: path.join(shared, 'indonesia-desa-kelurahan.geojson.gz') }]),
];

interface Run {
  openAndPrepareMs: number;
  importMs: number;
  featuresRead: number;
  matched: number;
  peakRssMB: number;
}

function runImport(env: Record<string, string>, file: string): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/importOnce.ts', file], {
    cwd: repoRoot,
    env: { ...process.env, TAPAK_OFFLINE: '1', ...env },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}');
}

const adminUrl = process.env.TAPAK_BENCH_DATABASE_URL;
const engines = ['pglite', ...(adminUrl ? ['postgres'] : [])];
const rows: string[] = [];
const fmt = (n: number) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(n);

for (const engine of engines) {
  for (const spec of imports) {
    const { env, cleanup } = await scratchEngine(engine, {
      adminUrl,
      name: `tapak_bench_${process.pid}`,
      region: spec.region,
    });
    try {
      const first = runImport(env, spec.file);
      // The same import again on the now existing database: the restart cost is its open-and-prepare time.
      const again = runImport(env, spec.file);
      rows.push(
        `| ${engine} | ${spec.label} | ${fmt(first.openAndPrepareMs / 1000)} s | ${fmt(again.openAndPrepareMs / 1000)} s | ` +
          `${fmt(first.importMs / 1000)} s | ${fmt(first.featuresRead)} / ${fmt(first.matched)} | ${fmt(first.peakRssMB)} MB |`,
      );
      console.error(rows[rows.length - 1]);
    } finally {
      await cleanup();
    }
  }
}

console.log(
  `Mesin / machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(
  `Tanggal / date: ${new Date().toISOString()}, commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()}`,
);
console.log('');
console.log(
  '| engine | region | first start (create + migrate + seed) | restart (open + migrate check + seed) | import | features read / matched | peak RSS |',
);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
