import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/**
 * All SQL about the region registry and its boundaries. PostGIS builds the GeoJSON (counter-clockwise
 * exteriors per RFC 7946, 7 decimals ≈ 1 cm) and the server passes the text through without re-parsing it.
 */

// Per-kelurahan counts of live parcels, joined LATERAL so one query serves the map and the coverage table.
const coverageJoinSql = `
  LEFT JOIN LATERAL (
    SELECT count(*) AS candidates,
           count(*) FILTER (WHERE p.qualifies) AS qualifying,
           count(*) FILTER (WHERE p.shortlisted) AS shortlisted,
           max(p.area_m2) FILTER (WHERE p.qualifies) AS best_qualifying_area_m2
    FROM parcels p WHERE p.kelurahan_kode = k.kode AND p.deleted_at IS NULL
  ) cov ON true
  LEFT JOIN parcels prim ON prim.kelurahan_kode = k.kode AND prim.is_primary AND prim.deleted_at IS NULL`;

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
      'candidates', cov.candidates,
      'qualifying', cov.qualifying,
      'shortlisted', cov.shortlisted,
      'best_qualifying_area_m2', cov.best_qualifying_area_m2,
      'primary_status', prim.status
    )
  )`;

const fromSql = `
  FROM kelurahan k
  JOIN kecamatan c ON c.kode = k.kecamatan_kode
  JOIN kabkota b ON b.kode = c.kabkota_kode
  ${coverageJoinSql}`;

export async function kelurahanCollectionJson(knex: Knex, regionCode: string): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ collection: string }> }>(
    `SELECT json_build_object(
       'type', 'FeatureCollection',
       'features', coalesce(json_agg(f.feature ORDER BY f.kode), '[]'::json)
     )::text AS collection
     FROM (SELECT k.kode, ${featureSql} AS feature ${fromSql} WHERE k.kode LIKE ?) f`,
    [regionKodePattern(regionCode)],
  );
  return result.rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}

export async function kelurahanFeatureJson(knex: Knex, regionCode: string, kode: string): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ feature: string }> }>(
    `SELECT ${featureSql}::text AS feature ${fromSql} WHERE k.kode = ? AND k.kode LIKE ?`,
    [kode, regionKodePattern(regionCode)],
  );
  return result.rows[0]?.feature ?? null;
}

export interface RegistryCounts {
  kecamatan: number;
  kelurahan: number;
  kelurahan_with_boundary: number;
}

export async function registryCounts(knex: Knex, regionCode: string): Promise<RegistryCounts> {
  const pattern = regionKodePattern(regionCode);
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

export interface CoverageRow {
  kode: string;
  nama: string;
  kecamatan_kode: string;
  kecamatan_nama: string;
  has_boundary: boolean;
  candidates: number;
  qualifying: number;
  shortlisted: number;
  best_qualifying_area_m2: number | null;
  primary_id: string | null;
  primary_name: string | null;
  primary_status: string | null;
}

export async function coverageRows(
  knex: Knex | Knex.Transaction,
  regionCode: string,
  kecamatanKode?: string,
): Promise<CoverageRow[]> {
  const result = await knex.raw<{ rows: CoverageRow[] }>(
    `SELECT k.kode, k.nama, c.kode AS kecamatan_kode, c.nama AS kecamatan_nama, k.geom IS NOT NULL AS has_boundary,
            cov.candidates, cov.qualifying, cov.shortlisted, cov.best_qualifying_area_m2,
            prim.id AS primary_id, prim.name AS primary_name, prim.status AS primary_status
     ${fromSql}
     WHERE k.kode LIKE ? AND (?::text IS NULL OR c.kode = ?)
     ORDER BY k.kode`,
    [regionKodePattern(regionCode), kecamatanKode ?? null, kecamatanKode ?? null],
  );
  return result.rows.map((row) => ({
    ...row,
    candidates: Number(row.candidates),
    qualifying: Number(row.qualifying),
    shortlisted: Number(row.shortlisted),
  }));
}
