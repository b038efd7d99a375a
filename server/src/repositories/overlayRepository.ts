import {
  defaultSutetHalfWidthMeters,
  type ExclusionKind,
  type LayerSummary,
  type OverlayKind,
  type OverlayMeasurements,
  type RoadClass,
  roadClasses,
} from '@tapak/core';
import type { Knex } from 'knex';

/**
 * All SQL about overlay layers (flood, RTH, LP2B, SUTET, roads, facilities) and the measurements the overlay
 * checks judge: overlap areas and distances, in metres on the ellipsoid (geography), never in degrees.
 */

type Queryable = Knex | Knex.Transaction;

const polygonKinds = ['flood', 'rth', 'lp2b', 'other_exclusion'];

/**
 * A road line cut into parts of at most 200 m along the ellipsoid and 8 vertices (see migration 008), so
 * each part's index entry is small; a set-returning expression (one row per part).
 */
const roadPartsSql = (geometry: string) => `ST_Subdivide(ST_Segmentize((${geometry})::geography, 200)::geometry, 8)`;

export async function insertLayer(
  trx: Knex.Transaction,
  layer: { name: string; kind: OverlayKind; params: Record<string, unknown> },
): Promise<string> {
  const [row] = await trx('overlay_layers')
    .insert({ name: layer.name, kind: layer.kind, params: JSON.stringify(layer.params) })
    .returning(['id']);
  return row.id;
}

/**
 * Stores features with the area each one excludes: the polygon itself, or for a SUTET line its corridor,
 * buffered in metres on the ellipsoid by the line's own `half_width_m`, else the layer's, else 20 m.
 */
export async function insertLayerFeatures(
  trx: Knex.Transaction,
  layerId: string,
  kind: OverlayKind,
  layerHalfWidthMeters: number | undefined,
  features: Array<{ geometry: unknown; properties: Record<string, unknown> }>,
): Promise<void> {
  for (let start = 0; start < features.length; start += 500) {
    const rows = features.slice(start, start + 500).map((feature) => ({
      geometry: JSON.stringify(feature.geometry),
      properties: feature.properties,
      half_width_m:
        typeof feature.properties.half_width_m === 'number' && feature.properties.half_width_m > 0
          ? feature.properties.half_width_m
          : (layerHalfWidthMeters ?? defaultSutetHalfWidthMeters),
    }));
    // A road is also stored cut into short parts (migration 008), in the same statement, for the nearest-road
    // search.
    await trx.raw(
      `WITH stored AS (
         INSERT INTO overlay_features (layer_id, kind, properties, geom, exclusion)
         SELECT ?, ?, f.properties, g.geom,
                CASE WHEN ? = 'sutet' THEN ST_Multi(ST_Buffer(g.geom::geography, f.half_width_m)::geometry)
                     WHEN ? = ANY(?) THEN ST_Multi(g.geom)
                     ELSE NULL END
         FROM json_to_recordset(?::json) AS f(geometry text, properties jsonb, half_width_m float8)
         CROSS JOIN LATERAL (SELECT ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(f.geometry), 4326)) AS geom) g
         RETURNING id, layer_id, kind, geom
       )
       INSERT INTO overlay_road_parts (feature_id, layer_id, geom)
       SELECT s.id, s.layer_id, ${roadPartsSql('s.geom')} FROM stored s WHERE s.kind = 'road'`,
      [layerId, kind, kind, kind, polygonKinds, JSON.stringify(rows)],
    );
  }
}

export async function deleteLayerFeatures(trx: Knex.Transaction, layerId: string): Promise<void> {
  await trx('overlay_features').where({ layer_id: layerId }).delete();
}

export async function touchLayer(trx: Knex.Transaction, layerId: string): Promise<void> {
  await trx('overlay_layers')
    .where({ id: layerId })
    .update({ version: trx.raw('version + 1'), updated_at: trx.fn.now() });
}

export async function softDeleteLayer(trx: Knex.Transaction, layerId: string): Promise<boolean> {
  const count = await trx('overlay_layers').where({ id: layerId }).whereNull('deleted_at').update({
    deleted_at: trx.fn.now(),
  });
  return count === 1;
}

function summaryQuery(knex: Queryable) {
  return knex('overlay_layers as l')
    .whereNull('l.deleted_at')
    .select(
      'l.id',
      'l.name',
      'l.kind',
      'l.params',
      'l.version',
      knex.raw(`to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`),
      knex.raw(`to_char(l.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at`),
      knex.raw('(SELECT count(*) FROM overlay_features f WHERE f.layer_id = l.id) AS feature_count'),
    )
    .orderBy('l.created_at');
}

export async function listLayers(knex: Queryable): Promise<LayerSummary[]> {
  const rows = await summaryQuery(knex);
  return rows.map((row: LayerSummary) => ({ ...row, feature_count: Number(row.feature_count) }));
}

export async function findLayer(knex: Queryable, id: string): Promise<LayerSummary | null> {
  const row = await summaryQuery(knex).where('l.id', id).first();
  return row ? { ...row, feature_count: Number(row.feature_count) } : null;
}

export async function layerFeatureCollectionJson(knex: Queryable, id: string): Promise<string> {
  const result = await knex.raw<{ rows: Array<{ collection: string }> }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', f.id,
       'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(f.geom), 7)::json,
       'properties', f.properties) ORDER BY f.id), '[]'::json))::text AS collection
     FROM overlay_features f WHERE f.layer_id = ?`,
    [id],
  );
  return result.rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}

/**
 * The live parcels whose exclusion overlap a change to this (flood, RTH, LP2B, SUTET, other) layer can alter:
 * those that touch its features now. Called before and after a change, the union covers old and new extent.
 */
export async function parcelIdsUnderLayer(knex: Queryable, layerId: string): Promise<string[]> {
  const rows = await knex.raw<{ rows: Array<{ id: string }> }>(
    `SELECT DISTINCT p.id FROM parcels p JOIN overlay_features f ON f.layer_id = ?
       AND f.exclusion && p.geom AND ST_Intersects(f.exclusion, p.geom)
     WHERE p.deleted_at IS NULL`,
    [layerId],
  );
  return rows.rows.map((r) => r.id);
}

/** Which parcels to measure: live parcels (all or some), or one geometry not yet stored (id "new"). */
export type MeasureTarget = { parcelIds: string[] | 'all' } | { geometryJson: string };

function targetsSql(target: MeasureTarget): { sql: string; bindings: Knex.RawBinding[] } {
  if ('geometryJson' in target) {
    return {
      sql: `SELECT 'new'::text AS id, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS geom`,
      bindings: [target.geometryJson],
    };
  }
  if (target.parcelIds === 'all') {
    return { sql: 'SELECT id::text AS id, geom FROM parcels WHERE deleted_at IS NULL', bindings: [] };
  }
  // uuid = ANY(uuid[]) walks the primary key; comparing id::text against a text array scanned every parcel
  // once per listed id.
  return {
    sql: 'SELECT id::text AS id, geom FROM parcels WHERE deleted_at IS NULL AND id = ANY(?::uuid[])',
    bindings: [target.parcelIds],
  };
}

/**
 * A parcel's overlay measurements as the JSON text stored for it, built in one fixed key order: equal
 * measurements give equal text, which is how a re-judgement tells whether they changed.
 */
export function overlayMeasurementsJson(measured: ParcelOverlayMeasurements): string {
  return JSON.stringify({
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
  });
}

/** Stores (or replaces) parcels' overlay measurements, given as JSON text, in one statement. */
export async function storeOverlayMeasurements(
  trx: Knex.Transaction,
  measurements: Array<{ parcelId: string; json: string }>,
): Promise<void> {
  if (measurements.length === 0) return;
  // Spliced in verbatim, as the checks are: the stored text is then exactly what the next comparison sees.
  const rows = measurements.map(
    ({ parcelId, json }) => `{"parcel_id":${JSON.stringify(parcelId)},"measurements":${json}}`,
  );
  await trx.raw(
    `INSERT INTO parcel_overlay_measurements (parcel_id, measurements)
     SELECT v.parcel_id, v.measurements FROM json_to_recordset(?::json) AS v(parcel_id uuid, measurements json)
     ON CONFLICT (parcel_id) DO UPDATE SET measurements = EXCLUDED.measurements`,
    [`[${rows.join(',')}]`],
  );
}

/** Which overlay kinds have at least one live layer: a kind without a layer adds no check to any parcel. */
export interface OverlayKindsPresent {
  exclusionKindsPresent: ExclusionKind[];
  roadLayersPresent: boolean;
  facilityLayersPresent: boolean;
}

export async function overlayKindsPresent(knex: Queryable): Promise<OverlayKindsPresent> {
  const kinds = await knex('overlay_layers').whereNull('deleted_at').distinct('kind');
  const present = new Set(kinds.map((k: { kind: OverlayKind }) => k.kind));
  return {
    exclusionKindsPresent: [...present].filter((k): k is ExclusionKind => k !== 'road' && k !== 'facility'),
    roadLayersPresent: present.has('road'),
    facilityLayersPresent: present.has('facility'),
  };
}

/**
 * What is measured per parcel, and stored for it (`parcel_overlay_measurements`); which kinds have layers
 * at all is read when judging (`overlayKindsPresent`).
 */
export type ParcelOverlayMeasurements = Pick<
  OverlayMeasurements,
  'exclusionOverlaps' | 'nearestRoad' | 'nearestFacility'
>;

/**
 * Overlap with each exclusion layer, by parcel id; a target parcel absent from the map touches none. Sorted by
 * layer name (then id) so the layer names a check lists come out in one order however PostgreSQL joins.
 */
export async function measureExclusionOverlaps(
  knex: Queryable,
  target: MeasureTarget,
): Promise<Map<string, OverlayMeasurements['exclusionOverlaps']>> {
  const targets = targetsSql(target);
  const overlaps = await knex.raw<{
    rows: Array<{ id: string; kind: ExclusionKind; name: string; overlap_m2: number }>;
  }>(
    // Per parcel (LATERAL): its layers' features that touch it, united per layer, intersected with it. A join
    // of the per-layer unions back to the targets was estimated at one row and planned as a nested loop over
    // every target for each union (72 s at 100,000 parcels instead of ≈ 1 s).
    `WITH t AS (${targets.sql})
     SELECT t.id, l.kind, l.name, ST_Area(ST_Intersection(t.geom, u.exclusion)::geography) AS overlap_m2
     FROM t CROSS JOIN LATERAL (
       SELECT f.layer_id, ST_Union(f.exclusion) AS exclusion
       FROM overlay_features f
       WHERE f.exclusion && t.geom AND ST_Intersects(f.exclusion, t.geom)
       GROUP BY f.layer_id
     ) u
     JOIN overlay_layers l ON l.id = u.layer_id AND l.deleted_at IS NULL
     ORDER BY t.id, l.name, l.id`,
    targets.bindings,
  );
  const byId = new Map<string, OverlayMeasurements['exclusionOverlaps']>();
  for (const row of overlaps.rows) {
    let list = byId.get(row.id);
    if (!list) {
      list = [];
      byId.set(row.id, list);
    }
    list.push({ kind: row.kind, layerName: row.name, overlapSquareMeters: Number(row.overlap_m2) });
  }
  return byId;
}

interface NearestFeatureRow {
  id: string;
  distance_m: number;
  layer_name: string;
  properties: Record<string, unknown>;
  layer_params: Record<string, unknown>;
}

/**
 * The nearest feature of a kind to each target parcel. An index finds it (KNN <->, planar, exact recheck): for
 * facilities the kind's own partial GiST index, for roads the index of their short parts (migration 008);
 * only that one is then measured on the ellipsoid, which is what costs.
 */
async function nearestFeatures(
  knex: Queryable,
  target: MeasureTarget,
  kind: 'road' | 'facility',
): Promise<NearestFeatureRow[]> {
  const targets = targetsSql(target);
  // The kind is a literal from a fixed list (never user text) because the planner matches a partial index's
  // predicate only against one. At Bekasi's latitude planar ranking differs from ellipsoidal by < 0.6 %.
  const candidates =
    kind === 'road'
      ? `SELECT r.geom, r.feature_id, r.layer_id FROM overlay_road_parts r
         WHERE r.layer_id = ANY(layers.ids)
         ORDER BY r.geom <-> t.geom`
      : `SELECT f.geom, f.id AS feature_id, f.layer_id FROM overlay_features f
         WHERE f.kind = 'facility' AND f.layer_id = ANY(layers.ids)
         ORDER BY f.geom <-> t.geom`;
  const nearest = await knex.raw<{ rows: NearestFeatureRow[] }>(
    `WITH t AS (${targets.sql}),
     layers AS (SELECT array_agg(id) AS ids FROM overlay_layers WHERE kind = ? AND deleted_at IS NULL)
     SELECT t.id, ST_Distance(t.geom::geography, n.geom::geography) AS distance_m,
            l.name AS layer_name, f.properties, l.params AS layer_params
     FROM t CROSS JOIN layers CROSS JOIN LATERAL (${candidates} LIMIT 1) n
     JOIN overlay_features f ON f.id = n.feature_id
     JOIN overlay_layers l ON l.id = n.layer_id`,
    [...targets.bindings, kind],
  );
  return nearest.rows;
}

type NearestRoad = NonNullable<OverlayMeasurements['nearestRoad']>;
type NearestFacility = NonNullable<OverlayMeasurements['nearestFacility']>;

/** The nearest road of each target parcel, by id; a parcel absent from the map has none (no road layer). */
export async function measureNearestRoads(knex: Queryable, target: MeasureTarget): Promise<Map<string, NearestRoad>> {
  const byId = new Map<string, NearestRoad>();
  for (const row of await nearestFeatures(knex, target, 'road')) {
    const cls = String(row.properties.class ?? row.layer_params.road_class ?? '').toLowerCase();
    byId.set(row.id, {
      distanceMeters: Number(row.distance_m),
      roadClass: (roadClasses as readonly string[]).includes(cls) ? (cls as RoadClass) : null,
      layerName: row.layer_name,
    });
  }
  return byId;
}

/** The nearest facility of each target parcel, by id; a parcel absent from the map has none. */
export async function measureNearestFacilities(
  knex: Queryable,
  target: MeasureTarget,
): Promise<Map<string, NearestFacility>> {
  const byId = new Map<string, NearestFacility>();
  for (const row of await nearestFeatures(knex, target, 'facility')) {
    byId.set(row.id, {
      distanceMeters: Number(row.distance_m),
      name: typeof row.properties.name === 'string' ? row.properties.name : null,
      facilityType: typeof row.properties.type === 'string' ? row.properties.type : null,
    });
  }
  return byId;
}

/**
 * Every overlay measurement for many parcels (or one new geometry) in three set-based queries (exclusion
 * overlaps, nearest road, nearest facility), never one query per parcel.
 */
export async function measureOverlays(
  knex: Queryable,
  target: MeasureTarget,
): Promise<Map<string, OverlayMeasurements>> {
  const present = await overlayKindsPresent(knex);
  const targets = targetsSql(target);
  const ids = await knex.raw<{ rows: Array<{ id: string }> }>(`SELECT id FROM (${targets.sql}) t`, targets.bindings);
  const overlaps = present.exclusionKindsPresent.length > 0 ? await measureExclusionOverlaps(knex, target) : new Map();
  const roads = present.roadLayersPresent ? await measureNearestRoads(knex, target) : new Map();
  const facilities = present.facilityLayersPresent ? await measureNearestFacilities(knex, target) : new Map();
  return new Map(
    ids.rows.map(({ id }) => [
      id,
      {
        ...present,
        exclusionOverlaps: overlaps.get(id) ?? [],
        nearestRoad: roads.get(id) ?? null,
        nearestFacility: facilities.get(id) ?? null,
      },
    ]),
  );
}
