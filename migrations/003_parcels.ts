import type { Knex } from 'knex';

const parcelStatuses = ['kandidat', 'diverifikasi', 'diusulkan', 'disetujui', 'dibangun', 'beroperasi', 'ditolak'];

/**
 * Candidate parcels with everything the server computes from them (area, kelurahan, checks, footprint),
 * their pipeline history and the versioned suitability criteria. Parcels are versioned (optimistic
 * concurrency through ETag / If-Match) and soft-deleted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('criteria', (t) => {
    t.increments('version').primary();
    t.jsonb('body').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by').references('id').inTable('users');
  });

  await knex.schema.createTable('parcels', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kelurahan_kode').notNullable().references('kode').inTable('kelurahan');
    t.text('name').notNullable();
    t.text('source').notNullable().checkIn(['bmd', 'fasos_fasum', 'other']);
    t.text('owner_class');
    t.text('legal_status');
    t.text('current_use');
    t.boolean('is_vacant');
    // KIB A register fields and fasos-fasum handover fields, validated by the core's zod contracts.
    t.jsonb('kib_a').notNullable().defaultTo('{}');
    t.jsonb('fasos_fasum').notNullable().defaultTo('{}');
    t.specificType('tags', 'text[]').notNullable().defaultTo('{}');
    t.text('notes');
    t.text('status').notNullable().defaultTo('kandidat').checkIn(parcelStatuses);
    t.text('status_reason');
    t.boolean('shortlisted').notNullable().defaultTo(false);
    t.integer('shortlist_rank');
    t.boolean('is_primary').notNullable().defaultTo(false);
    t.specificType('geom', 'geometry(MultiPolygon, 4326)').notNullable();
    t.double('area_m2').notNullable();
    t.boolean('crosses_border').notNullable().defaultTo(false);
    t.double('kelurahan_overlap_ratio');
    t.boolean('fits_prototype').notNullable().defaultTo(false);
    t.specificType('footprint', 'geometry(Polygon, 4326)');
    t.double('footprint_rotation_deg');
    t.double('footprint_slack_m');
    t.double('min_width_m');
    t.jsonb('checks').notNullable().defaultTo('[]');
    t.boolean('qualifies').notNullable().defaultTo(false);
    t.text('verdict').notNullable().defaultTo('belum_lengkap').checkIn(['memenuhi', 'tidak_memenuhi', 'belum_lengkap']);
    t.double('score').notNullable().defaultTo(0);
    t.integer('criteria_version').references('version').inTable('criteria');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by').references('id').inTable('users');
    t.uuid('updated_by').references('id').inTable('users');
    t.timestamp('deleted_at', { useTz: true });
    t.uuid('deleted_by').references('id').inTable('users');
  });
  await knex.raw('CREATE INDEX parcels_geom_gist ON parcels USING gist (geom)');
  await knex.raw('CREATE INDEX parcels_footprint_gist ON parcels USING gist (footprint)');
  await knex.raw('CREATE INDEX parcels_kelurahan_live ON parcels (kelurahan_kode) WHERE deleted_at IS NULL');
  // At most one primary site per kelurahan among live parcels.
  await knex.raw(
    'CREATE UNIQUE INDEX parcels_one_primary_per_kelurahan ON parcels (kelurahan_kode) WHERE is_primary AND deleted_at IS NULL',
  );

  await knex.schema.createTable('parcel_status_history', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('parcel_id').notNullable().references('id').inTable('parcels').onDelete('CASCADE').index();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.text('reason');
    t.timestamp('changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('changed_by').references('id').inTable('users');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parcel_status_history');
  await knex.schema.dropTable('parcels');
  await knex.schema.dropTable('criteria');
}
