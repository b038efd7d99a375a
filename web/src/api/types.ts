import type { MultiPolygon } from 'geojson';

// Mirrors the server's contracts. When @tapak/core exports the zod schemas for these, import the
// inferred types from there instead of keeping a copy here.

export type LocalizedText = { id: string; en: string };

export type BoundariesStatus = 'ready' | 'missing' | 'fetching';

export type Health = {
  status: 'ok';
  db: 'pglite' | 'postgres';
  postgis: string;
  region: { kode: string; nama: string };
  kelurahan: number;
  kelurahan_with_boundary: number;
  boundaries: { status: BoundariesStatus; hint?: LocalizedText };
};

export type KelurahanProperties = {
  kode: string;
  nama: string;
  jenis: 'kelurahan' | 'desa';
  kecamatan_kode: string;
  kecamatan_nama: string;
  area_m2: number | null;
  candidates: number;
  qualifying: number;
  shortlisted: number;
  best_qualifying_area_m2: number | null;
};

export type KelurahanFeature = {
  type: 'Feature';
  id: string;
  geometry: MultiPolygon | null;
  properties: KelurahanProperties;
};

export type KelurahanCollection = { type: 'FeatureCollection'; features: KelurahanFeature[] };

/** RFC 9457 problem details, as the server sends them. */
export type Problem = { type: string; title: string; status: number; detail?: string };
