import type { Knex } from 'knex';

/**
 * All SQL of a boundary import, in one place. The importer streams features into a temporary staging table,
 * then matches, repairs and applies them set-based, inside the caller's transaction (all or nothing).
 */

export interface StagedBoundaryRow {
  ordinal: number;
  kode: string | null;
  nama: string | null;
  nama_normalized: string | null;
  kecamatan_hint: string | null;
  geometry_json: string;
  srid: number;
}

export async function createStagingTable(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`
    CREATE TEMP TABLE boundary_staging (
      ordinal integer PRIMARY KEY,
      kode text,
      nama text,
      nama_normalized text,
      kecamatan_hint text,
      geometry_json text NOT NULL,
      srid integer NOT NULL,
      geom geometry(MultiPolygon, 4326),
      matched_kode text,
      matched_by text,
      invalid_reason text
    ) ON COMMIT DROP`);
}

export async function insertStagedRows(trx: Knex.Transaction, rows: StagedBoundaryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx('boundary_staging').insert(rows);
}

/**
 * Parses the staged GeoJSON into geometry (reprojecting other CRSs to WGS 84), and repairs invalid rings with
 * ST_MakeValid, keeping only the polygonal part. Returns the repaired rows with PostGIS's reason.
 */
export async function buildStagedGeometries(
  trx: Knex.Transaction,
): Promise<Array<{ ordinal: number; reason: string }>> {
  await trx.raw(`
    UPDATE boundary_staging
    SET geom = ST_Multi(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(geometry_json), srid), 4326))`);
  const repaired = await trx.raw<{ rows: Array<{ ordinal: number; reason: string }> }>(`
    UPDATE boundary_staging
    SET invalid_reason = ST_IsValidReason(geom),
        geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
    WHERE NOT ST_IsValid(geom)
    RETURNING ordinal, invalid_reason AS reason`);
  return repaired.rows;
}

/** Matches staged rows to the registry by Kemendagri code within the region. */
export async function matchByCode(trx: Knex.Transaction, regionLike: string): Promise<void> {
  await trx.raw(
    `UPDATE boundary_staging s SET matched_kode = k.kode, matched_by = 'kode'
     FROM kelurahan k WHERE k.kode = s.kode AND k.kode LIKE ?`,
    [regionLike],
  );
}

/**
 * For rows without a code match: the normalised name within the kecamatan the row names (by code or name),
 * or else a name that is unique in the whole region. Ambiguous names stay unmatched rather than guessed.
 */
export async function matchByName(
  trx: Knex.Transaction,
  regionLike: string,
  normalizedNames: Array<{
    kode: string;
    nama_normalized: string;
    kecamatan_kode: string;
    kecamatan_normalized: string;
  }>,
): Promise<void> {
  await trx.raw(
    'CREATE TEMP TABLE registry_names (kode text, nama_normalized text, kecamatan_kode text, kecamatan_normalized text) ON COMMIT DROP',
  );
  for (let start = 0; start < normalizedNames.length; start += 1000) {
    await trx('registry_names').insert(normalizedNames.slice(start, start + 1000));
  }
  await trx.raw(
    `UPDATE boundary_staging s SET matched_kode = r.kode, matched_by = 'nama'
     FROM registry_names r
     WHERE s.matched_kode IS NULL AND s.nama_normalized = r.nama_normalized AND r.kode LIKE ?
       AND s.kecamatan_hint IS NOT NULL
       AND (r.kecamatan_kode = s.kecamatan_hint OR r.kecamatan_normalized = s.kecamatan_hint)`,
    [regionLike],
  );
  await trx.raw(
    `UPDATE boundary_staging s SET matched_kode = u.kode, matched_by = 'nama'
     FROM (
       SELECT nama_normalized, min(kode) AS kode FROM registry_names
       WHERE kode LIKE ? GROUP BY nama_normalized HAVING count(*) = 1
     ) u
     WHERE s.matched_kode IS NULL AND s.nama_normalized = u.nama_normalized
       AND (s.kode IS NULL OR s.kode LIKE ?)`,
    [regionLike, regionLike],
  );
}

export interface StagingOutcome {
  matched: number;
  matched_by_name: number;
  outside_region: number;
  unmatched: Array<{ ordinal: number; kode: string | null; nama: string | null }>;
  duplicates: Array<{ kode: string; ordinals: number[] }>;
  repaired: Array<{ kode: string; nama: string; reason: string }>;
}

export async function summarizeStaging(trx: Knex.Transaction, regionLike: string): Promise<StagingOutcome> {
  const counts = await trx.raw<{ rows: Array<{ matched: number; by_name: number; outside: number }> }>(
    `SELECT count(DISTINCT matched_kode) AS matched,
            count(DISTINCT matched_kode) FILTER (WHERE matched_by = 'nama') AS by_name,
            count(*) FILTER (WHERE matched_kode IS NULL AND kode IS NOT NULL AND kode NOT LIKE ?) AS outside
     FROM boundary_staging`,
    [regionLike],
  );
  const unmatched = await trx.raw<{ rows: Array<{ ordinal: number; kode: string | null; nama: string | null }> }>(
    `SELECT ordinal, kode, nama FROM boundary_staging
     WHERE matched_kode IS NULL AND (kode IS NULL OR kode LIKE ?) ORDER BY ordinal`,
    [regionLike],
  );
  const duplicates = await trx.raw<{ rows: Array<{ kode: string; ordinals: number[] }> }>(
    `SELECT matched_kode AS kode, array_agg(ordinal ORDER BY ordinal) AS ordinals
     FROM boundary_staging WHERE matched_kode IS NOT NULL
     GROUP BY matched_kode HAVING count(*) > 1 ORDER BY matched_kode`,
  );
  const repaired = await trx.raw<{ rows: Array<{ kode: string; nama: string; reason: string }> }>(
    `SELECT s.matched_kode AS kode, k.nama, s.invalid_reason AS reason
     FROM boundary_staging s JOIN kelurahan k ON k.kode = s.matched_kode
     WHERE s.invalid_reason IS NOT NULL ORDER BY s.matched_kode`,
  );
  const row = counts.rows[0] ?? { matched: 0, by_name: 0, outside: 0 };
  return {
    matched: Number(row.matched),
    matched_by_name: Number(row.by_name),
    outside_region: Number(row.outside),
    unmatched: unmatched.rows,
    duplicates: duplicates.rows.map((d) => ({ kode: d.kode, ordinals: d.ordinals.map(Number) })),
    repaired: repaired.rows,
  };
}

/**
 * Writes the matched geometries into the registry. Several features with one code (a kelurahan split into
 * parts) are unioned. The area is ellipsoidal (geography), like everywhere in Tapak.
 */
export async function applyStagedBoundaries(trx: Knex.Transaction, sourceName: string): Promise<void> {
  await trx.raw(
    `UPDATE kelurahan k
     SET geom = m.geom, area_m2 = ST_Area(m.geom::geography), boundary_source = ?, boundary_updated_at = now()
     FROM (
       SELECT matched_kode, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom
       FROM boundary_staging WHERE matched_kode IS NOT NULL AND NOT ST_IsEmpty(geom)
       GROUP BY matched_kode
     ) m
     WHERE k.kode = m.matched_kode`,
    [sourceName],
  );
}

export async function listKelurahanWithoutBoundary(
  knex: Knex | Knex.Transaction,
  regionLike: string,
): Promise<Array<{ kode: string; nama: string }>> {
  return knex('kelurahan')
    .select('kode', 'nama')
    .whereNull('geom')
    .andWhere('kode', 'like', regionLike)
    .orderBy('kode');
}

export async function listRegistryNames(
  knex: Knex | Knex.Transaction,
  regionLike: string,
): Promise<Array<{ kode: string; nama: string; kecamatan_kode: string; kecamatan_nama: string }>> {
  return knex('kelurahan as k')
    .join('kecamatan as c', 'c.kode', 'k.kecamatan_kode')
    .select('k.kode', 'k.nama', 'k.kecamatan_kode', 'c.nama as kecamatan_nama')
    .where('k.kode', 'like', regionLike);
}
