import { createHash } from 'node:crypto';
import { type AreaGeometry, type Criteria, fitFootprint, judgeMeasures } from '@tapak/core';
import type { Knex } from 'knex';
import type { ProgressRegistry } from '../progress.ts';
import { measureOverlays } from '../repositories/overlayRepository.ts';
import {
  countLiveParcels,
  type ParcelForRejudgement,
  parcelsForRejudgement,
  type StoredJudgement,
  storeJudgements,
} from '../repositories/parcelRepository.ts';

export interface RejudgeOutcome {
  parcels_rejudged: number;
  parcels_changed_qualification: number;
}

const batchSize = 1000;

/**
 * Judges parcels again after a criteria or layer change, inside the caller's transaction. PostGIS measures
 * overlays for the whole set at once; the core's rules judge; one UPDATE per batch stores the verdicts of the
 * parcels whose judgement changed (most parcels keep theirs when one layer changes, and rewriting a row with
 * ~3.7 KB of checks is the expensive part). The footprint is fitted again only when its size or the minimum
 * width changed (`refitFootprint`); then every parcel is written.
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

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fresh judgement of one parcel, and whether it differs from the stored one. */
function judge(
  parcel: ParcelForRejudgement,
  criteria: Criteria,
  refitFootprint: boolean,
  overlays: Awaited<ReturnType<typeof measureOverlays>>,
): { judgement: StoredJudgement; changed: boolean } {
  let measures = parcel.measures;
  if (refitFootprint) {
    if (parcel.geometryJson === null) throw new Error(`parcel ${parcel.id} was read without its geometry`);
    // Only the fit depends on criteria; area and narrowest width stay as measured when the parcel was saved.
    const fit = fitFootprint(JSON.parse(parcel.geometryJson) as AreaGeometry, {
      widthMeters: criteria.footprint_width_m,
      depthMeters: criteria.footprint_depth_m,
    });
    measures = {
      ...parcel.measures,
      fits: fit.fits,
      footprint: fit.footprint,
      rotationDegrees: fit.rotationDegrees,
      slackMeters: fit.slackMeters,
    };
  }
  const assessment = judgeMeasures(measures, parcel.attributes, criteria, parcel.kelurahan, overlays.get(parcel.id));
  const checksJson = JSON.stringify(assessment.checks);
  const changed =
    refitFootprint ||
    assessment.qualifies !== parcel.stored.qualifies ||
    assessment.verdict !== parcel.stored.verdict ||
    assessment.score !== parcel.stored.score ||
    sha256Hex(checksJson) !== parcel.stored.checksSha256;
  return { judgement: { id: parcel.id, assessment, checksJson }, changed };
}

/**
 * Batches flow through a two-stage pipeline on the transaction's one connection: the next batch is read
 * before the current one's UPDATE is sent, so the rules judge batch n + 1 in JavaScript while PostgreSQL
 * stores batch n.
 */
async function rejudgeInBatches(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  criteria: { version: number; criteria: Criteria },
  refitFootprint: boolean,
  onProgress: (done: number) => void,
): Promise<RejudgeOutcome> {
  const overlays = await measureOverlays(trx, { parcelIds });
  const read = (afterId: string | null) =>
    parcelsForRejudgement(trx, parcelIds, afterId, batchSize, { withGeometry: refitFootprint });
  let rejudged = 0;
  let changedQualification = 0;
  const judgeBatch = (parcels: ParcelForRejudgement[]): StoredJudgement[] => {
    const toStore: StoredJudgement[] = [];
    for (const parcel of parcels) {
      const { judgement, changed } = judge(parcel, criteria.criteria, refitFootprint, overlays);
      if (judgement.assessment.qualifies !== parcel.stored.qualifies) changedQualification += 1;
      if (changed) toStore.push(judgement);
    }
    return toStore;
  };
  let batch = await read(null);
  let toStore = judgeBatch(batch);
  while (batch.length > 0) {
    const lastId = batch[batch.length - 1]?.id ?? null;
    const batchLength = batch.length;
    // Queued in this order on the connection: the (quick) read of the next batch first, then the UPDATE, so
    // the next batch arrives and is judged while PostgreSQL is still writing this one.
    const next = read(lastId);
    const stored = storeJudgements(trx, toStore, criteria.version, { footprintChanged: refitFootprint });
    // Awaited in `finally`; this only keeps a failed UPDATE from counting as unhandled while the read runs.
    stored.catch(() => {});
    try {
      batch = await next;
      toStore = judgeBatch(batch);
    } finally {
      await stored;
    }
    rejudged += batchLength;
    onProgress(rejudged);
  }
  return { parcels_rejudged: rejudged, parcels_changed_qualification: changedQualification };
}
