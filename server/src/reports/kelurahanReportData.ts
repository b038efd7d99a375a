import type { AreaGeometry, CheckResult, LonLat, ParcelStatus, PolygonGeometry, Verdict } from '@tapak/core';
import type { Knex } from 'knex';
import {
  neighbourBoundaries,
  type ReportKelurahanRow,
  type ReportParcelRow,
  reportKelurahan,
  reportParcels,
} from '../repositories/reportRepository.ts';

/**
 * What one kelurahan's report pages show, read from the database once and parsed into plain values. The
 * single report and the atlas build the same structure, so they print the same page.
 */

export interface ReportKelurahan {
  kode: string;
  nama: string;
  jenis: 'kelurahan' | 'desa';
  kecamatanKode: string;
  kecamatanNama: string;
  kabkotaNama: string;
  provinsiNama: string;
  boundary: AreaGeometry | null;
  labelPosition: LonLat | null;
}

export interface ReportParcel {
  id: string;
  name: string;
  areaSquareMeters: number;
  verdict: Verdict;
  status: ParcelStatus;
  isPrimary: boolean;
  shortlisted: boolean;
  rank: number;
  checks: CheckResult[];
  geometry: AreaGeometry;
  footprint: PolygonGeometry | null;
  labelPosition: LonLat;
}

export interface NeighbourKelurahan {
  nama: string;
  boundary: AreaGeometry;
  labelPosition: LonLat;
}

export interface KelurahanReportData {
  kelurahan: ReportKelurahan;
  /** Live candidates, best rank first. */
  parcels: ReportParcel[];
  /** Kelurahan around it, drawn in grey for orientation. */
  neighbours: NeighbourKelurahan[];
  printedAt: Date;
}

/** How far around a kelurahan (in degrees, about 1.1 km) its neighbours are looked for. */
export const neighbourMarginDegrees = 0.01;

export function toReportKelurahan(row: ReportKelurahanRow): ReportKelurahan {
  return {
    kode: row.kode,
    nama: row.nama,
    jenis: row.jenis,
    kecamatanKode: row.kecamatan_kode,
    kecamatanNama: row.kecamatan_nama,
    kabkotaNama: row.kabkota_nama,
    provinsiNama: row.provinsi_nama,
    boundary: row.boundary_json ? (JSON.parse(row.boundary_json) as AreaGeometry) : null,
    labelPosition: row.label_lon !== null && row.label_lat !== null ? [row.label_lon, row.label_lat] : null,
  };
}

export function toReportParcel(row: ReportParcelRow): ReportParcel {
  return {
    id: row.id,
    name: row.name,
    areaSquareMeters: row.area_m2,
    verdict: row.verdict,
    status: row.status as ParcelStatus,
    isPrimary: row.is_primary,
    shortlisted: row.shortlisted,
    rank: row.rank,
    checks: row.checks,
    geometry: JSON.parse(row.geometry_json) as AreaGeometry,
    footprint: row.footprint_json ? (JSON.parse(row.footprint_json) as PolygonGeometry) : null,
    labelPosition: [row.label_lon, row.label_lat],
  };
}

/** One kelurahan's report data, or null when the region has no kelurahan with that code. */
export async function loadKelurahanReportData(
  knex: Knex,
  regionCode: string,
  kode: string,
  printedAt: Date,
): Promise<KelurahanReportData | null> {
  const [row] = await reportKelurahan(knex, regionCode, { kode });
  if (!row) return null;
  const [parcelRows, neighbourRows] = await Promise.all([
    reportParcels(knex, regionCode, { kode }),
    neighbourBoundaries(knex, regionCode, kode, neighbourMarginDegrees),
  ]);
  return {
    kelurahan: toReportKelurahan(row),
    parcels: parcelRows.map(toReportParcel),
    neighbours: neighbourRows.map((n) => ({
      nama: n.nama,
      boundary: JSON.parse(n.boundary_json) as AreaGeometry,
      labelPosition: [n.label_lon, n.label_lat],
    })),
    printedAt,
  };
}
