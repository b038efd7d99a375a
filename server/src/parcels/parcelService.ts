import {
  type AreaGeometry,
  type Assessment,
  areaSquareMeters,
  assessParcel,
  newParcelDefaults,
  type ParcelAttributes,
  type ParcelAttributesPatch,
  type ProblemError,
  parcelAttributesSchema,
  validateAreaGeometry,
} from '@tapak/core';
import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import { requireCityWideWrite, requireKelurahanWrite } from '../auth/guards.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { currentCriteria } from '../repositories/criteriaRepository.ts';
import {
  measureOverlays,
  overlayMeasurementsJson,
  storeOverlayMeasurements,
} from '../repositories/overlayRepository.ts';
import {
  findStoredParcel,
  insertParcel,
  insertStatusChange,
  largestOverlapKelurahan,
  otherPrimaryParcel,
  restoreParcel as restoreParcelRow,
  softDeleteParcel,
  updateParcel as updateParcelRow,
} from '../repositories/parcelRepository.ts';
import { rejudgeParcels, remeasureEverything } from './rejudgeParcels.ts';

/**
 * The parcel use cases: validate the geometry with the core, find its kelurahan in PostGIS, judge it with the
 * core's rules, and store it with its verdict, inside one transaction. Handlers call these and nothing else.
 */

export const maxVerticesPerParcel = 10_000;
/** No land parcel spans more than this (about 22 km at the equator); a larger shape is a mistake. */
export const maxParcelExtentDegrees = 0.2;

function extentProblem(geometry: AreaGeometry): ProblemError | null {
  const positions = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
  const lons = positions.map((p) => p[0]);
  const lats = positions.map((p) => p[1]);
  const span = Math.max(Math.max(...lons) - Math.min(...lons), Math.max(...lats) - Math.min(...lats));
  if (span <= maxParcelExtentDegrees) return null;
  return {
    reason: 'too_large',
    pointer: '/geometry/coordinates',
    message: {
      id: `Bidang membentang ${span.toFixed(2).replace('.', ',')}° — terlalu luas untuk sebidang lahan (maks. ${maxParcelExtentDegrees.toString().replace('.', ',')}°). Periksa urutan bujur/lintang dan sistem koordinat.`,
      en: `The parcel spans ${span.toFixed(2)}° — too large for a land parcel (max ${maxParcelExtentDegrees}°). Check the lon/lat order and the coordinate system.`,
    },
  };
}

/** Validates a submitted geometry; a refusal names every problem and where it is. Nothing is repaired silently. */
export function validParcelGeometry(input: unknown): AreaGeometry {
  const result = validateAreaGeometry(input, { maxVertices: maxVerticesPerParcel });
  if (result.ok) {
    const tooLarge = extentProblem(result.geometry);
    if (tooLarge) throw new HttpProblem('invalid-geometry', tooLarge.message, [tooLarge]);
    return result.geometry;
  }
  const errors: ProblemError[] = result.problems.map((problem) => ({
    reason: problem.reason,
    pointer: `/geometry${problem.path}`,
    message: problem.message,
    ...(problem.position ? { position: [problem.position[0], problem.position[1]] as [number, number] } : {}),
  }));
  const first = result.problems[0];
  throw new HttpProblem(
    'invalid-geometry',
    {
      id: first ? first.message.id : 'Geometri tidak valid.',
      en: first ? first.message.en : 'Invalid geometry.',
    },
    errors,
  );
}

export interface ParcelJudgement {
  assessment: Assessment;
  criteriaVersion: number;
  geometryJson: string;
  /** What PostGIS measured against the overlay layers, as stored with the parcel (JSON text). */
  overlayMeasurementsJson: string | null;
}

/**
 * Keeps what the save measured against the overlay layers with the parcel, so the next layer or criteria
 * change reuses it instead of measuring the parcel in full (after an import of many parcels, that was every
 * one of them). Called after the row is written: writing a new geometry clears the stored measurements.
 */
export async function keepOverlayMeasurements(
  trx: Knex.Transaction,
  parcelId: string,
  judgement: ParcelJudgement,
): Promise<void> {
  if (judgement.overlayMeasurementsJson === null) return;
  await storeOverlayMeasurements(trx, [{ parcelId, json: judgement.overlayMeasurementsJson }]);
}

/** Kelurahan, area, footprint and checks for a geometry; a geometry outside the region is refused. */
export async function judgeParcel(
  knex: Knex | Knex.Transaction,
  context: TapakContext,
  geometry: AreaGeometry,
  attributes: ParcelAttributesPatch,
): Promise<ParcelJudgement> {
  const geometryJson = JSON.stringify(geometry);
  const kelurahan = await largestOverlapKelurahan(knex, geometryJson, context.region.kode);
  if (!kelurahan) {
    throw new HttpProblem('outside-region', {
      id: `Bidang ini berada di luar wilayah ${context.region.nama}: tidak menyentuh kelurahan mana pun yang batasnya sudah diimpor.`,
      en: `This parcel lies outside ${context.region.nama}: it touches no kelurahan whose boundary has been imported.`,
    });
  }
  const { version, criteria } = await currentCriteria(knex);
  // The constraint layers already stored judge a new or changed parcel at once, not at the next recompute.
  const overlays = (await measureOverlays(knex, { geometryJson })).get('new');
  return {
    assessment: assessParcel(geometry, attributes, criteria, kelurahan, overlays),
    criteriaVersion: version,
    geometryJson,
    overlayMeasurementsJson: overlays ? overlayMeasurementsJson(overlays) : null,
  };
}

export async function analyzeParcel(
  context: TapakContext,
  geometryInput: unknown,
  attributes: ParcelAttributesPatch = {},
): Promise<Assessment> {
  const geometry = validParcelGeometry(geometryInput);
  return (await judgeParcel(context.db.knex, context, geometry, attributes)).assessment;
}

function requireRejectionReason(attributes: ParcelAttributes) {
  if (attributes.status === 'ditolak' && !attributes.status_reason) {
    throw new HttpProblem('bad-request', {
      id: 'Status "ditolak" memerlukan alasan (status_reason).',
      en: 'Status "ditolak" (rejected) needs a reason (status_reason).',
    });
  }
}

async function requireNoOtherPrimary(trx: Knex.Transaction, kelurahanKode: string, exceptId: string | null) {
  const other = await otherPrimaryParcel(trx, kelurahanKode, exceptId);
  if (other) {
    throw new HttpProblem(
      'conflict',
      {
        id: `Kelurahan ini sudah memiliki lokasi utama: "${other.name}". Lepaskan tanda utamanya dahulu.`,
        en: `This kelurahan already has a primary site: "${other.name}". Unmark it first.`,
      },
      undefined,
      { primary_parcel_id: other.id },
    );
  }
}

/**
 * What the audit log keeps of a parcel: everything the planner entered, the geometry and its area, so a
 * history entry shows what changed and a restore can be checked against what was deleted.
 */
export interface ParcelSnapshot {
  kelurahan_kode: string;
  properties: ParcelAttributes;
  geometry: AreaGeometry;
  area_m2: number;
}

export function parcelSnapshot(
  kelurahanKode: string,
  attributes: ParcelAttributes,
  geometryJson: string,
): ParcelSnapshot {
  const geometry = JSON.parse(geometryJson) as AreaGeometry;
  return {
    kelurahan_kode: kelurahanKode,
    properties: attributes,
    geometry,
    area_m2: Math.round(areaSquareMeters(geometry) * 100) / 100,
  };
}

export async function createParcel(
  context: TapakContext,
  origin: ChangeOrigin,
  geometryInput: unknown,
  input: ParcelAttributesPatch & { name: string },
): Promise<string> {
  const geometry = validParcelGeometry(geometryInput);
  const attributes = parcelAttributesSchema.parse({ ...newParcelDefaults, ...input });
  requireRejectionReason(attributes);
  return context.db.knex.transaction(async (trx) => {
    const judgement = await judgeParcel(trx, context, geometry, attributes);
    const kelurahanKode = judgement.assessment.kelurahan?.kode ?? '';
    requireKelurahanWrite(origin.actor, kelurahanKode);
    if (attributes.is_primary) await requireNoOtherPrimary(trx, kelurahanKode, null);
    const id = await insertParcel(
      trx,
      attributes,
      judgement.geometryJson,
      judgement.assessment,
      judgement.criteriaVersion,
      origin.actor.userId,
    );
    await keepOverlayMeasurements(trx, id, judgement);
    await insertStatusChange(trx, id, null, attributes.status, attributes.status_reason, origin.actor.userId);
    await recordChange(trx, origin, {
      action: 'create',
      entityType: 'parcel',
      entityId: id,
      before: null,
      after: parcelSnapshot(kelurahanKode, attributes, judgement.geometryJson),
    });
    return id;
  });
}

export function etagOf(version: number): string {
  return `"v${version}"`;
}

/** The version an If-Match header names; 428 without one, so nobody overwrites by accident. */
export function versionFromIfMatch(header: string | undefined): number {
  if (!header) {
    throw new HttpProblem('precondition-required', {
      id: 'Sertakan header If-Match berisi ETag bidang yang Anda ubah, agar perubahan orang lain tidak tertimpa.',
      en: 'Send an If-Match header with the ETag of the parcel you change, so nobody else’s change is overwritten.',
    });
  }
  const match = /^(?:W\/)?"v(\d+)"$/.exec(header.trim());
  return match ? Number(match[1]) : -1;
}

async function loadForChange(trx: Knex.Transaction, id: string, expectedVersion: number) {
  const stored = await findStoredParcel(trx, id);
  if (!stored || stored.deleted) {
    throw new HttpProblem('not-found', { id: `Bidang ${id} tidak ada.`, en: `There is no parcel ${id}.` });
  }
  if (stored.version !== expectedVersion) throw staleProblem(stored.version);
  return stored;
}

function staleProblem(currentVersion: number) {
  return new HttpProblem(
    'precondition-failed',
    {
      id: 'Bidang ini sudah diubah oleh orang lain sejak Anda membukanya. Muat ulang atau bandingkan dahulu.',
      en: 'Someone else changed this parcel since you opened it. Reload or compare first.',
    },
    undefined,
    { current_etag: etagOf(currentVersion) },
  );
}

export async function updateParcel(
  context: TapakContext,
  origin: ChangeOrigin,
  id: string,
  expectedVersion: number,
  change: { geometry?: unknown; properties?: ParcelAttributesPatch },
): Promise<void> {
  const newGeometry = change.geometry === undefined ? null : validParcelGeometry(change.geometry);
  await context.db.knex.transaction(async (trx) => {
    const stored = await loadForChange(trx, id, expectedVersion);
    // Checked before anything else, so an outsider learns nothing from validation errors.
    requireKelurahanWrite(origin.actor, stored.kelurahan_kode);
    const attributes = parcelAttributesSchema.parse({ ...stored.attributes, ...change.properties });
    requireRejectionReason(attributes);
    const geometry = newGeometry ?? (JSON.parse(stored.geometryJson) as AreaGeometry);
    const judgement = await judgeParcel(trx, context, geometry, attributes);
    const kelurahanKode = judgement.assessment.kelurahan?.kode ?? '';
    // A move is a write in the kelurahan it lands in, too.
    requireKelurahanWrite(origin.actor, kelurahanKode);
    if (attributes.is_primary) await requireNoOtherPrimary(trx, kelurahanKode, id);
    const written = await updateParcelRow(
      trx,
      id,
      expectedVersion,
      attributes,
      judgement.geometryJson,
      judgement.assessment,
      judgement.criteriaVersion,
      origin.actor.userId,
    );
    if (!written) throw staleProblem(expectedVersion + 1);
    await keepOverlayMeasurements(trx, id, judgement);
    const statusChanged = attributes.status !== stored.attributes.status;
    if (statusChanged) {
      await insertStatusChange(
        trx,
        id,
        stored.attributes.status,
        attributes.status,
        attributes.status_reason,
        origin.actor.userId,
      );
    }
    const before = parcelSnapshot(stored.kelurahan_kode, stored.attributes, stored.geometryJson);
    const after = parcelSnapshot(kelurahanKode, attributes, judgement.geometryJson);
    const onlyStatus =
      statusChanged &&
      newGeometry === null &&
      Object.keys(change.properties ?? {}).every((key) => key === 'status' || key === 'status_reason');
    await recordChange(trx, origin, {
      action: onlyStatus ? 'status' : 'update',
      entityType: 'parcel',
      entityId: id,
      before,
      after,
    });
  });
}

export async function deleteParcel(
  context: TapakContext,
  origin: ChangeOrigin,
  id: string,
  expectedVersion: number,
): Promise<void> {
  await context.db.knex.transaction(async (trx) => {
    const stored = await loadForChange(trx, id, expectedVersion);
    requireKelurahanWrite(origin.actor, stored.kelurahan_kode);
    if (!(await softDeleteParcel(trx, id, expectedVersion, origin.actor.userId))) {
      throw staleProblem(expectedVersion + 1);
    }
    await recordChange(trx, origin, {
      action: 'delete',
      entityType: 'parcel',
      entityId: id,
      before: parcelSnapshot(stored.kelurahan_kode, stored.attributes, stored.geometryJson),
      after: null,
    });
  });
}

/** Deleted parcels come back through the Dinas: planners and admins restore, city-wide. */
export async function restoreParcel(context: TapakContext, origin: ChangeOrigin, id: string): Promise<void> {
  await context.db.knex.transaction(async (trx) => {
    const stored = await findStoredParcel(trx, id);
    if (!stored) throw new HttpProblem('not-found', { id: `Bidang ${id} tidak ada.`, en: `There is no parcel ${id}.` });
    requireCityWideWrite(origin.actor);
    if (!stored.deleted) {
      throw new HttpProblem('conflict', { id: 'Bidang ini tidak terhapus.', en: 'This parcel is not deleted.' });
    }
    await restoreParcelRow(trx, id, origin.actor.userId);
    // Layers and criteria may have changed while it was deleted (a recompute passes deleted parcels by): it comes
    // back judged as things stand today. Judged like a recompute (its measurements were forgotten when it was
    // deleted), so its stored geometry is not rewritten.
    await rejudgeParcels(trx, [id], await currentCriteria(trx), {
      refitFootprint: false,
      remeasure: remeasureEverything,
    });
    const restored = await findStoredParcel(trx, id);
    await recordChange(trx, origin, {
      action: 'restore',
      entityType: 'parcel',
      entityId: id,
      before: null,
      after: restored ? parcelSnapshot(restored.kelurahan_kode, restored.attributes, restored.geometryJson) : null,
    });
  });
}
