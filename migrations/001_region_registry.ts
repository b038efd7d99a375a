import type { Knex } from 'knex';

/**
 * The region registry (Kemendagri codes and names) and the boundaries imported for it.
 * Desa and kelurahan share one table: the national programme treats both alike; `jenis` tells them apart.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');

  await knex.schema.createTable('app_settings', (t) => {
    t.text('key').primary();
    t.jsonb('value').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('kabkota', (t) => {
    t.text('kode').primary();
    t.text('provinsi_kode').notNullable().index();
    t.text('provinsi_nama').notNullable();
    t.text('nama').notNullable();
  });

  await knex.schema.createTable('kecamatan', (t) => {
    t.text('kode').primary();
    t.text('kabkota_kode').notNullable().references('kode').inTable('kabkota').index();
    t.text('nama').notNullable();
  });

  await knex.schema.createTable('kelurahan', (t) => {
    t.text('kode').primary();
    t.text('kecamatan_kode').notNullable().references('kode').inTable('kecamatan').index();
    t.text('nama').notNullable();
    t.text('jenis').notNullable().checkIn(['kelurahan', 'desa']);
    t.specificType('geom', 'geometry(MultiPolygon, 4326)');
    t.double('area_m2');
    t.text('boundary_source');
    t.timestamp('boundary_updated_at', { useTz: true });
  });
  await knex.raw('CREATE INDEX kelurahan_geom_gist ON kelurahan USING gist (geom)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('kelurahan');
  await knex.schema.dropTable('kecamatan');
  await knex.schema.dropTable('kabkota');
  await knex.schema.dropTable('app_settings');
}
