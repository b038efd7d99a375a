import { z } from 'zod';
import { ownerClasses } from './codeLists.ts';
import { roadClasses } from './overlay.ts';

/**
 * Suitability criteria: the thresholds every check reads. Defaults live in data/criteria.default.json
 * and an admin can change them through the API; each change is a new version.
 */
export const criteriaSchema = z
  .object({
    min_area_m2: z.number().positive(),
    ideal_area_m2: z.number().positive(),
    footprint_width_m: z.number().positive(),
    footprint_depth_m: z.number().positive(),
    min_width_m: z.number().nonnegative(),
    eligible_owner_classes: z.array(z.enum(ownerClasses)).min(1),
    /** Share of a parcel's area outside its kelurahan above which it is flagged as crossing a border. */
    border_outside_ratio: z.number().min(0).max(1),
    /** Overlap with an exclusion layer at or below this is a digitising sliver, not a conflict. */
    overlay_sliver_tolerance_m2: z.number().nonnegative().default(1),
    /** Road access: the nearest road within this distance (5 m: the parcel fronts the road). */
    road_max_distance_m: z.number().nonnegative().default(5),
    road_access_severity: z.enum(['hard', 'soft']).default('hard'),
    preferred_road_classes: z.array(z.enum(roadClasses)).default(['arteri', 'kolektor']),
    facility_max_distance_m: z.number().nonnegative().default(1000),
    /** Weights of the soft checks in the 0–100 score. */
    score_weights: z.record(z.string(), z.number().nonnegative()),
  })
  .strict()
  .refine((c) => c.ideal_area_m2 >= c.min_area_m2, {
    message: 'ideal_area_m2 must be at least min_area_m2',
    path: ['ideal_area_m2'],
  });

export type Criteria = z.infer<typeof criteriaSchema>;
