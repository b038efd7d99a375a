import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openConfiguredDatabase, prepareContext } from '../../server/src/bootstrap.ts';
import { importBoundaries } from '../../server/src/boundaries/importBoundaries.ts';
import { loadConfig, repoRoot } from '../../server/src/config.ts';
import { DataDirLockedError } from '../../server/src/db/dataDirLock.ts';
import { registryCounts } from '../../server/src/repositories/kelurahanRepository.ts';
import { testEngine } from '../support/engines.ts';
import { sharedData } from '../support/sharedData.ts';

const run = promisify(execFile);

// The embedded engine persists to a directory; PostgreSQL's durability is PostgreSQL's.
describe.runIf(testEngine() === 'pglite')('embedded database directory', () => {
  it('is created on first use, keeps its data across a restart, and refuses a second opener', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-data-'));
    try {
      // The command line on a fresh directory: creates, migrates, seeds and imports.
      const cli = await run(
        process.execPath,
        ['--import', 'tsx', 'server/src/cli/importBoundaries.ts', sharedData('kota-bekasi-kelurahan.geojson')],
        { cwd: repoRoot, env: { ...process.env, TAPAK_DATA_DIR: dataDir, DATABASE_URL: '' } },
      );
      expect(JSON.parse(cli.stdout)).toMatchObject({ matched: 56 });

      const config = loadConfig({ TAPAK_DATA_DIR: dataDir });
      const db = await openConfiguredDatabase(config, 'restart test');
      try {
        const context = await prepareContext(db, config);
        expect(await registryCounts(db.knex, context.region.kode)).toEqual({
          kecamatan: 12,
          kelurahan: 56,
          kelurahan_with_boundary: 56,
        });
        // While this process holds the directory, neither a second open nor the CLI may touch it.
        await expect(openConfiguredDatabase(config, 'second')).rejects.toBeInstanceOf(DataDirLockedError);
        const refused = await run(
          process.execPath,
          ['--import', 'tsx', 'server/src/cli/importBoundaries.ts', sharedData('kota-bekasi-kelurahan.geojson')],
          { cwd: repoRoot, env: { ...process.env, TAPAK_DATA_DIR: dataDir, DATABASE_URL: '' } },
        ).catch((error: { code: number; stderr: string }) => error);
        expect(refused).toMatchObject({ code: 1 });
        expect((refused as { stderr: string }).stderr).toContain('sedang dipakai');
      } finally {
        await db.close();
      }
      // After a clean close the lock is gone and the data is still there.
      const reopened = await openConfiguredDatabase(config, 'reopen');
      try {
        expect((await registryCounts(reopened.knex, '32.75')).kelurahan_with_boundary).toBe(56);
        await expect(
          importBoundaries(reopened.knex, sharedData('nope.geojson'), { regionCode: '32.75' }),
        ).rejects.toMatchObject({ code: 'source_not_found' });
      } finally {
        await reopened.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
