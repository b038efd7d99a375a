import type { ParcelStatus } from '@tapak/core';
import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/** All SQL of the dashboard: read-only aggregates over the region's live (not deleted) parcels. */

type Queryable = Knex | Knex.Transaction;

/** Live parcels per pipeline status; statuses without parcels are absent (the route fills in zeros). */
export async function liveParcelCountsByStatus(knex: Queryable, regionCode: string): Promise<Map<string, number>> {
  const result = await knex.raw<{ rows: Array<{ status: string; parcels: number | string }> }>(
    `SELECT p.status, count(*) AS parcels
     FROM parcels p
     WHERE p.deleted_at IS NULL AND p.kelurahan_kode LIKE ?
     GROUP BY p.status`,
    [regionKodePattern(regionCode)],
  );
  // count(*) is a bigint: a number from PGlite, a string from pg.
  return new Map(result.rows.map((row) => [row.status, Number(row.parcels)]));
}

export interface CandidateAreaRow {
  id: string;
  name: string;
  kelurahan_kode: string;
  kelurahan_nama: string;
  kecamatan_nama: string;
  /** The column's CHECK constraint holds it to the code list. */
  status: ParcelStatus;
  area_m2: number;
  qualifies: boolean;
}

/** Live candidates (not deleted, not rejected) by ascending area, with their kelurahan and kecamatan names. */
export async function liveCandidateAreas(knex: Queryable, regionCode: string): Promise<CandidateAreaRow[]> {
  const result = await knex.raw<{ rows: CandidateAreaRow[] }>(
    `SELECT p.id::text AS id, p.name, p.kelurahan_kode, k.nama AS kelurahan_nama, c.nama AS kecamatan_nama,
            p.status, p.area_m2, p.qualifies
     FROM parcels p
     JOIN kelurahan k ON k.kode = p.kelurahan_kode
     JOIN kecamatan c ON c.kode = k.kecamatan_kode
     WHERE p.deleted_at IS NULL AND p.status <> ? AND p.kelurahan_kode LIKE ?
     ORDER BY p.area_m2, p.id`,
    ['ditolak', regionKodePattern(regionCode)],
  );
  return result.rows.map((row) => ({ ...row, area_m2: Number(row.area_m2) }));
}
