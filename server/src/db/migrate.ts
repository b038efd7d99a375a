import type { Knex } from 'knex';
import { migrationSource } from '../../../migrations/index.ts';

const migrationConfig: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/** Brings the schema to the newest migration; returns the names it applied. */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

/** Rolls back every migration (tests prove that each one goes down cleanly). */
export async function migrateAllDown(knex: Knex): Promise<string[]> {
  const [, reverted] = (await knex.migrate.rollback(migrationConfig, true)) as [number, string[]];
  return reverted;
}

export async function currentMigrationNames(knex: Knex): Promise<string[]> {
  const [completed] = (await knex.migrate.list(migrationConfig)) as [Array<{ name: string }>, unknown];
  return completed.map((entry) => entry.name);
}
