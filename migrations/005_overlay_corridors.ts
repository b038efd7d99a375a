import type { Knex } from 'knex';

/**
 * The area an overlay feature excludes, precomputed when the layer is stored: the polygon itself for flood,
 * RTH, LP2B and other exclusions, the corridor (a buffer in metres on the ellipsoid) around a SUTET line.
 * Checks then intersect parcels with one indexed polygon column instead of buffering lines per request.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('overlay_features', (t) => {
    t.specificType('exclusion', 'geometry(MultiPolygon, 4326)');
    // The layer's kind, copied onto each feature so nearest-road and nearest-facility searches get an index of
    // their own: in one shared index the nearest features to a parcel are mostly of other kinds.
    t.text('kind');
  });
  await knex.raw('CREATE INDEX overlay_features_exclusion_gist ON overlay_features USING gist (exclusion)');
  await knex.raw("CREATE INDEX overlay_features_road_gist ON overlay_features USING gist (geom) WHERE kind = 'road'");
  await knex.raw(
    "CREATE INDEX overlay_features_facility_gist ON overlay_features USING gist (geom) WHERE kind = 'facility'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX overlay_features_facility_gist');
  await knex.raw('DROP INDEX overlay_features_road_gist');
  await knex.raw('DROP INDEX overlay_features_exclusion_gist');
  await knex.schema.alterTable('overlay_features', (t) => {
    t.dropColumn('kind');
    t.dropColumn('exclusion');
  });
}
