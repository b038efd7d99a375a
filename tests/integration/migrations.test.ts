import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { currentMigrationNames, migrateAllDown, migrateToLatest } from '../../server/src/db/migrate.ts';
import { testEngine } from '../support/engines.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

describe(`migrations on ${testEngine()}`, () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.drop());

  const publicTables = async () => {
    const result = await testDb.db.knex.raw<{ rows: Array<{ tablename: string }> }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    return result.rows.map((row) => row.tablename);
  };

  it('has every migration applied, with typed 4326 geometry columns and GiST indexes', async () => {
    const { knex } = testDb.db;
    expect(await currentMigrationNames(knex)).toEqual(migrations.map((m) => m.name));
    const columns = await knex.raw<{
      rows: Array<{ f_table_name: string; f_geometry_column: string; type: string; srid: number }>;
    }>(
      `SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns
       WHERE f_table_schema = 'public' ORDER BY f_table_name, f_geometry_column`,
    );
    expect(columns.rows.map((c) => `${c.f_table_name}.${c.f_geometry_column}:${c.type}:${c.srid}`)).toEqual([
      'kelurahan.geom:MULTIPOLYGON:4326',
      'overlay_features.exclusion:MULTIPOLYGON:4326',
      'overlay_features.geom:GEOMETRY:4326',
      'parcels.footprint:POLYGON:4326',
      'parcels.geom:MULTIPOLYGON:4326',
    ]);
    const gist = await knex.raw<{ rows: Array<{ indexname: string }> }>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING gist%' ORDER BY indexname`,
    );
    expect(gist.rows.map((r) => r.indexname)).toEqual([
      'kelurahan_geom_gist',
      'overlay_features_exclusion_gist',
      'overlay_features_facility_gist',
      'overlay_features_geom_gist',
      'overlay_features_road_gist',
      'parcels_footprint_gist',
      'parcels_geom_gist',
    ]);
  });

  it('goes all the way down and up again', async () => {
    const { knex } = testDb.db;
    const before = await publicTables();
    expect(before).toEqual(
      expect.arrayContaining(['kelurahan', 'parcels', 'users', 'audit_log', 'attachments', 'jobs']),
    );
    const reverted = await migrateAllDown(knex);
    expect(reverted).toEqual(migrations.map((m) => m.name).reverse());
    expect((await publicTables()).filter((t) => !t.startsWith('knex_') && t !== 'spatial_ref_sys')).toEqual([]);
    expect(await migrateToLatest(knex)).toEqual(migrations.map((m) => m.name));
    expect(await publicTables()).toEqual(before);
  });

  it('keeps the audit log append-only', async () => {
    const { knex } = testDb.db;
    await knex('audit_log').insert({
      actor_label: 'test',
      route: 'test',
      action: 'create',
      entity_type: 'parcel',
      entity_id: 'x',
    });
    await expect(knex('audit_log').update({ actor_label: 'changed' })).rejects.toThrow(/append-only/);
    await expect(knex('audit_log').delete()).rejects.toThrow(/append-only/);
  });
});
