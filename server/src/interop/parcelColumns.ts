import type { ParcelProperties } from './parcelFeature.ts';

/** A value in a flat table cell (CSV, XLSX, DBF, GeoPackage, KML ExtendedData). */
export type FlatValue = string | number | boolean | null;

export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'date';

export interface ParcelColumn {
  /** The column name in CSV, XLSX, GeoPackage and KML: the GeoJSON property name, nested ones joined by `_`. */
  key: string;
  /** The Shapefile (dBase) field name: at most 10 characters, unique; README lists them. */
  shp: string;
  type: ColumnType;
  /** Decimals written for `real` columns in a Shapefile (dBase N fields have a fixed width). */
  decimals?: number;
  value: (p: ParcelProperties) => FlatValue;
}

const text = (value: string | null | undefined): FlatValue => (value === undefined ? null : value);

/**
 * The flat form of a parcel shared by every tabular export, in this order. What a planner entered comes first
 * (these columns read back on import), then what the server computed (ignored on import: it is recomputed).
 * Tags are joined with "; ".
 */
export const parcelColumns: readonly ParcelColumn[] = [
  { key: 'id', shp: 'id', type: 'text', value: (p) => p.id },
  { key: 'name', shp: 'name', type: 'text', value: (p) => p.name },
  { key: 'kelurahan_kode', shp: 'kel_kode', type: 'text', value: (p) => p.kelurahan_kode },
  { key: 'kelurahan_nama', shp: 'kel_nama', type: 'text', value: (p) => p.kelurahan_nama },
  { key: 'kecamatan_kode', shp: 'kec_kode', type: 'text', value: (p) => p.kecamatan_kode },
  { key: 'kecamatan_nama', shp: 'kec_nama', type: 'text', value: (p) => p.kecamatan_nama },
  { key: 'source', shp: 'source', type: 'text', value: (p) => p.source },
  { key: 'owner_class', shp: 'owner_cls', type: 'text', value: (p) => p.owner_class },
  { key: 'legal_status', shp: 'legal_stat', type: 'text', value: (p) => p.legal_status },
  { key: 'current_use', shp: 'curr_use', type: 'text', value: (p) => p.current_use },
  { key: 'is_vacant', shp: 'is_vacant', type: 'boolean', value: (p) => p.is_vacant },
  { key: 'status', shp: 'status', type: 'text', value: (p) => p.status },
  { key: 'status_reason', shp: 'stat_rsn', type: 'text', value: (p) => p.status_reason },
  { key: 'shortlisted', shp: 'shortlist', type: 'boolean', value: (p) => p.shortlisted },
  { key: 'shortlist_rank', shp: 'short_rank', type: 'integer', value: (p) => p.shortlist_rank },
  { key: 'is_primary', shp: 'is_primary', type: 'boolean', value: (p) => p.is_primary },
  { key: 'tags', shp: 'tags', type: 'text', value: (p) => (p.tags.length > 0 ? p.tags.join('; ') : null) },
  { key: 'notes', shp: 'notes', type: 'text', value: (p) => p.notes },
  { key: 'kib_a_kode_barang', shp: 'kib_kdbrg', type: 'text', value: (p) => text(p.kib_a.kode_barang) },
  { key: 'kib_a_register', shp: 'kib_reg', type: 'text', value: (p) => text(p.kib_a.register) },
  { key: 'kib_a_hak', shp: 'kib_hak', type: 'text', value: (p) => text(p.kib_a.hak) },
  { key: 'kib_a_sertifikat_nomor', shp: 'kib_sertno', type: 'text', value: (p) => text(p.kib_a.sertifikat_nomor) },
  { key: 'kib_a_sertifikat_tanggal', shp: 'kib_serttg', type: 'date', value: (p) => text(p.kib_a.sertifikat_tanggal) },
  {
    key: 'kib_a_tahun_pengadaan',
    shp: 'kib_thn',
    type: 'integer',
    value: (p) => p.kib_a.tahun_pengadaan ?? null,
  },
  { key: 'kib_a_penggunaan', shp: 'kib_guna', type: 'text', value: (p) => text(p.kib_a.penggunaan) },
  { key: 'kib_a_asal_usul', shp: 'kib_asal', type: 'text', value: (p) => text(p.kib_a.asal_usul) },
  { key: 'kib_a_alamat', shp: 'kib_alamat', type: 'text', value: (p) => text(p.kib_a.alamat) },
  {
    key: 'kib_a_luas_sertifikat_m2',
    shp: 'kib_luasm2',
    type: 'real',
    decimals: 3,
    value: (p) => p.kib_a.luas_sertifikat_m2 ?? null,
  },
  { key: 'fasos_fasum_perumahan', shp: 'ff_perum', type: 'text', value: (p) => text(p.fasos_fasum.perumahan) },
  { key: 'fasos_fasum_developer', shp: 'ff_dev', type: 'text', value: (p) => text(p.fasos_fasum.developer) },
  { key: 'fasos_fasum_bast_nomor', shp: 'ff_bastno', type: 'text', value: (p) => text(p.fasos_fasum.bast_nomor) },
  { key: 'fasos_fasum_bast_tanggal', shp: 'ff_basttg', type: 'date', value: (p) => text(p.fasos_fasum.bast_tanggal) },
  {
    key: 'fasos_fasum_handover_status',
    shp: 'ff_serah',
    type: 'text',
    value: (p) => text(p.fasos_fasum.handover_status),
  },
  { key: 'area_m2', shp: 'area_m2', type: 'real', decimals: 2, value: (p) => p.area_m2 },
  { key: 'verdict', shp: 'verdict', type: 'text', value: (p) => p.verdict },
  { key: 'qualifies', shp: 'qualifies', type: 'boolean', value: (p) => p.qualifies },
  { key: 'score', shp: 'score', type: 'real', decimals: 4, value: (p) => p.score },
  { key: 'rank', shp: 'rank', type: 'integer', value: (p) => p.rank ?? null },
  { key: 'fits_prototype', shp: 'fits_proto', type: 'boolean', value: (p) => p.fits_prototype },
  { key: 'crosses_border', shp: 'cross_brdr', type: 'boolean', value: (p) => p.crosses_border },
  {
    key: 'checks_failed',
    shp: 'chk_failed',
    type: 'text',
    value: (p) =>
      p.checks
        .filter((c) => c.status === 'fail')
        .map((c) => c.id)
        .join('; ') || null,
  },
  { key: 'point_lon', shp: 'point_lon', type: 'real', decimals: 7, value: (p) => p.point[0] },
  { key: 'point_lat', shp: 'point_lat', type: 'real', decimals: 7, value: (p) => p.point[1] },
  { key: 'version', shp: 'version', type: 'integer', value: (p) => p.version },
  { key: 'created_at', shp: 'created_at', type: 'text', value: (p) => p.created_at },
  { key: 'updated_at', shp: 'updated_at', type: 'text', value: (p) => p.updated_at },
];

/** The WKT geometry column of CSV and XLSX exports (the importer also recognises other common names). */
export const wktColumn = 'wkt';
