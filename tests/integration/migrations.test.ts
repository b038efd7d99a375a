import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationSource, migrations } from '../../migrations/index.ts';
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
      'overlay_road_parts.geom:GEOMETRY:4326',
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
      'overlay_road_parts_geom_gist',
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

  it('cuts the roads stored before migration 008 into the parts the nearest-road search walks', async () => {
    const { knex } = testDb.db;
    const config = { migrationSource, tableName: 'knex_migrations' };
    while ((await currentMigrationNames(knex)).includes('008_overlay_road_parts')) await knex.migrate.down(config);
    const [layer] = await knex('overlay_layers').insert({ name: 'Jalan lama', kind: 'road' }).returning('id');
    // A 2-vertex road about 5,5 km long (0,05° of longitude at Bekasi's latitude).
    await knex.raw(
      `INSERT INTO overlay_features (layer_id, kind, geom)
       VALUES (?, 'road', ST_SetSRID(ST_MakeLine(ST_MakePoint(106.95, -6.25), ST_MakePoint(107.0, -6.25)), 4326))`,
      [layer.id],
    );
    await migrateToLatest(knex);
    const parts = await knex.raw<{ rows: Array<{ n: number; total: number; whole: number }> }>(
      `SELECT count(*)::int AS n, sum(ST_Length(r.geom::geography)) AS total,
              (SELECT ST_Length(f.geom::geography) FROM overlay_features f WHERE f.layer_id = ?) AS whole
       FROM overlay_road_parts r WHERE r.layer_id = ?`,
      [layer.id, layer.id],
    );
    expect(parts.rows[0]?.n).toBeGreaterThan(3);
    expect(Number(parts.rows[0]?.whole)).toBeGreaterThan(5000);
    expect(Number(parts.rows[0]?.total)).toBeCloseTo(Number(parts.rows[0]?.whole), 3);
    await knex('overlay_layers').where({ id: layer.id }).delete();
    expect(await knex('overlay_road_parts').where({ layer_id: layer.id })).toEqual([]);
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
