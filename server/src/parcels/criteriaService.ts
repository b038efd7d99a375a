import { type AreaGeometry, assessParcel, type Criteria } from '@tapak/core';
import type { TapakContext } from '../context.ts';
import { type CriteriaVersion, saveCriteria } from '../repositories/criteriaRepository.ts';
import { parcelsForRejudgement, updateParcelJudgement } from '../repositories/parcelRepository.ts';

export interface CriteriaChange extends CriteriaVersion {
  parcels_rejudged: number;
  parcels_changed_qualification: number;
}

const batchSize = 500;

/**
 * A new criteria version and every live parcel judged again under it, in one transaction: nobody ever sees
 * parcels judged by a mix of old and new criteria. Geometry and kelurahan do not change, so the stored
 * kelurahan assignment is reused and only the core's rules run again.
 */
export async function changeCriteria(
  context: TapakContext,
  criteria: Criteria,
  onProgress?: (done: number) => void,
): Promise<CriteriaChange> {
  return context.db.knex.transaction(async (trx) => {
    const saved = await saveCriteria(trx, criteria, null);
    let rejudged = 0;
    let changed = 0;
    let afterId: string | null = null;
    for (;;) {
      const batch = await parcelsForRejudgement(trx, afterId, batchSize);
      if (batch.length === 0) break;
      for (const parcel of batch) {
        const assessment = assessParcel(JSON.parse(parcel.geometryJson) as AreaGeometry, parcel.attributes, criteria, {
          kode: parcel.kelurahan_kode,
          nama: parcel.kelurahan_nama,
          outsideRatio: parcel.outside_ratio,
        });
        await updateParcelJudgement(trx, parcel.id, assessment, saved.version);
        if (parcel.qualifies !== assessment.qualifies) changed += 1;
        rejudged += 1;
      }
      afterId = batch[batch.length - 1]?.id ?? null;
      onProgress?.(rejudged);
    }
    return { ...saved, parcels_rejudged: rejudged, parcels_changed_qualification: changed };
  });
}
