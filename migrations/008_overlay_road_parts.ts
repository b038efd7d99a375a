import type { Knex } from 'knex';

/**
 * Road lines cut into short parts (≤ 200 m along the ellipsoid, ≤ 8 vertices), each with its own GiST entry,
 * for the nearest-road search. A road stored as one long line has a bounding box as large as the line: in
 * the index it is "near" every parcel under that box, so each nearest-road probe had to measure most roads
 * (measured: 100,000 parcels against 400 city-crossing lines took 18 s; against their 8,800 parts 10 s, and
 * the index then touches a handful of parts per parcel). The parts follow the geodesic between the line's
 * own vertices, so a distance measured on the ellipsoid to the nearest part is the distance to the road.
 * Filled whenever road features are stored (the repository writes both in one statement); removed with their
 * feature.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE overlay_road_parts (
      feature_id bigint NOT NULL REFERENCES overlay_features (id) ON DELETE CASCADE,
      layer_id uuid NOT NULL,
      geom geometry(Geometry, 4326) NOT NULL
    )`);
  await knex.raw('CREATE INDEX overlay_road_parts_geom_gist ON overlay_road_parts USING gist (geom)');
  // The cascade from a deleted feature looks its parts up by feature.
  await knex.raw('CREATE INDEX overlay_road_parts_feature_id ON overlay_road_parts (feature_id)');
  await knex.raw(`
    INSERT INTO overlay_road_parts (feature_id, layer_id, geom)
    SELECT f.id, f.layer_id, ST_Subdivide(ST_Segmentize(f.geom::geography, 200)::geometry, 8)
    FROM overlay_features f WHERE f.kind = 'road'`);
  // Nearest-road searches now walk the parts' index; the roads' own partial index served nothing else.
  await knex.raw('DROP INDEX overlay_features_road_gist');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw("CREATE INDEX overlay_features_road_gist ON overlay_features USING gist (geom) WHERE kind = 'road'");
  await knex.raw('DROP TABLE overlay_road_parts');
}
