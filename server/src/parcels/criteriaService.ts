import type { Criteria } from '@tapak/core';
import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import { requireAdmin } from '../auth/guards.ts';
import type { TapakContext } from '../context.ts';
import { type CriteriaVersion, currentCriteria, saveCriteria } from '../repositories/criteriaRepository.ts';
import { coverageRows } from '../repositories/kelurahanRepository.ts';
import { type RejudgeOutcome, rejudgeParcels, remeasureNothing } from './rejudgeParcels.ts';

export type CriteriaChange = CriteriaVersion & RejudgeOutcome;

async function applyCriteria(
  trx: Knex.Transaction,
  context: TapakContext,
  criteria: Criteria,
  origin: ChangeOrigin | null,
): Promise<CriteriaChange> {
  const before = await currentCriteria(trx);
  const saved = await saveCriteria(trx, criteria, origin?.actor.userId ?? null);
  if (origin) {
    await recordChange(trx, origin, {
      action: 'update',
      entityType: 'criteria',
      entityId: String(saved.version),
      before,
      after: saved,
    });
  }
  const refitFootprint =
    before.criteria.footprint_width_m !== criteria.footprint_width_m ||
    before.criteria.footprint_depth_m !== criteria.footprint_depth_m;
  // Criteria judge the overlay measurements stored with each parcel; none of them measures differently.
  const outcome = await rejudgeParcels(trx, 'all', saved, {
    refitFootprint,
    remeasure: remeasureNothing,
    progress: context.progress,
  });
  return { ...saved, ...outcome };
}

/**
 * A new criteria version and every live parcel judged again under it, in one transaction: nobody ever sees
 * parcels judged by a mix of old and new criteria.
 */
/** Criteria are the city's rules: admins change them, and every change is audited. */
export async function changeCriteria(
  context: TapakContext,
  origin: ChangeOrigin,
  criteria: Criteria,
): Promise<CriteriaChange> {
  requireAdmin(origin.actor);
  return context.db.knex.transaction((trx) => applyCriteria(trx, context, criteria, origin));
}

export interface CriteriaPreview extends RejudgeOutcome {
  kelurahan_losing_qualifying_site: Array<{ kode: string; nama: string }>;
  kelurahan_gaining_qualifying_site: Array<{ kode: string; nama: string }>;
  summary: { id: string; en: string };
}

class PreviewRollback extends Error {}

/**
 * What a criteria change would do, without doing it: the change runs for real inside a transaction that is
 * then rolled back, so the preview can never disagree with the change itself.
 */
export async function previewCriteria(context: TapakContext, criteria: Criteria): Promise<CriteriaPreview> {
  let preview: CriteriaPreview | undefined;
  await context.db.knex
    .transaction(async (trx) => {
      const qualifyingKelurahan = async () =>
        new Map(
          (await coverageRows(trx, context.region.kode))
            .filter((row) => row.qualifying > 0)
            .map((row) => [row.kode, row.nama] as const),
        );
      const before = await qualifyingKelurahan();
      const outcome = await applyCriteria(trx, context, criteria, null);
      const after = await qualifyingKelurahan();
      const losing = [...before].filter(([kode]) => !after.has(kode)).map(([kode, nama]) => ({ kode, nama }));
      const gaining = [...after].filter(([kode]) => !before.has(kode)).map(([kode, nama]) => ({ kode, nama }));
      preview = {
        parcels_rejudged: outcome.parcels_rejudged,
        parcels_changed_qualification: outcome.parcels_changed_qualification,
        kelurahan_losing_qualifying_site: losing,
        kelurahan_gaining_qualifying_site: gaining,
        summary: {
          id: `${losing.length} kelurahan akan kehilangan lokasi memenuhi syarat; ${gaining.length} kelurahan akan mendapatkannya`,
          en: `${losing.length} kelurahan would lose their qualifying site; ${gaining.length} would gain one`,
        },
      };
      throw new PreviewRollback();
    })
    .catch((error) => {
      if (!(error instanceof PreviewRollback)) throw error;
    });
  if (!preview) throw new Error('criteria preview produced nothing');
  return preview;
}
