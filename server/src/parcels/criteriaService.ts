import type { Criteria } from '@tapak/core';
import type { TapakContext } from '../context.ts';
import { type CriteriaVersion, currentCriteria, saveCriteria } from '../repositories/criteriaRepository.ts';
import { type RejudgeOutcome, rejudgeParcels } from './rejudgeParcels.ts';

export type CriteriaChange = CriteriaVersion & RejudgeOutcome;

/**
 * A new criteria version and every live parcel judged again under it, in one transaction: nobody ever sees
 * parcels judged by a mix of old and new criteria.
 */
export async function changeCriteria(context: TapakContext, criteria: Criteria): Promise<CriteriaChange> {
  return context.db.knex.transaction(async (trx) => {
    const before = await currentCriteria(trx);
    const saved = await saveCriteria(trx, criteria, null);
    const refitFootprint =
      before.criteria.footprint_width_m !== criteria.footprint_width_m ||
      before.criteria.footprint_depth_m !== criteria.footprint_depth_m;
    const outcome = await rejudgeParcels(trx, 'all', saved, { refitFootprint });
    return { ...saved, ...outcome };
  });
}
