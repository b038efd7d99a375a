import { type LayerCreate, type LayerSummary, type ProblemError, validateOverlayGeometry } from '@tapak/core';
import type { Knex } from 'knex';
import { type ChangeOrigin, recordChange } from '../audit/changeOrigin.ts';
import { requireCityWideWrite } from '../auth/guards.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import type { ProgressRegistry } from '../progress.ts';
import { currentCriteria } from '../repositories/criteriaRepository.ts';
import {
  deleteLayerFeatures,
  findLayer,
  insertLayer,
  insertLayerFeatures,
  parcelIdsUnderLayer,
  softDeleteLayer,
  touchLayer,
} from '../repositories/overlayRepository.ts';
import { type RejudgeOutcome, type Remeasure, rejudgeParcels, remeasureNothing } from './rejudgeParcels.ts';

type LayerFeatures = LayerCreate['features']['features'];

/** Validates every feature for the layer's kind; a refusal lists each bad feature by number and reason. */
function validLayerFeatures(kind: LayerCreate['kind'], features: LayerFeatures) {
  const errors: ProblemError[] = [];
  features.forEach((feature, index) => {
    for (const problem of validateOverlayGeometry(kind, feature.geometry)) {
      errors.push({
        reason: problem.reason,
        pointer: `/features/features/${index}/geometry${problem.path}`,
        message: {
          id: `Fitur ke-${index + 1}: ${problem.message.id}`,
          en: `Feature ${index + 1}: ${problem.message.en}`,
        },
      });
    }
  });
  if (errors.length > 0) {
    throw new HttpProblem(
      'invalid-geometry',
      {
        id: `${errors.length} fitur lapisan tidak valid; tidak ada yang disimpan.`,
        en: `${errors.length} layer feature(s) invalid; nothing was saved.`,
      },
      errors.slice(0, 100),
    );
  }
  return features.map((feature) => ({ geometry: feature.geometry, properties: feature.properties ?? {} }));
}

function notFound(id: string) {
  return new HttpProblem('not-found', { id: `Lapisan ${id} tidak ada.`, en: `There is no layer ${id}.` });
}

/** What one layer's change asks of a re-judgement: the parcels to judge and the measurements to take again. */
interface LayerChangeScope {
  judge: string[] | 'all';
  remeasure: Remeasure;
}

/**
 * The parcels a change to this layer can affect, taken before and after the change (the union covers the
 * old and the new extent). An exclusion layer alters only the overlaps of the parcels under its features;
 * everyone else keeps their stored measurement. Distances are a global question (a new road may become any
 * parcel's nearest): every parcel is judged with that one distance measured again, the others reused. When
 * the layer is the first or last of its kind, every parcel's checklist gains or loses that check, so all are
 * judged again, still measuring only the parcels under it.
 */
async function layerChangeScope(
  trx: Knex.Transaction,
  layerId: string,
  kind: LayerSummary['kind'],
): Promise<LayerChangeScope> {
  if (kind === 'road') return { judge: 'all', remeasure: { ...remeasureNothing, nearestRoad: true } };
  if (kind === 'facility') return { judge: 'all', remeasure: { ...remeasureNothing, nearestFacility: true } };
  const under = await parcelIdsUnderLayer(trx, layerId);
  const others = await trx('overlay_layers')
    .where({ kind })
    .whereNull('deleted_at')
    .whereNot({ id: layerId })
    .first('id');
  return { judge: others ? under : 'all', remeasure: { ...remeasureNothing, exclusionOverlaps: under } };
}

const unionOf = <T>(lists: Array<T[] | 'all'>): T[] | 'all' =>
  lists.includes('all') ? 'all' : [...new Set(lists.flatMap((list) => (list === 'all' ? [] : list)))];

/** Re-judges the union of what a layer's state before and after its change asks for. */
async function rejudgeLayerChange(
  trx: Knex.Transaction,
  context: { progress?: ProgressRegistry },
  scopes: LayerChangeScope[],
): Promise<RejudgeOutcome> {
  const remeasure: Remeasure = {
    exclusionOverlaps: unionOf(scopes.map((scope) => scope.remeasure.exclusionOverlaps)),
    nearestRoad: scopes.some((scope) => scope.remeasure.nearestRoad),
    nearestFacility: scopes.some((scope) => scope.remeasure.nearestFacility),
  };
  return rejudgeParcels(trx, unionOf(scopes.map((scope) => scope.judge)), await currentCriteria(trx), {
    refitFootprint: false,
    remeasure,
    progress: context.progress,
  });
}

export type LayerChange = RejudgeOutcome & { layer: LayerSummary | null };

/** A new layer and the parcels it touches judged again, in one transaction. */
/** Constraint layers are city-wide: planners and admins change them; the audit keeps the layer's summary. */
export async function createLayer(
  context: TapakContext,
  origin: ChangeOrigin,
  input: LayerCreate,
): Promise<LayerChange> {
  requireCityWideWrite(origin.actor);
  const features = validLayerFeatures(input.kind, input.features.features);
  return context.db.knex.transaction(async (trx) => {
    const id = await insertLayer(trx, { name: input.name, kind: input.kind, params: input.params ?? {} });
    await insertLayerFeatures(trx, id, input.kind, input.params?.corridor_half_width_m, features);
    const outcome = await rejudgeLayerChange(trx, context, [await layerChangeScope(trx, id, input.kind)]);
    const layer = await findLayer(trx, id);
    await recordChange(trx, origin, {
      action: 'create',
      entityType: 'overlay_layer',
      entityId: id,
      before: null,
      after: layer,
    });
    return { layer, ...outcome };
  });
}

/** Replaces a layer's features; parcels touched before or after are judged again. */
export async function replaceLayerFeatures(
  context: TapakContext,
  origin: ChangeOrigin,
  id: string,
  collection: LayerCreate['features'],
): Promise<LayerChange> {
  requireCityWideWrite(origin.actor);
  return context.db.knex.transaction(async (trx) => {
    const layer = await findLayer(trx, id);
    if (!layer) throw notFound(id);
    const features = validLayerFeatures(layer.kind, collection.features);
    const before = await layerChangeScope(trx, id, layer.kind);
    await deleteLayerFeatures(trx, id);
    await insertLayerFeatures(trx, id, layer.kind, layer.params.corridor_half_width_m, features);
    await touchLayer(trx, id);
    const outcome = await rejudgeLayerChange(trx, context, [before, await layerChangeScope(trx, id, layer.kind)]);
    const after = await findLayer(trx, id);
    await recordChange(trx, origin, {
      action: 'update',
      entityType: 'overlay_layer',
      entityId: id,
      before: layer,
      after,
    });
    return { layer: after, ...outcome };
  });
}

export async function deleteLayer(context: TapakContext, origin: ChangeOrigin, id: string): Promise<LayerChange> {
  requireCityWideWrite(origin.actor);
  return context.db.knex.transaction(async (trx) => {
    const layer = await findLayer(trx, id);
    if (!layer) throw notFound(id);
    const before = await layerChangeScope(trx, id, layer.kind);
    await softDeleteLayer(trx, id);
    const outcome = await rejudgeLayerChange(trx, context, [before]);
    await recordChange(trx, origin, {
      action: 'delete',
      entityType: 'overlay_layer',
      entityId: id,
      before: layer,
      after: null,
    });
    return { layer: null, ...outcome };
  });
}

export async function requireLayer(context: TapakContext, id: string): Promise<LayerSummary> {
  const layer = await findLayer(context.db.knex, id);
  if (!layer) throw notFound(id);
  return layer;
}
