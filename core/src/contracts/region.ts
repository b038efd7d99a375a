import { z } from 'zod';

export const regionSummarySchema = z.object({
  kode: z.string(),
  nama: z.string(),
  level: z.enum(['nasional', 'provinsi', 'kabkota']),
});

export const bilingualTextSchema = z.object({ id: z.string(), en: z.string() });

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['pglite', 'postgres']),
  postgis: z.string(),
  region: regionSummarySchema,
  kecamatan: z.number().int(),
  kelurahan: z.number().int(),
  kelurahan_with_boundary: z.number().int(),
  boundaries: z.object({
    status: z.enum(['ready', 'partial', 'missing', 'fetching']),
    hint: bilingualTextSchema.optional(),
  }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** A Kemendagri desa/kelurahan code in dotted form, e.g. 32.75.01.1001. */
export const kelurahanKodeSchema = z
  .string()
  .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode desa/kelurahan: 32.75.01.1001');

export const kelurahanPropertiesSchema = z.object({
  kode: z.string(),
  nama: z.string(),
  jenis: z.enum(['kelurahan', 'desa']),
  kecamatan_kode: z.string(),
  kecamatan_nama: z.string(),
  kabkota_kode: z.string(),
  kabkota_nama: z.string(),
  area_m2: z.number().nullable(),
  candidates: z.number().int(),
  qualifying: z.number().int(),
  shortlisted: z.number().int(),
  best_qualifying_area_m2: z.number().nullable(),
  primary_status: z.string().nullable(),
});
export type KelurahanProperties = z.infer<typeof kelurahanPropertiesSchema>;

const geoJsonGeometrySchema = z.object({ type: z.string(), coordinates: z.array(z.any()) });

export const kelurahanFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: geoJsonGeometrySchema.nullable(),
  properties: kelurahanPropertiesSchema,
});

export const kelurahanCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(kelurahanFeatureSchema),
});

export const boundaryImportReportSchema = z.object({
  source: z.string(),
  format: z.enum(['geojson', 'wilayah-sql']),
  features_read: z.number().int(),
  matched: z.number().int(),
  matched_by_name: z.number().int(),
  unmatched: z.array(z.object({ ordinal: z.number().int(), kode: z.string().nullable(), nama: z.string().nullable() })),
  outside_region: z.number().int(),
  repaired: z.array(z.object({ kode: z.string(), nama: z.string(), reason: z.string() })),
  duplicates: z.array(z.object({ kode: z.string(), ordinals: z.array(z.number().int()) })),
  without_boundary: z.array(z.object({ kode: z.string(), nama: z.string() })),
  without_boundary_count: z.number().int(),
  duration_ms: z.number(),
});
export type BoundaryImportReport = z.infer<typeof boundaryImportReportSchema>;
