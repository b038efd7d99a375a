import type { CheckResult } from '@tapak/core';
import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/**
 * All SQL of the PDF reports. PostGIS emits the GeoJSON of boundaries, parcels and footprints (6 decimals,
 * about 11 cm: far below what a printed map at 1:5,000 or smaller can show) and the label point of each parcel.
 */

type Queryable = Knex | Knex.Transaction;

/** Six decimals of a degree is about 11 cm at the equator: invisible on paper, and it keeps the PDF small. */
const printDecimals = 6;

export interface ReportKelurahanRow {
  kode: string;
  nama: string;
  jenis: 'kelurahan' | 'desa';
  kecamatan_kode: string;
  kecamatan_nama: string;
  kabkota_kode: string;
  kabkota_nama: string;
  provinsi_nama: string;
  area_m2: number | null;
  /** ST_AsGeoJSON text of the boundary, or null when no boundary was imported. */
  boundary_json: string | null;
  /** A point inside the boundary (ST_PointOnSurface) for its name on a map; null without a boundary. */
  label_lon: number | null;
  label_lat: number | null;
}

export interface ReportKelurahanScope {
  kode?: string;
  kecamatan?: string;
}

const kelurahanSelectSql = `
  SELECT k.kode, k.nama, k.jenis, c.kode AS kecamatan_kode, c.nama AS kecamatan_nama,
         b.kode AS kabkota_kode, b.nama AS kabkota_nama, b.provinsi_nama, k.area_m2,
         CASE WHEN k.geom IS NULL THEN NULL ELSE ST_AsGeoJSON(k.geom, ${printDecimals}) END AS boundary_json,
         ST_X(ST_PointOnSurface(k.geom)) AS label_lon, ST_Y(ST_PointOnSurface(k.geom)) AS label_lat
  FROM kelurahan k
  JOIN kecamatan c ON c.kode = k.kecamatan_kode
  JOIN kabkota b ON b.kode = c.kabkota_kode`;

function toKelurahanRow(row: ReportKelurahanRow): ReportKelurahanRow {
  return {
    ...row,
    area_m2: row.area_m2 === null ? null : Number(row.area_m2),
    label_lon: row.label_lon === null ? null : Number(row.label_lon),
    label_lat: row.label_lat === null ? null : Number(row.label_lat),
  };
}

/** Kelurahan of the region with their names up to the province and their boundary, ordered by code. */
export async function reportKelurahan(
  knex: Queryable,
  regionCode: string,
  scope: ReportKelurahanScope = {},
): Promise<ReportKelurahanRow[]> {
  const result = await knex.raw<{ rows: ReportKelurahanRow[] }>(
    `${kelurahanSelectSql}
     WHERE k.kode LIKE ?
       AND (?::text IS NULL OR k.kode = ?)
       AND (?::text IS NULL OR c.kode = ?)
     ORDER BY k.kode`,
    [
      regionKodePattern(regionCode),
      scope.kode ?? null,
      scope.kode ?? null,
      scope.kecamatan ?? null,
      scope.kecamatan ?? null,
    ],
  );
  return result.rows.map(toKelurahanRow);
}

/**
 * The kelurahan of one kecamatan plus every kelurahan of the region whose boundary comes within
 * `marginDegrees` of the kecamatan's extent: a kecamatan atlas draws those as neighbours without reading the
 * whole region (a province holds thousands of boundaries).
 */
export async function reportKelurahanAroundKecamatan(
  knex: Queryable,
  regionCode: string,
  kecamatanKode: string,
  marginDegrees: number,
): Promise<ReportKelurahanRow[]> {
  const result = await knex.raw<{ rows: ReportKelurahanRow[] }>(
    `WITH extent AS (
       SELECT ST_Expand(ST_Extent(geom)::geometry, ?) AS box FROM kelurahan WHERE kecamatan_kode = ?
     )
     ${kelurahanSelectSql}
     CROSS JOIN extent
     WHERE k.kode LIKE ? AND (c.kode = ? OR (extent.box IS NOT NULL AND k.geom && extent.box))
     ORDER BY k.kode`,
    [marginDegrees, kecamatanKode, regionKodePattern(regionCode), kecamatanKode],
  );
  return result.rows.map(toKelurahanRow);
}

export interface NeighbourBoundaryRow {
  kode: string;
  nama: string;
  boundary_json: string;
  label_lon: number;
  label_lat: number;
}

/**
 * Kelurahan of the region whose boundary comes within `marginDegrees` of the given kelurahan's bounding box,
 * drawn in grey around it so a reader can place the map.
 */
export async function neighbourBoundaries(
  knex: Queryable,
  regionCode: string,
  kode: string,
  marginDegrees: number,
): Promise<NeighbourBoundaryRow[]> {
  const result = await knex.raw<{ rows: NeighbourBoundaryRow[] }>(
    `SELECT n.kode, n.nama, ST_AsGeoJSON(n.geom, ${printDecimals}) AS boundary_json,
            ST_X(ST_PointOnSurface(n.geom)) AS label_lon, ST_Y(ST_PointOnSurface(n.geom)) AS label_lat
     FROM kelurahan k
     JOIN kelurahan n ON n.geom && ST_Expand(k.geom, ?) AND n.kode <> k.kode
     WHERE k.kode = ? AND n.kode LIKE ? AND k.geom IS NOT NULL
     ORDER BY n.kode`,
    [marginDegrees, kode, regionKodePattern(regionCode)],
  );
  return result.rows.map((row) => ({ ...row, label_lon: Number(row.label_lon), label_lat: Number(row.label_lat) }));
}

export interface ReportParcelRow {
  id: string;
  kelurahan_kode: string;
  name: string;
  area_m2: number;
  verdict: 'memenuhi' | 'tidak_memenuhi' | 'belum_lengkap';
  qualifies: boolean;
  status: string;
  is_primary: boolean;
  shortlisted: boolean;
  /** Place among the kelurahan's live candidates (1 = best), ordered as the parcel API ranks them. */
  rank: number;
  checks: CheckResult[];
  geometry_json: string;
  footprint_json: string | null;
  label_lon: number;
  label_lat: number;
}

/**
 * Live parcels of one kelurahan, or of every kelurahan of the region (optionally one kecamatan), best first.
 * The rank orders like the parcel API's `rank` (qualifying first, then score, then area, then id), computed
 * here with one window function instead of a correlated count per parcel.
 */
export async function reportParcels(
  knex: Queryable,
  regionCode: string,
  scope: ReportKelurahanScope = {},
): Promise<ReportParcelRow[]> {
  const result = await knex.raw<{ rows: ReportParcelRow[] }>(
    `SELECT p.id, p.kelurahan_kode, p.name, p.area_m2, p.verdict, p.qualifies, p.status, p.is_primary,
            p.shortlisted, p.checks,
            row_number() OVER (
              PARTITION BY p.kelurahan_kode ORDER BY p.qualifies DESC, p.score DESC, p.area_m2 DESC, p.id) AS rank,
            ST_AsGeoJSON(p.geom, ${printDecimals}) AS geometry_json,
            CASE WHEN p.footprint IS NULL THEN NULL ELSE ST_AsGeoJSON(p.footprint, ${printDecimals}) END
              AS footprint_json,
            ST_X(ST_PointOnSurface(p.geom)) AS label_lon,
            ST_Y(ST_PointOnSurface(p.geom)) AS label_lat
     FROM parcels p
     JOIN kelurahan k ON k.kode = p.kelurahan_kode
     WHERE p.deleted_at IS NULL AND p.kelurahan_kode LIKE ?
       AND (?::text IS NULL OR p.kelurahan_kode = ?)
       AND (?::text IS NULL OR k.kecamatan_kode = ?)
     ORDER BY p.kelurahan_kode, rank`,
    [
      regionKodePattern(regionCode),
      scope.kode ?? null,
      scope.kode ?? null,
      scope.kecamatan ?? null,
      scope.kecamatan ?? null,
    ],
  );
  return result.rows.map((row) => ({
    ...row,
    area_m2: Number(row.area_m2),
    rank: Number(row.rank),
    label_lon: Number(row.label_lon),
    label_lat: Number(row.label_lat),
    // jsonb arrives parsed from both drivers; a text fallback keeps a driver change from breaking reports.
    checks: typeof row.checks === 'string' ? (JSON.parse(row.checks) as CheckResult[]) : row.checks,
  }));
}
