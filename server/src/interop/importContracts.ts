import { parcelAttributesPatchSchema } from '@tapak/core';
import { z } from 'zod';
import { importTargets } from './importTargets.ts';
import { importFormats } from './sourceFeature.ts';

/** The request and response shapes of the two-step parcel import (documented in OpenAPI through these). */

const localized = z.object({ id: z.string(), en: z.string() });
const importTarget = z.enum(importTargets);

export const importPreviewQuerySchema = z
  .object({
    format: z.enum(importFormats).optional().describe('Lewati deteksi format / skip format detection'),
    crs: z
      .string()
      .regex(/^(EPSG:)?\d{4,5}$/i, 'crs: EPSG:nnnn')
      .optional()
      .describe('Sistem koordinat berkas, mis. EPSG:32748 / the file CRS, e.g. EPSG:32748'),
  })
  .strict();

export const importIssueSchema = z.object({
  feature: z.number().int().describe('Nomor fitur dalam berkas (mulai 1) / feature number in the file (from 1)'),
  row: z.number().int().nullable().describe('Baris lembar kerja (judul = 1) / spreadsheet row (header = 1)'),
  reason: z.string(),
  message: localized,
  effect: z.enum(['skipped', 'blocks_commit']),
  position: z.tuple([z.number(), z.number()]).optional(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export const importPreviewSchema = z.object({
  import_id: z.string().uuid(),
  format: z.enum(importFormats),
  crs_detected: z.object({
    code: z.string().nullable(),
    name: z.string(),
    source: z.enum(['default', 'query', 'geojson_crs', 'prj', 'geopackage', 'wkt_srid', 'format']),
    reprojected: z.boolean(),
  }),
  feature_count: z.number().int(),
  importable_count: z.number().int(),
  skipped_count: z.number().int(),
  blocking_count: z.number().int(),
  fields: z.array(
    z.object({ name: z.string(), type: z.enum(['text', 'number', 'boolean', 'list', 'empty', 'mixed']) }),
  ),
  sample: z.array(
    z.object({
      feature: z.number().int(),
      row: z.number().int().nullable(),
      geometry: z.unknown(),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
  errors: z.array(importIssueSchema),
  errors_total: z.number().int(),
  notes: z.array(z.object({ reason: z.string(), message: localized })),
  mapping_suggestion: z.record(z.string(), importTarget.nullable()),
  targets: z.array(importTarget),
  expires_at: z.string(),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importIdParamsSchema = z.object({ import_id: z.string().uuid('import_id berupa UUID') });

export const importCommitSchema = z
  .object({
    mapping: z
      .record(z.string(), importTarget.nullable())
      .describe('Kolom berkas → atribut bidang (null = abaikan) / file field → parcel attribute (null = ignore)'),
    defaults: parcelAttributesPatchSchema
      .optional()
      .describe('Nilai bila kolom kosong / values where the field is blank'),
  })
  .strict();
export type ImportCommit = z.infer<typeof importCommitSchema>;

export const importCommitResultSchema = z.object({
  import_id: z.string().uuid(),
  created_count: z.number().int(),
  parcel_ids: z.array(z.string()),
  skipped: z.array(importIssueSchema),
});
export type ImportCommitResult = z.infer<typeof importCommitResultSchema>;
