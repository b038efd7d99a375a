import type { Knex } from 'knex';
import * as m001 from './001_region_registry.ts';
import * as m002 from './002_users_and_access.ts';
import * as m003 from './003_parcels.ts';
import * as m004 from './004_overlays_audit_attachments_jobs.ts';
import * as m005 from './005_overlay_corridors.ts';
import * as m006 from './006_parcel_checks_json.ts';
import * as m007 from './007_parcel_overlay_measurements.ts';
import * as m008 from './008_overlay_road_parts.ts';

/** Every migration in order. Names are what knex records in `knex_migrations`: never rename one. */
export const migrations: ReadonlyArray<{ name: string; module: Knex.Migration }> = [
  { name: '001_region_registry', module: m001 },
  { name: '002_users_and_access', module: m002 },
  { name: '003_parcels', module: m003 },
  { name: '004_overlays_audit_attachments_jobs', module: m004 },
  { name: '005_overlay_corridors', module: m005 },
  { name: '006_parcel_checks_json', module: m006 },
  { name: '007_parcel_overlay_measurements', module: m007 },
  { name: '008_overlay_road_parts', module: m008 },
];

/** A knex migration source that reads the list above instead of scanning a directory. */
export const migrationSource: Knex.MigrationSource<{ name: string; module: Knex.Migration }> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration.module,
};
