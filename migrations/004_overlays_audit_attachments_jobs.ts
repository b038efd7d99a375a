import type { Knex } from 'knex';

/**
 * Constraint overlay layers (flood, RTH, LP2B, SUTET, roads, facilities), the append-only audit log,
 * parcel attachments (photos and documents) and long-running jobs with progress (imports, recomputes).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('overlay_layers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('kind').notNullable().checkIn(['flood', 'rth', 'lp2b', 'other_exclusion', 'sutet', 'road', 'facility']);
    t.jsonb('params').notNullable().defaultTo('{}');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by').references('id').inTable('users');
    t.timestamp('deleted_at', { useTz: true });
  });

  await knex.schema.createTable('overlay_features', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('layer_id').notNullable().references('id').inTable('overlay_layers').onDelete('CASCADE').index();
    t.jsonb('properties').notNullable().defaultTo('{}');
    // Polygons, lines or points depending on the layer's kind; always SRID 4326.
    t.specificType('geom', 'geometry(Geometry, 4326)').notNullable();
  });
  await knex.raw('CREATE INDEX overlay_features_geom_gist ON overlay_features USING gist (geom)');

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('actor_user_id').references('id').inTable('users');
    t.text('actor_label').notNullable();
    t.text('route').notNullable();
    t.text('action').notNullable();
    t.text('entity_type').notNullable();
    t.text('entity_id').notNullable();
    t.jsonb('before');
    t.jsonb('after');
    t.index(['entity_type', 'entity_id']);
  });
  // Append-only: no route and no accident may rewrite history.
  await knex.raw(`
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only';
    END;
    $$`);
  await knex.raw(`
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);

  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('parcel_id').notNullable().references('id').inTable('parcels').index();
    t.text('kind').notNullable().checkIn(['photo', 'document']);
    t.text('file_name').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('size_bytes').notNullable();
    t.text('storage_key').notNullable();
    t.text('sha256').notNullable();
    t.double('photo_lon');
    t.double('photo_lat');
    t.timestamp('photo_taken_at', { useTz: true });
    t.text('caption');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by').references('id').inTable('users');
    t.timestamp('deleted_at', { useTz: true });
  });

  await knex.schema.createTable('jobs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable();
    t.text('status').notNullable().checkIn(['queued', 'running', 'succeeded', 'failed']);
    t.bigInteger('progress_done').notNullable().defaultTo(0);
    t.bigInteger('progress_total');
    t.jsonb('message');
    t.jsonb('result');
    t.jsonb('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.uuid('created_by').references('id').inTable('users');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('jobs');
  await knex.schema.dropTable('attachments');
  await knex.raw('DROP TRIGGER audit_log_append_only ON audit_log');
  await knex.schema.dropTable('audit_log');
  await knex.raw('DROP FUNCTION audit_log_is_append_only()');
  await knex.schema.dropTable('overlay_features');
  await knex.schema.dropTable('overlay_layers');
}
