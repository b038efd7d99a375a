import type { Knex } from 'knex';

/**
 * All SQL about the region registry and its boundaries. PostGIS builds the GeoJSON (counter-clockwise
 * exteriors per RFC 7946, 7 decimals ≈ 1 cm) and the server passes the text through without re-parsing it.
 */

const regionLike = (regionCode: string) => (regionCode === 'ID' ? '%' : `${regionCode}.%`);

// Coverage columns are zero until parcels exist; the parcels issue fills them from the parcels table.
const featureSql = `
  json_build_object(
    'type', 'Feature',
    'id', k.kode,
    'geometry', CASE WHEN k.geom IS NULL THEN NULL ELSE ST_AsGeoJSON(ST_ForcePolygonCCW(k.geom), 7)::json END,
    'properties', json_build_object(
      'kode', k.kode,
      'nama', k.nama,
      'jenis', k.jenis,
      'kecamatan_kode', c.kode,
      'kecamatan_nama', c.nama,
      'kabkota_kode', b.kode,
      'kabkota_nama', b.nama,
      'area_m2', k.area_m2,
      'candidates', 0,
      'qualifying', 0,
      'shortlisted', 0,
      'best_qualifying_area_m2', NULL
    )
  )`;

const fromSql = `
  FROM kelurahan k
  JOIN kecamatan c ON c.kode = k.kecamatan_kode
  JOIN kabkota b ON b.kode = c.kabkota_kode`;

export async function kelurahanCollectionJson(knex: Knex, regionCode: string): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ collection: string }> }>(
    `SELECT json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(f.feature ORDER BY f.kode), '[]'::json)
     )::text AS collection
     FROM (SELECT k.kode, ${featureSql} AS feature ${fromSql} WHERE k.kode LIKE ?) f`,
    [regionLike(regionCode)],
  );
  return result.rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}

export async function kelurahanFeatureJson(knex: Knex, regionCode: string, kode: string): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ feature: string }> }>(
    `SELECT ${featureSql}::text AS feature ${fromSql} WHERE k.kode = ? AND k.kode LIKE ?`,
    [kode, regionLike(regionCode)],
  );
  return result.rows[0]?.feature ?? null;
}

export interface RegistryCounts {
  kecamatan: number;
  kelurahan: number;
  kelurahan_with_boundary: number;
}

export async function registryCounts(knex: Knex, regionCode: string): Promise<RegistryCounts> {
  const pattern = regionLike(regionCode);
  const result = await knex.raw<{ rows: Array<RegistryCounts> }>(
    `SELECT
       (SELECT count(*) FROM kecamatan WHERE kode LIKE ?) AS kecamatan,
       count(*) AS kelurahan,
       count(geom) AS kelurahan_with_boundary
     FROM kelurahan WHERE kode LIKE ?`,
    [pattern, pattern],
  );
  const row = result.rows[0];
  return {
    kecamatan: Number(row?.kecamatan ?? 0),
    kelurahan: Number(row?.kelurahan ?? 0),
    kelurahan_with_boundary: Number(row?.kelurahan_with_boundary ?? 0),
  };
}

/** The kab/kota codes of a region, for fetching the public dataset one file per kab/kota. */
export async function kabkotaCodes(knex: Knex, regionCode: string): Promise<string[]> {
  const rows = await knex('kabkota')
    .select('kode')
    .modify((query) => {
      if (regionCode !== 'ID') query.where('kode', regionCode).orWhere('kode', 'like', `${regionCode}.%`);
    })
    .orderBy('kode');
  return rows.map((row: { kode: string }) => row.kode);
}
