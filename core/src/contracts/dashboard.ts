import { z } from 'zod';
import { parcelStatuses } from './codeLists.ts';
import { regionSummarySchema } from './region.ts';

/**
 * The dashboard's parcel aggregates: what /api/coverage (per kelurahan) and /api/parcels (paged, with
 * geometry) do not give cheaply — the count of live parcels per pipeline status and every live candidate's
 * area, without shipping a single geometry.
 */
export const dashboardStatusCountSchema = z.object({
  status: z.enum(parcelStatuses),
  parcels: z.number().int().nonnegative(),
});

/** One live candidate (not deleted, not rejected) with the area the server measured (ellipsoidal, m²). */
export const dashboardCandidateAreaSchema = z.object({
  id: z.string(),
  name: z.string(),
  kelurahan_kode: z.string(),
  kelurahan_nama: z.string(),
  kecamatan_nama: z.string(),
  status: z.enum(parcelStatuses),
  area_m2: z.number(),
  qualifies: z.boolean(),
});

export const dashboardResponseSchema = z.object({
  region: regionSummarySchema,
  /** Every status of the code list, in its order (the pipeline, then ditolak), zero counts included. */
  status_counts: z.array(dashboardStatusCountSchema),
  /** Live candidates by ascending area (ties by id, so the order is stable between calls). */
  candidate_areas: z.array(dashboardCandidateAreaSchema),
});

export type DashboardStatusCount = z.infer<typeof dashboardStatusCountSchema>;
export type DashboardCandidateArea = z.infer<typeof dashboardCandidateAreaSchema>;
export type DashboardResponse = z.infer<typeof dashboardResponseSchema>;
