import { createHash } from 'node:crypto';
import { type Criteria, type FootprintFit, judgeMeasures } from '@tapak/core';
import type { Knex } from 'knex';
import type { ProgressRegistry } from '../progress.ts';
import {
  measureExclusionOverlaps,
  measureNearestFacilities,
  measureNearestRoads,
  type OverlayKindsPresent,
  overlayKindsPresent,
  overlayMeasurementsJson,
  type ParcelOverlayMeasurements,
  storeOverlayMeasurements,
} from '../repositories/overlayRepository.ts';
import {
  countLiveParcels,
  type ParcelForRejudgement,
  parcelsForRejudgement,
  type RejudgementBatch,
  type StoredJudgement,
  storeJudgements,
} from '../repositories/parcelRepository.ts';
import { createFootprintFitPool, type FootprintFitPool } from './footprintFitPool.ts';

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

const defaultBatchSize = 1000;

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
  options: {
    refitFootprint: boolean;
    remeasure: Remeasure;
    progress?: ProgressRegistry;
    /** Parcels read, measured, judged and stored at a time; tests make it small to run many batches. */
    batchSize?: number;
  },
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
    return await rejudgeInBatches(trx, parcelIds, criteria, options, await overlayKindsPresent(trx), (done) =>
      progress?.advance(done),
    );
  } finally {
    progress?.finish();
  }
}

/** What was measured afresh for one batch, and for which of its parcels. */
interface FreshMeasurements {
  present: OverlayKindsPresent;
  /** Parcels of the batch whose exclusion overlaps / nearest road / nearest facility were measured again. */
  overlapsRemeasured: Set<string>;
  roadRemeasured: Set<string>;
  facilityRemeasured: Set<string>;
  overlaps: Map<string, ParcelOverlayMeasurements['exclusionOverlaps']>;
  roads: Map<string, NonNullable<ParcelOverlayMeasurements['nearestRoad']>>;
  facilities: Map<string, NonNullable<ParcelOverlayMeasurements['nearestFacility']>>;
}

/**
 * Measures, set-based, what the change can alter for one batch of parcels, plus everything for the parcels
 * of the batch never measured for their geometry (no stored measurements when read). One query per kind of
 * measurement over the batch's ids; a kind without any live layer is not queried (its answer is "none" for
 * everyone).
 */
async function measureBatch(
  trx: Knex.Transaction,
  parcels: ParcelForRejudgement[],
  remeasure: Remeasure,
  /** `remeasure.exclusionOverlaps` as a set (built once per re-judgement), null for all. */
  listedOverlaps: Set<string> | null,
  present: OverlayKindsPresent,
): Promise<FreshMeasurements> {
  const unmeasured = parcels.filter((parcel) => parcel.overlayMeasurementsJson === null).map((parcel) => parcel.id);
  const all = parcels.map((parcel) => parcel.id);
  const fresh: FreshMeasurements = {
    present,
    overlapsRemeasured: new Set(
      listedOverlaps === null ? all : [...all.filter((id) => listedOverlaps.has(id)), ...unmeasured],
    ),
    roadRemeasured: new Set(remeasure.nearestRoad ? all : unmeasured),
    facilityRemeasured: new Set(remeasure.nearestFacility ? all : unmeasured),
    overlaps: new Map(),
    roads: new Map(),
    facilities: new Map(),
  };
  if (present.exclusionKindsPresent.length > 0 && fresh.overlapsRemeasured.size > 0) {
    fresh.overlaps = await measureExclusionOverlaps(trx, { parcelIds: [...fresh.overlapsRemeasured] });
  }
  if (present.roadLayersPresent && fresh.roadRemeasured.size > 0) {
    fresh.roads = await measureNearestRoads(trx, { parcelIds: [...fresh.roadRemeasured] });
  }
  if (present.facilityLayersPresent && fresh.facilityRemeasured.size > 0) {
    fresh.facilities = await measureNearestFacilities(trx, { parcelIds: [...fresh.facilityRemeasured] });
  }
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
  const overlapsFresh = stored === null || fresh.overlapsRemeasured.has(parcel.id);
  const roadFresh = stored === null || fresh.roadRemeasured.has(parcel.id);
  const facilityFresh = stored === null || fresh.facilityRemeasured.has(parcel.id);
  const measured: ParcelOverlayMeasurements = {
    exclusionOverlaps: overlapsFresh ? (fresh.overlaps.get(parcel.id) ?? []) : stored.exclusionOverlaps,
    nearestRoad: roadFresh ? (fresh.roads.get(parcel.id) ?? null) : stored.nearestRoad,
    nearestFacility: facilityFresh ? (fresh.facilities.get(parcel.id) ?? null) : stored.nearestFacility,
  };
  const json =
    overlapsFresh || roadFresh || facilityFresh
      ? overlayMeasurementsJson(measured)
      : String(parcel.overlayMeasurementsJson);
  return { overlays: { ...fresh.present, ...measured }, json, changed: json !== parcel.overlayMeasurementsJson };
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A fresh judgement of one parcel and whether it differs from the stored one; its overlay measurements as
 * JSON text when they differ from the stored ones (else null). `fit` is the footprint fitted again for a
 * re-fit, else null (the stored fit stands).
 */
function judge(
  parcel: ParcelForRejudgement,
  criteria: Criteria,
  fit: FootprintFit | null,
  fresh: FreshMeasurements,
): { judgement: StoredJudgement; changed: boolean; measurementsJson: string | null } {
  // Only the fit depends on criteria; area and narrowest width stay as measured when the parcel was saved.
  const measures =
    fit === null
      ? parcel.measures
      : {
          ...parcel.measures,
          fits: fit.fits,
          footprint: fit.footprint,
          rotationDegrees: fit.rotationDegrees,
          slackMeters: fit.slackMeters,
        };
  const overlays = currentMeasurements(parcel, fresh);
  const assessment = judgeMeasures(measures, parcel.attributes, criteria, parcel.kelurahan, overlays.overlays);
  const checksJson = JSON.stringify(assessment.checks);
  const changed =
    fit !== null ||
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
function batchesOf(parcelIds: string[] | 'all', batchSize: number) {
  if (parcelIds === 'all') return null;
  const sorted = [...new Set(parcelIds)].sort();
  const slices: RejudgementBatch[] = [];
  for (let start = 0; start < sorted.length; start += batchSize) {
    slices.push({ ids: sorted.slice(start, start + batchSize) });
  }
  return slices;
}

/**
 * Fits footprints for re-fits on a worker thread: ≈ 140 µs a parcel, 14 s of 100,000, that the main thread
 * would otherwise spend between judging batches. Started at the first re-fit and kept for the next (an idle
 * worker does not keep the process alive); it fits on the calling thread when no worker can start.
 */
let footprintFitPool: FootprintFitPool | null = null;

/** Fits the footprint of `criteria` again in each parcel's stored geometry, in batch order. */
function refitFootprints(parcels: ParcelForRejudgement[], criteria: Criteria): Promise<FootprintFit[]> {
  const geometries = parcels.map((parcel) => {
    if (parcel.geometryJson === null) throw new Error(`parcel ${parcel.id} was read without its geometry`);
    return parcel.geometryJson;
  });
  footprintFitPool ??= createFootprintFitPool({
    onFallback: (reason) =>
      process.emitWarning(`footprints are fitted on the main thread, no worker could start: ${reason.message}`),
  });
  return footprintFitPool.fit(geometries, {
    widthMeters: criteria.footprint_width_m,
    depthMeters: criteria.footprint_depth_m,
  });
}

/** A promise awaited later: until then a rejection must not count as unhandled (it is awaited, then thrown). */
function later<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/**
 * Batches flow through a pipeline on the transaction's one connection, so that PostgreSQL and JavaScript
 * work at the same time: while the rules judge batch n in JavaScript, PostgreSQL stores batch n - 1,
 * measures batch n + 1 and reads batch n + 2 (queued in that order, each statement in turn). Measuring per
 * batch, for the ids the batch read found, replaces one up-front measurement of every parcel that kept the
 * JavaScript side idle meanwhile; it is still one set-based query per kind of measurement and batch.
 * Queuing statements on a busy connection is what node-postgres 8 does (and warns, once, that pg 9 will
 * not; the server pins pg 8): on pg 9 this pipeline needs its own queue.
 */
async function rejudgeInBatches(
  trx: Knex.Transaction,
  parcelIds: string[] | 'all',
  criteria: { version: number; criteria: Criteria },
  options: { refitFootprint: boolean; remeasure: Remeasure; batchSize?: number },
  present: OverlayKindsPresent,
  onProgress: (done: number) => void,
): Promise<RejudgeOutcome> {
  const batchSize = options.batchSize ?? defaultBatchSize;
  const slices = batchesOf(parcelIds, batchSize);
  let sliceIndex = 0;
  // The next batch: the `batchSize` live parcels after `afterId`, or the next slice of the listed ids (a
  // slice whose parcels were all deleted reads empty). `last`: no batch follows it.
  const read = async (afterId: string | null): Promise<{ parcels: ParcelForRejudgement[]; last: boolean }> => {
    let batch: RejudgementBatch = { afterId, limit: batchSize };
    if (slices) {
      const slice = slices[sliceIndex];
      sliceIndex += 1;
      if (!slice) return { parcels: [], last: true };
      batch = slice;
    }
    const parcels = await parcelsForRejudgement(trx, batch, {
      withGeometry: options.refitFootprint,
      withChecksDigest: !options.refitFootprint,
    });
    return { parcels, last: slices ? sliceIndex >= slices.length : parcels.length < batchSize };
  };
  const listedOverlaps =
    options.remeasure.exclusionOverlaps === 'all' ? null : new Set(options.remeasure.exclusionOverlaps);
  // A batch is measured (PostgreSQL) and, for a re-fit, its footprints fitted (worker thread) as soon as it is
  // read, while the main thread judges the one before.
  const prepare = ({ parcels, last }: { parcels: ParcelForRejudgement[]; last: boolean }) => ({
    parcels,
    last,
    fresh: later(measureBatch(trx, parcels, options.remeasure, listedOverlaps, present)),
    fits: options.refitFootprint ? later(refitFootprints(parcels, criteria.criteria)) : null,
  });
  let rejudged = 0;
  let changedQualification = 0;
  const judgeBatch = (parcels: ParcelForRejudgement[], fresh: FreshMeasurements, fits: FootprintFit[] | null) => {
    const judgements: StoredJudgement[] = [];
    const measurements: Array<{ parcelId: string; json: string }> = [];
    parcels.forEach((parcel, i) => {
      const { judgement, changed, measurementsJson } = judge(parcel, criteria.criteria, fits?.[i] ?? null, fresh);
      if (judgement.assessment.qualifies !== parcel.stored.qualifies) changedQualification += 1;
      if (changed) judgements.push(judgement);
      if (measurementsJson !== null) measurements.push({ parcelId: parcel.id, json: measurementsJson });
    });
    return { judgements, measurements };
  };
  const store = async ({ judgements, measurements }: ReturnType<typeof judgeBatch>) => {
    await storeJudgements(trx, judgements, criteria.version, { footprintChanged: options.refitFootprint });
    await storeOverlayMeasurements(trx, measurements);
  };
  const readAfter = (batch: { parcels: ParcelForRejudgement[]; last: boolean }) =>
    batch.last ? null : later(read(batch.parcels[batch.parcels.length - 1]?.id ?? null));

  let current = prepare(await read(null));
  let nextRead = readAfter(current);
  let next: ReturnType<typeof prepare> | null = null;
  let stored: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const following = nextRead === null ? null : await nextRead;
      // Queued behind the previous batch's store: batch n + 1 is measured and n + 2 read while n is judged.
      next = following === null ? null : prepare(following);
      nextRead = following === null ? null : readAfter(following);
      const judged = judgeBatch(current.parcels, await current.fresh, await current.fits);
      await stored;
      stored = later(store(judged));
      rejudged += current.parcels.length;
      onProgress(rejudged);
      if (next === null) break;
      current = next;
    }
    await stored;
  } finally {
    // Whatever failed, nothing is left running on the connection when the caller rolls back.
    await Promise.allSettled([stored, nextRead, current.fresh, current.fits, next?.fresh, next?.fits]);
  }
  return { parcels_rejudged: rejudged, parcels_changed_qualification: changedQualification };
}
