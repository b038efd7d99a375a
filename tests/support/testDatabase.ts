import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../server/src/db/engine.ts';
import { databaseUrlFor, postgresAdminUrl, testEngine } from './engines.ts';

export interface TestDatabase {
  db: Database;
  /** The PostgreSQL URL of this clone (postgres engine only), for tests that start a server process. */
  databaseUrl?: string;
  drop(): Promise<void>;
}

/** A fresh clone of the migrated, seeded template on the engine under test. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const tarball = fs.readFileSync(inject('pgliteTemplatePath'));
    const db = await openDatabase({ engine: 'pglite', loadDataDir: new Blob([tarball]) });
    return { db, drop: () => db.close() };
  }
  const adminUrl = postgresAdminUrl();
  const name = `tapak_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplateDatabase')}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = databaseUrlFor(adminUrl, name);
  const db = await openDatabase({ engine: 'postgres', connectionString: databaseUrl });
  return {
    db,
    databaseUrl,
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
