import type { Knex } from 'knex';

/**
 * A parcel's checks become `json` (the text as the core wrote it) instead of `jsonb`. Nothing queries inside
 * them: the server hands them out whole (GeoJSON, exports, reports), so converting ~3.7 KB of bilingual
 * messages into jsonb's binary form on every write, and back to text on every read, bought nothing and was
 * the largest part of re-judging every parcel. Kept verbatim, the stored text can also be compared byte for
 * byte with a fresh judgement, so a re-judgement rewrites only the parcels whose judgement changed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE parcels ALTER COLUMN checks DROP DEFAULT');
  await knex.raw('ALTER TABLE parcels ALTER COLUMN checks TYPE json USING checks::text::json');
  await knex.raw(`ALTER TABLE parcels ALTER COLUMN checks SET DEFAULT '[]'::json`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE parcels ALTER COLUMN checks DROP DEFAULT');
  await knex.raw('ALTER TABLE parcels ALTER COLUMN checks TYPE jsonb USING checks::jsonb');
  await knex.raw(`ALTER TABLE parcels ALTER COLUMN checks SET DEFAULT '[]'::jsonb`);
}
