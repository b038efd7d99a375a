import { parseArgs } from 'node:util';
import { openConfiguredDatabase } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { migrateAllDown, migrateToLatest } from '../db/migrate.ts';

/** `npm run migrate [-- --down]`: applies (or rolls back) every migration on the configured engine. */
const { values } = parseArgs({ options: { down: { type: 'boolean' } } });
const config = loadConfig();
const db = await openConfiguredDatabase(config, `migrate pid ${process.pid}`);
try {
  const names = values.down ? await migrateAllDown(db.knex) : await migrateToLatest(db.knex);
  console.log(`${values.down ? 'rolled back' : 'applied'}: ${names.length ? names.join(', ') : '(nothing)'}`);
} finally {
  await db.close();
}
