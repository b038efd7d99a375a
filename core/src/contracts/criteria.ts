import { z } from 'zod';
import { ownerClasses } from './codeLists.ts';

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
    /** Weights of the soft checks in the 0–100 score. */
    score_weights: z.record(z.string(), z.number().nonnegative()),
  })
  .strict()
  .refine((c) => c.ideal_area_m2 >= c.min_area_m2, {
    message: 'ideal_area_m2 must be at least min_area_m2',
    path: ['ideal_area_m2'],
  });

export type Criteria = z.infer<typeof criteriaSchema>;
