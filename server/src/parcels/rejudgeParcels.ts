import { type AreaGeometry, type Criteria, judgeMeasures, measureGeometry } from '@tapak/core';
import type { Knex } from 'knex';
import type { ProgressRegistry } from '../progress.ts';
import { measureOverlays } from '../repositories/overlayRepository.ts';
import { countLiveParcels, parcelsForRejudgement, storeJudgements } from '../repositories/parcelRepository.ts';

export interface RejudgeOutcome {
  parcels_rejudged: number;
  parcels_changed_qualification: number;
}

const batchSize = 1000;

/**
 * Judges parcels again after a criteria or layer change, inside the caller's transaction. PostGIS measures
 * overlays for the whole set at once; the core's rules judge; one UPDATE per batch stores the verdicts.
 * The footprint is fitted again only when its size or the minimum width changed (`refitFootprint`).
 */
export async function rejudgeParcels(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  criteria: { version: number; criteria: Criteria },
  options: { refitFootprint: boolean; progress?: ProgressRegistry },
): Promise<RejudgeOutcome> {
  if (parcelIds !== 'all' && parcelIds.length === 0) return { parcels_rejudged: 0, parcels_changed_qualification: 0 };
  const total = parcelIds === 'all' ? await countLiveParcels(trx) : parcelIds.length;
  const progress = options.progress?.start(
    'rejudge',
    {
      id: `Menilai ulang ${total.toLocaleString('id-ID')} bidang`,
      en: `Re-judging ${total.toLocaleString('en-US')} parcels`,
    },
    total,
  );
  try {
    return await rejudgeInBatches(trx, parcelIds, criteria, options.refitFootprint, (done) => progress?.advance(done));
  } finally {
    progress?.finish();
  }
}

async function rejudgeInBatches(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  criteria: { version: number; criteria: Criteria },
  refitFootprint: boolean,
  onProgress: (done: number) => void,
): Promise<RejudgeOutcome> {
  const overlays = await measureOverlays(trx, { parcelIds });
  let rejudged = 0;
  let changed = 0;
  let afterId: string | null = null;
  for (;;) {
    const batch = await parcelsForRejudgement(trx, parcelIds, afterId, batchSize);
    if (batch.length === 0) break;
    const judgements = batch.map((parcel) => {
      const measures = refitFootprint
        ? measureGeometry(JSON.parse(parcel.geometryJson) as AreaGeometry, criteria.criteria)
        : parcel.measures;
      const assessment = judgeMeasures(
        measures,
        parcel.attributes,
        criteria.criteria,
        parcel.kelurahan,
        overlays.get(parcel.id),
      );
      if (assessment.qualifies !== parcel.qualifies) changed += 1;
      return { id: parcel.id, assessment };
    });
    await storeJudgements(trx, judgements, criteria.version, { footprintChanged: refitFootprint });
    rejudged += batch.length;
    afterId = batch[batch.length - 1]?.id ?? null;
    onProgress(rejudged);
  }
  return { parcels_rejudged: rejudged, parcels_changed_qualification: changed };
}
