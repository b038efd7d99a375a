import { z } from 'zod';
import { parcelStatuses } from './codeLists.ts';
import { regionSummarySchema } from './region.ts';

export const coverageQuerySchema = z
  .object({
    without_qualifying_site: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    kecamatan: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}$/)
      .optional(),
  })
  .strict();

export const coverageEntrySchema = z.object({
  kode: z.string(),
  nama: z.string(),
  kecamatan_kode: z.string(),
  kecamatan_nama: z.string(),
  has_boundary: z.boolean(),
  candidates: z.number().int(),
  qualifying: z.number().int(),
  shortlisted: z.number().int(),
  best_qualifying_area_m2: z.number().nullable(),
  primary: z.object({ id: z.string(), name: z.string(), status: z.enum(parcelStatuses) }).nullable(),
  state: z.string(),
  /** Why there is no qualifying site (null when there is one): no_candidate, too_small, footprint, … */
  no_site_reason: z.string().nullable(),
});

export const coverageResponseSchema = z.object({
  region: regionSummarySchema,
  totals: z.object({
    kelurahan: z.number().int(),
    with_candidates: z.number().int(),
    with_qualifying_site: z.number().int(),
    without_qualifying_site: z.number().int(),
    with_shortlist: z.number().int(),
    with_primary_site: z.number().int(),
  }),
  summary: z.object({ id: z.string(), en: z.string() }),
  kelurahan: z.array(coverageEntrySchema),
});
export type CoverageEntry = z.infer<typeof coverageEntrySchema>;
export type CoverageResponse = z.infer<typeof coverageResponseSchema>;
