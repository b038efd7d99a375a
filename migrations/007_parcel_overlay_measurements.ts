import type { Knex } from 'knex';

/**
 * What PostGIS last measured between each parcel and the overlay layers (exclusion overlaps, nearest road,
 * nearest facility), kept so a re-judgement measures again only what a change can affect: a criteria change
 * measures nothing, a flood layer change only the overlaps of the parcels under the layer, a road layer change
 * only the nearest road. A table of its own rather than a column of `parcels`: the ~200 bytes would push
 * nearly every parcel row over the 2 kB TOAST threshold (measured: 99,979 of 100,000), moving its checks out
 * of line for every reader. No row means "not measured for this geometry": a new parcel, or one whose
 * geometry changed or that was deleted or restored (the trigger below removes the row, whichever code path
 * wrote the parcel), is measured in full at its next re-judgement. The layers' side is kept current by the
 * re-judgement itself.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE parcel_overlay_measurements (
      parcel_id uuid PRIMARY KEY REFERENCES parcels (id) ON DELETE CASCADE,
      measurements json NOT NULL
    )`);
  await knex.raw(`
    CREATE FUNCTION parcels_forget_overlay_measurements() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM parcel_overlay_measurements WHERE parcel_id = NEW.id;
      RETURN NULL;
    END;
    $$`);
  await knex.raw(`
    CREATE TRIGGER parcels_overlay_measurements_follow_geometry
    AFTER UPDATE OF geom, deleted_at ON parcels
    FOR EACH ROW
    WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
    EXECUTE FUNCTION parcels_forget_overlay_measurements()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER parcels_overlay_measurements_follow_geometry ON parcels');
  await knex.raw('DROP FUNCTION parcels_forget_overlay_measurements()');
  await knex.raw('DROP TABLE parcel_overlay_measurements');
}
