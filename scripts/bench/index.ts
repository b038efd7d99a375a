// `npm run bench -- <name> [args]`: runs one benchmark script from scripts/bench/ (they print figures).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../server/src/config.ts';

const available = fs
  .readdirSync(path.join(repoRoot, 'scripts', 'bench'))
  .filter((f) => f.endsWith('.ts') && !['index.ts', 'importOnce.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
const targets = name ? [name] : available;
for (const target of targets) {
  if (!available.includes(target)) {
    console.error(
      `Tidak ada tolok ukur "${target}" / no benchmark "${target}". Ada / available: ${available.join(', ')}`,
    );
    process.exit(2);
  }
  console.log(`\n## ${target}\n`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join('scripts', 'bench', `${target}.ts`), ...args],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
