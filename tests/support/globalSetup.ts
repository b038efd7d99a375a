import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureRegionRegistry } from '../../seeds/regionRegistry.ts';
import { openDatabase } from '../../server/src/db/engine.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { databaseUrlFor, postgresAdminUrl, testEngine } from './engines.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplatePath: string;
    postgresTemplateDatabase: string;
  }
}

/**
 * Builds one migrated, seeded (region 32.75) template database per run; every suite clones it, which is
 * far faster than creating PGlite + PostGIS from scratch (10–20 s) each time.
 */
export default async function setup(project: TestProject) {
  if (testEngine() === 'pglite') {
    const db = await openDatabase({ engine: 'pglite' });
    await migrateToLatest(db.knex);
    await ensureRegionRegistry(db.knex, '32.75');
    const dump = await db.dumpDataDir?.();
    await db.close();
    if (!dump) throw new Error('PGlite did not dump its data directory');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tapak-template-'));
    const templatePath = path.join(dir, 'template.tar.gz');
    fs.writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
    project.provide('pgliteTemplatePath', templatePath);
    project.provide('postgresTemplateDatabase', '');
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }

  const adminUrl = postgresAdminUrl();
  const templateName = `tapak_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
  await admin.query(`CREATE DATABASE ${templateName}`);
  const db = await openDatabase({ engine: 'postgres', connectionString: databaseUrlFor(adminUrl, templateName) });
  await migrateToLatest(db.knex);
  await ensureRegionRegistry(db.knex, '32.75');
  await db.close();
  project.provide('pgliteTemplatePath', '');
  project.provide('postgresTemplateDatabase', templateName);
  return async () => {
    // Drop the template and any clone a crashed suite left behind.
    const leftovers = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'tapak_test_%' OR datname = $1`,
      [templateName],
    );
    for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    await admin.end();
  };
}
