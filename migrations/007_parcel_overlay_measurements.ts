import type { Knex } from 'knex';

/**
 * What PostGIS last measured between each parcel and the overlay layers (exclusion overlaps, nearest road,
 * nearest facility), kept so a re-judgement measures again only what a change can affect: a criteria change
 * measures nothing, a flood layer change only the overlaps of the parcels under the layer, a road layer change
 * only the nearest road. NULL means "not measured for this geometry": a new parcel, or one whose geometry
 * changed, deleted or restored (the trigger below clears it, whichever code path writes the row), is measured
 * in full at its next re-judgement. The layers' side is kept current by the re-judgement itself.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE parcels ADD COLUMN overlay_measurements json');
  // Finds the parcels still to measure without reading the table: after the first re-judgement, usually none.
  await knex.raw(
    'CREATE INDEX parcels_unmeasured ON parcels (id) WHERE overlay_measurements IS NULL AND deleted_at IS NULL',
  );
  await knex.raw(`
    CREATE FUNCTION parcels_clear_overlay_measurements() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.overlay_measurements := NULL;
      RETURN NEW;
    END;
    $$`);
  await knex.raw(`
    CREATE TRIGGER parcels_overlay_measurements_follow_geometry
    BEFORE UPDATE OF geom, deleted_at ON parcels
    FOR EACH ROW
    WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION parcels_clear_overlay_measurements()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER parcels_overlay_measurements_follow_geometry ON parcels');
  await knex.raw('DROP FUNCTION parcels_clear_overlay_measurements()');
  await knex.raw('DROP INDEX parcels_unmeasured');
  await knex.raw('ALTER TABLE parcels DROP COLUMN overlay_measurements');
}
