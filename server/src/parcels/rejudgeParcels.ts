import { createHash } from 'node:crypto';
import { type AreaGeometry, type Criteria, fitFootprint, judgeMeasures } from '@tapak/core';
import type { Knex } from 'knex';
import type { ProgressRegistry } from '../progress.ts';
import {
  measureExclusionOverlaps,
  measureNearestFacilities,
  measureNearestRoads,
  type OverlayKindsPresent,
  overlayKindsPresent,
  type ParcelOverlayMeasurements,
  storeOverlayMeasurements,
  unmeasuredParcelIds,
} from '../repositories/overlayRepository.ts';
import {
  countLiveParcels,
  type ParcelForRejudgement,
  parcelsForRejudgement,
  type RejudgementBatch,
  type StoredJudgement,
  storeJudgements,
} from '../repositories/parcelRepository.ts';

export interface RejudgeOutcome {
  parcels_rejudged: number;
  parcels_changed_qualification: number;
}

/**
 * The overlay measurements a change can alter, and so must be taken again; every other measurement stored
 * with a parcel is reused. A parcel never measured for its geometry (new, edited, restored: stored NULL) is
 * always measured in full.
 */
export interface Remeasure {
  /** Parcels whose overlaps with exclusion layers (flood, RTH, LP2B, SUTET corridors, other) are measured. */
  exclusionOverlaps: string[] | 'all';
  /** The nearest road of every parcel judged. */
  nearestRoad: boolean;
  /** The nearest facility of every parcel judged. */
  nearestFacility: boolean;
}

/** Criteria judge measurements but never change them: a criteria change measures nothing again. */
export const remeasureNothing: Remeasure = { exclusionOverlaps: [], nearestRoad: false, nearestFacility: false };
export const remeasureEverything: Remeasure = { exclusionOverlaps: 'all', nearestRoad: true, nearestFacility: true };

const batchSize = 1000;

/**
 * Judges parcels again after a criteria or layer change, inside the caller's transaction. PostGIS measures,
 * set-based, only what the change can alter (`remeasure`); the other measurements are the ones stored for
 * the parcel. The core's rules judge; one UPDATE per batch stores the verdicts of the parcels whose judgement
 * changed (most parcels keep theirs when one layer changes, and rewriting a row with ~3.7 KB of checks is
 * the expensive part), one upsert the measurements that changed. The footprint is fitted again only when its size
 * changed (`refitFootprint`); then every parcel is written.
 */
export async function rejudgeParcels(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  criteria: { version: number; criteria: Criteria },
  options: { refitFootprint: boolean; remeasure: Remeasure; progress?: ProgressRegistry },
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
    // The measuring queries over many parcels are costed high enough to be JIT-compiled, which took 0,5–1,7 s
    // a query and saved nothing: each runs small per-parcel index probes, not long expression loops. For the
    // rest of the caller's transaction only.
    await trx.raw('SET LOCAL jit = off');
    const measured = await measureWhatChanged(trx, parcelIds, options.remeasure);
    return await rejudgeInBatches(trx, parcelIds, criteria, options.refitFootprint, measured, (done) =>
      progress?.advance(done),
    );
  } finally {
    progress?.finish();
  }
}

/** What was measured afresh for this re-judgement, and for which parcels. */
interface FreshMeasurements {
  present: OverlayKindsPresent;
  /** Parcels measured in full: those without stored measurements. */
  measuredInFull: Set<string>;
  /** Whether the exclusion overlaps of this (stored-measured) parcel were measured again. */
  overlapsRemeasured: (id: string) => boolean;
  overlaps: Map<string, ParcelOverlayMeasurements['exclusionOverlaps']>;
  roadRemeasured: boolean;
  roads: Map<string, NonNullable<ParcelOverlayMeasurements['nearestRoad']>>;
  facilityRemeasured: boolean;
  facilities: Map<string, NonNullable<ParcelOverlayMeasurements['nearestFacility']>>;
}

/**
 * Adds measurements of these parcels to `fresh`, one set-based query per kind of measurement. A query for a
 * kind without any live layer is skipped: its answer is "none" for everyone.
 */
async function measureInto(
  trx: Knex.Transaction,
  fresh: FreshMeasurements,
  targets: { exclusions: string[] | 'all'; roads: string[] | 'all'; facilities: string[] | 'all' },
) {
  const some = (ids: string[] | 'all') => ids === 'all' || ids.length > 0;
  const merge = <V>(into: Map<string, V>, from: Map<string, V>) => {
    for (const [id, value] of from) into.set(id, value);
  };
  if (fresh.present.exclusionKindsPresent.length > 0 && some(targets.exclusions)) {
    merge(fresh.overlaps, await measureExclusionOverlaps(trx, { parcelIds: targets.exclusions }));
  }
  if (fresh.present.roadLayersPresent && some(targets.roads)) {
    merge(fresh.roads, await measureNearestRoads(trx, { parcelIds: targets.roads }));
  }
  if (fresh.present.facilityLayersPresent && some(targets.facilities)) {
    merge(fresh.facilities, await measureNearestFacilities(trx, { parcelIds: targets.facilities }));
  }
}

/** Measures what the change needs, over the parcels it needs it for, plus every parcel never measured. */
async function measureWhatChanged(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  remeasure: Remeasure,
): Promise<FreshMeasurements> {
  const unmeasured = await unmeasuredParcelIds(trx, parcelIds);
  const overlapIds = remeasure.exclusionOverlaps === 'all' ? null : new Set(remeasure.exclusionOverlaps);
  const fresh: FreshMeasurements = {
    present: await overlayKindsPresent(trx),
    measuredInFull: new Set(unmeasured),
    overlapsRemeasured: (id) => overlapIds === null || overlapIds.has(id),
    overlaps: new Map(),
    roadRemeasured: remeasure.nearestRoad,
    roads: new Map(),
    facilityRemeasured: remeasure.nearestFacility,
    facilities: new Map(),
  };
  const plusUnmeasured = (remeasured: boolean | string[] | 'all'): string[] | 'all' =>
    remeasured === true || remeasured === 'all'
      ? parcelIds
      : [...new Set([...(remeasured === false ? [] : remeasured), ...unmeasured])];
  await measureInto(trx, fresh, {
    exclusions: plusUnmeasured(remeasure.exclusionOverlaps),
    roads: plusUnmeasured(remeasure.nearestRoad),
    facilities: plusUnmeasured(remeasure.nearestFacility),
  });
  return fresh;
}

/**
 * The parcel's overlay measurements: the stored ones, with what was measured afresh in their place. The JSON
 * text is built in one fixed key order, so equal measurements give equal text.
 */
function currentMeasurements(parcel: ParcelForRejudgement, fresh: FreshMeasurements) {
  const stored =
    parcel.overlayMeasurementsJson === null
      ? null
      : (JSON.parse(parcel.overlayMeasurementsJson) as ParcelOverlayMeasurements);
  if (stored === null && !fresh.measuredInFull.has(parcel.id)) {
    throw new Error(`parcel ${parcel.id} has no overlay measurements and was not measured`);
  }
  const overlapsFresh = stored === null || fresh.overlapsRemeasured(parcel.id);
  const roadFresh = stored === null || fresh.roadRemeasured;
  const facilityFresh = stored === null || fresh.facilityRemeasured;
  const measured: ParcelOverlayMeasurements = {
    exclusionOverlaps: overlapsFresh ? (fresh.overlaps.get(parcel.id) ?? []) : stored.exclusionOverlaps,
    nearestRoad: roadFresh ? (fresh.roads.get(parcel.id) ?? null) : stored.nearestRoad,
    nearestFacility: facilityFresh ? (fresh.facilities.get(parcel.id) ?? null) : stored.nearestFacility,
  };
  const json =
    overlapsFresh || roadFresh || facilityFresh
      ? JSON.stringify({
          exclusionOverlaps: measured.exclusionOverlaps.map((o) => ({
            kind: o.kind,
            layerName: o.layerName,
            overlapSquareMeters: o.overlapSquareMeters,
          })),
          nearestRoad: measured.nearestRoad && {
            distanceMeters: measured.nearestRoad.distanceMeters,
            roadClass: measured.nearestRoad.roadClass,
            layerName: measured.nearestRoad.layerName,
          },
          nearestFacility: measured.nearestFacility && {
            distanceMeters: measured.nearestFacility.distanceMeters,
            name: measured.nearestFacility.name,
            facilityType: measured.nearestFacility.facilityType,
          },
        })
      : String(parcel.overlayMeasurementsJson);
  return { overlays: { ...fresh.present, ...measured }, json, changed: json !== parcel.overlayMeasurementsJson };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A fresh judgement of one parcel and whether it differs from the stored one; its overlay measurements as
 * JSON text when they differ from the stored ones (else null).
 */
function judge(
  parcel: ParcelForRejudgement,
  criteria: Criteria,
  refitFootprint: boolean,
  fresh: FreshMeasurements,
): { judgement: StoredJudgement; changed: boolean; measurementsJson: string | null } {
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
  const overlays = currentMeasurements(parcel, fresh);
  const assessment = judgeMeasures(measures, parcel.attributes, criteria, parcel.kelurahan, overlays.overlays);
  const checksJson = JSON.stringify(assessment.checks);
  const changed =
    refitFootprint ||
    assessment.qualifies !== parcel.stored.qualifies ||
    assessment.verdict !== parcel.stored.verdict ||
    assessment.score !== parcel.stored.score ||
    sha256Hex(checksJson) !== parcel.stored.checksSha256;
  return {
    judgement: { id: parcel.id, assessment, checksJson },
    changed,
    measurementsJson: overlays.changed ? overlays.json : null,
  };
}

/** The batches to read: keyset pages over every live parcel, or the listed ids in sorted slices. */
function batchesOf(parcelIds: string[] | 'all') {
  if (parcelIds === 'all') return null;
  const sorted = [...new Set(parcelIds)].sort();
  const slices: RejudgementBatch[] = [];
  for (let start = 0; start < sorted.length; start += batchSize) {
    slices.push({ ids: sorted.slice(start, start + batchSize) });
  }
  return slices;
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
  fresh: FreshMeasurements,
  onProgress: (done: number) => void,
): Promise<RejudgeOutcome> {
  const slices = batchesOf(parcelIds);
  let sliceIndex = 0;
  const read = async (afterId: string | null): Promise<ParcelForRejudgement[]> => {
    let batch: RejudgementBatch | undefined = { afterId, limit: batchSize };
    if (slices) {
      batch = slices[sliceIndex];
      sliceIndex += 1;
      if (!batch) return [];
    }
    const parcels = await parcelsForRejudgement(trx, batch, { withGeometry: refitFootprint });
    // A parcel edited by another transaction since the measuring above lost its measurements meanwhile.
    const missed = parcels
      .filter((parcel) => parcel.overlayMeasurementsJson === null && !fresh.measuredInFull.has(parcel.id))
      .map((parcel) => parcel.id);
    if (missed.length > 0) {
      await measureInto(trx, fresh, { exclusions: missed, roads: missed, facilities: missed });
      for (const id of missed) fresh.measuredInFull.add(id);
    }
    return parcels;
  };
  let rejudged = 0;
  let changedQualification = 0;
  const judgeBatch = (parcels: ParcelForRejudgement[]) => {
    const judgements: StoredJudgement[] = [];
    const measurements: Array<{ parcelId: string; json: string }> = [];
    for (const parcel of parcels) {
      const { judgement, changed, measurementsJson } = judge(parcel, criteria.criteria, refitFootprint, fresh);
      if (judgement.assessment.qualifies !== parcel.stored.qualifies) changedQualification += 1;
      if (changed) judgements.push(judgement);
      if (measurementsJson !== null) measurements.push({ parcelId: parcel.id, json: measurementsJson });
    }
    return { judgements, measurements };
  };
  const store = async ({ judgements, measurements }: ReturnType<typeof judgeBatch>) => {
    await storeJudgements(trx, judgements, criteria.version, { footprintChanged: refitFootprint });
    await storeOverlayMeasurements(trx, measurements);
  };
  let batch = await read(null);
  let toStore = judgeBatch(batch);
  // A slice whose parcels were all deleted reads empty: go on while slices remain.
  while (batch.length > 0 || (slices !== null && sliceIndex < slices.length)) {
    const lastId = batch[batch.length - 1]?.id ?? null;
    const batchLength = batch.length;
    // Queued in this order on the connection: the (quick) read of the next batch first, then the UPDATE, so
    // the next batch arrives and is judged while PostgreSQL is still writing this one.
    const next = read(lastId);
    const stored = store(toStore);
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
