import { type AreaGeometry, kelurahanWriteRefusal, type ProblemError } from '@tapak/core';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { judgeParcel, keepOverlayMeasurements, parcelSnapshot, validParcelGeometry } from '../parcels/parcelService.ts';
import { insertParcel, insertStatusChange, otherPrimaryParcel } from '../repositories/parcelRepository.ts';
import { importedAttributes } from './importAttributes.ts';
import type { ImportCommit, ImportCommitResult } from './importContracts.ts';
import { claimImport, type StoredImport } from './importStore.ts';
import type { SourceFeature } from './sourceFeature.ts';

// Enough for the planner to act on; the total is always given.
const maxErrorsReported = 500;

function featureLabel(feature: SourceFeature): { id: string; en: string } {
  return feature.row === null
    ? { id: `Fitur ${feature.number}`, en: `Feature ${feature.number}` }
    : { id: `Fitur ${feature.number} (baris ${feature.row})`, en: `Feature ${feature.number} (row ${feature.row})` };
}

function requireKnownFields(stored: StoredImport, mapping: ImportCommit['mapping']) {
  const known = new Set(Object.keys(stored.mapping_suggestion));
  const unknown = Object.keys(mapping).filter((field) => !known.has(field));
  const targets = Object.values(mapping).filter((t): t is NonNullable<typeof t> => Boolean(t));
  const repeated = [...new Set(targets.filter((t, i) => targets.indexOf(t) !== i))];
  const errors: ProblemError[] = [
    ...unknown.map((field) => ({
      reason: 'unknown_field',
      pointer: `/mapping/${field}`,
      message: { id: `Kolom "${field}" tidak ada di berkas.`, en: `The file has no field "${field}".` },
    })),
    ...repeated.map((target) => ({
      reason: 'target_repeated',
      pointer: '/mapping',
      message: {
        id: `Atribut ${target} dipetakan dari lebih dari satu kolom.`,
        en: `Attribute ${target} is mapped from more than one field.`,
      },
    })),
  ];
  if (errors.length > 0) {
    throw new HttpProblem(
      'bad-request',
      { id: 'Pemetaan kolom tidak valid.', en: 'The field mapping is invalid.' },
      errors,
    );
  }
}

/**
 * Step 2 of an import: every feature is mapped, validated with the core and judged like a parcel drawn in the
 * app, inside one transaction. If any feature fails, nothing is written and the problem names every failing
 * feature (number, spreadsheet row, reason, place). Skipped features (no geometry, a point) are returned so
 * the planner can draw them.
 */
export async function commitImport(
  context: TapakContext,
  origin: ChangeOrigin,
  importId: string,
  request: ImportCommit,
): Promise<ImportCommitResult> {
  const claimed = await claimImport(importId);
  if (claimed.state !== 'claimed') {
    throw claimed.state === 'busy'
      ? new HttpProblem('conflict', {
          id: `Impor ${importId} sedang disimpan oleh permintaan lain.`,
          en: `Import ${importId} is being committed by another request.`,
        })
      : new HttpProblem('not-found', {
          id: `Impor ${importId} tidak ada: sudah disimpan, kedaluwarsa (1 jam), atau tidak pernah dibuat. Unggah berkasnya lagi.`,
          en: `There is no import ${importId}: it was committed, expired (1 hour) or never made. Upload the file again.`,
        });
  }
  const { stored } = claimed.claim;
  try {
    requireKnownFields(stored, request.mapping);
    const parcelIds = await insertAll(context, origin, stored, request);
    await claimed.claim.finish();
    return {
      import_id: importId,
      created_count: parcelIds.length,
      parcel_ids: parcelIds,
      skipped: stored.skipped.map((issue) => ({ ...issue, effect: 'skipped' as const })),
    };
  } catch (error) {
    await claimed.claim.release();
    throw error;
  }
}

async function insertAll(
  context: TapakContext,
  origin: ChangeOrigin,
  stored: StoredImport,
  request: ImportCommit,
): Promise<string[]> {
  // A large import takes a while: GET /api/progress (and the import dialog) shows how far it got.
  const progress = context.progress.start(
    'import',
    {
      id: `Impor ${stored.features.length.toLocaleString('id-ID')} fitur bidang`,
      en: `Import of ${stored.features.length.toLocaleString('id-ID')} parcel features`,
    },
    stored.features.length,
  );
  try {
    return await insertAllInTransaction(context, origin, stored, request, (done) => progress.advance(done));
  } finally {
    progress.finish();
  }
}

async function insertAllInTransaction(
  context: TapakContext,
  origin: ChangeOrigin,
  stored: StoredImport,
  request: ImportCommit,
  onProgress: (featuresDone: number) => void,
): Promise<string[]> {
  const errors: ProblemError[] = [];
  const failed = new Set<number>();
  const outsideTerritory = new Set<number>();
  const defaults = request.defaults ?? {};

  return context.db.knex.transaction(async (trx) => {
    const ids: string[] = [];
    let featuresDone = 0;
    for (const feature of stored.features) {
      featuresDone += 1;
      if (featuresDone % 50 === 0) onProgress(featuresDone);
      const label = featureLabel(feature);
      const fail = (
        reason: string,
        pointer: string,
        message: { id: string; en: string },
        position?: [number, number],
      ) => {
        failed.add(feature.number);
        errors.push({
          reason,
          pointer: `/features/${feature.number}${pointer}`,
          message: { id: `${label.id}: ${message.id}`, en: `${label.en}: ${message.en}` },
          ...(position ? { position } : {}),
        });
      };
      if (feature.readError) {
        fail(feature.readError.reason, '/geometry', feature.readError.message);
        continue;
      }
      const attributes = importedAttributes(feature, request.mapping, defaults);
      if (!attributes.ok) for (const p of attributes.problems) fail(p.reason, p.pointer, p.message);
      let geometry: AreaGeometry | null = null;
      try {
        geometry = validParcelGeometry(feature.geometry);
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        for (const e of error.errors ?? []) fail(e.reason, e.pointer ?? '/geometry', e.message, e.position);
        if (!error.errors?.length) fail(error.code, '/geometry', error.detail);
      }
      if (!attributes.ok || !geometry) continue;

      let judgement: Awaited<ReturnType<typeof judgeParcel>>;
      try {
        judgement = await judgeParcel(trx, context, geometry, attributes.attributes);
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error;
        fail(error.code, '/geometry', error.detail);
        continue;
      }
      const kelurahanKode = judgement.assessment.kelurahan?.kode ?? '';
      const refusal = kelurahanWriteRefusal(origin.actor, kelurahanKode);
      if (refusal) {
        outsideTerritory.add(feature.number);
        fail(refusal.reason, '/geometry', refusal.message);
        continue;
      }
      if (attributes.attributes.is_primary) {
        const other = await otherPrimaryParcel(trx, kelurahanKode, null);
        if (other) {
          fail('primary_conflict', '/properties/is_primary', {
            id: `kelurahan ini sudah memiliki lokasi utama "${other.name}".`,
            en: `this kelurahan already has a primary site, "${other.name}".`,
          });
          continue;
        }
      }
      // Inserting even after a failure lets later features see earlier ones (one primary site per kelurahan);
      // the transaction is rolled back below anyway.
      const id = await insertParcel(
        trx,
        attributes.attributes,
        judgement.geometryJson,
        judgement.assessment,
        judgement.criteriaVersion,
        origin.actor.userId,
      );
      await keepOverlayMeasurements(trx, id, judgement);
      await insertStatusChange(
        trx,
        id,
        null,
        attributes.attributes.status,
        attributes.attributes.status_reason,
        origin.actor.userId,
      );
      await recordChange(trx, origin, {
        action: 'import',
        entityType: 'parcel',
        entityId: id,
        before: null,
        after: parcelSnapshot(kelurahanKode, attributes.attributes, judgement.geometryJson),
      });
      ids.push(id);
    }
    const total = stored.features.length;
    if (outsideTerritory.size > 0 && outsideTerritory.size === failed.size) {
      throw new HttpProblem(
        'forbidden',
        {
          id: `Impor ditolak: ${outsideTerritory.size} dari ${total} fitur berada di luar wilayah kerja Anda; tidak ada bidang yang disimpan.`,
          en: `Import refused: ${outsideTerritory.size} of ${total} features lie outside your territory; no parcel was saved.`,
        },
        errors.slice(0, maxErrorsReported),
        { reason: 'outside_territory', failed_features: [...failed], errors_total: errors.length },
      );
    }
    if (failed.size > 0) {
      throw new HttpProblem(
        'import-failed',
        {
          id: `Impor dibatalkan: ${failed.size} dari ${total} fitur tidak valid; tidak ada bidang yang disimpan.`,
          en: `Import cancelled: ${failed.size} of ${total} features are invalid; no parcel was saved.`,
        },
        errors.slice(0, maxErrorsReported),
        { failed_features: [...failed], errors_total: errors.length },
      );
    }
    return ids;
  });
}
