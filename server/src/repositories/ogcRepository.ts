import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/**
 * All SQL of the OGC API – Features endpoints (/ogc). PostgreSQL builds every feature as JSON text (RFC 7946:
 * counter-clockwise exteriors, 7 decimals) and aggregates a page into one JSON array; the server only wraps
 * that text in the collection envelope, it never parses rows.
 *
 * A feature, and its properties object, is concatenated as text around ST_AsGeoJSON's output rather than built
 * with json_build_object: the object form casts the geometry text to json (parsing every coordinate again) and
 * re-serialises it, and json_build_object looks up how to write each argument's type on every call; at 1,000
 * features the properties alone cost a third of the query (see BENCHMARKS.md, OGC section). Every value still
 * goes through to_json, which escapes text and writes numbers and booleans exactly as json_build_object did.
 */

type Queryable = Knex | Knex.Transaction;

/** minLon, minLat, maxLon, maxLat in CRS84. */
export type Envelope = [number, number, number, number];

export interface ParcelItemFilter {
  kelurahan?: string;
  qualifies?: boolean;
  status?: string;
  source?: string;
}

export interface KelurahanItemFilter {
  kecamatan_kode?: string;
}

export interface ItemsQuery<F> {
  filter: F;
  /** Boxes the geometry must intersect (two boxes when a bbox crosses the antimeridian); empty = no bbox. */
  envelopes: Envelope[];
  limit: number;
  offset: number;
}

export interface FeaturePage {
  numberMatched: number;
  numberReturned: number;
  /** A JSON array of GeoJSON features, as PostgreSQL wrote it. */
  featuresJson: string;
}

interface Where {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** One OGC collection backed by tables: how to select, key, order and write its features. */
interface FeatureSource {
  /** The table the filters apply to (with its alias), and the joins that only the feature's properties need. */
  table: string;
  alias: string;
  joins: string;
  key: string;
  geom: string;
  /**
   * The feature as an SQL expression of JSON text; `extraMembers` is an SQL text expression that starts with a
   * comma (e.g. `',"links":' || ?::json::text`), inserted before the closing brace.
   */
  feature: (extraMembers?: string) => string;
}

/**
 * A JSON object as an SQL text expression: each member's value is written by to_json (a NULL becomes `null`).
 * The member names are constants of this file, written as JSON string literals inside SQL string literals.
 */
function objectText(members: Array<[name: string, value: string]>): string {
  const parts = members.map(
    ([name, value], i) =>
      `'${i === 0 ? '{' : ','}${JSON.stringify(name)}:' || coalesce(to_json(${value})::text, 'null')`,
  );
  return `(${parts.join('\n      || ')} || '}')`;
}

/** One GeoJSON Feature as text; every part is an SQL text expression (a NULL geometry becomes `null`). */
function featureText(idJson: string, geom: string, propertiesJson: string, extraMembers: string): string {
  return `('{"type":"Feature","id":' || ${idJson}
    || ',"geometry":' || coalesce(ST_AsGeoJSON(ST_ForcePolygonCCW(${geom}), 7), 'null')
    || ',"properties":' || ${propertiesJson} || ${extraMembers} || '}')`;
}

// The parcel properties a GIS user filters and styles on: a flat subset of the register (no nested JSON),
// so QGIS gets one typed column each.
const parcelSource: FeatureSource = {
  table: 'parcels p',
  alias: 'p',
  joins: 'JOIN kelurahan k ON k.kode = p.kelurahan_kode',
  key: 'p.id',
  geom: 'p.geom',
  feature: (extraMembers = "''") =>
    featureText(
      'to_json(p.id)::text',
      'p.geom',
      objectText([
        ['name', 'p.name'],
        ['kelurahan_kode', 'p.kelurahan_kode'],
        ['kelurahan_nama', 'k.nama'],
        ['area_m2', 'p.area_m2'],
        ['qualifies', 'p.qualifies'],
        ['verdict', 'p.verdict'],
        ['score', 'p.score'],
        ['status', 'p.status'],
        ['shortlisted', 'p.shortlisted'],
        ['is_primary', 'p.is_primary'],
        ['fits_prototype', 'p.fits_prototype'],
        ['source', 'p.source'],
        ['owner_class', 'p.owner_class'],
        ['legal_status', 'p.legal_status'],
        ['updated_at', `to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`],
      ]),
      extraMembers,
    ),
};

const kelurahanSource: FeatureSource = {
  table: 'kelurahan k',
  alias: 'k',
  joins: 'JOIN kecamatan c ON c.kode = k.kecamatan_kode JOIN kabkota b ON b.kode = c.kabkota_kode',
  key: 'k.kode',
  geom: 'k.geom',
  feature: (extraMembers = "''") =>
    featureText(
      'to_json(k.kode)::text',
      'k.geom',
      objectText([
        ['kode', 'k.kode'],
        ['nama', 'k.nama'],
        ['jenis', 'k.jenis'],
        ['kecamatan_kode', 'c.kode'],
        ['kecamatan_nama', 'c.nama'],
        ['kabkota_kode', 'b.kode'],
        ['kabkota_nama', 'b.nama'],
        ['area_m2', 'k.area_m2'],
      ]),
      extraMembers,
    ),
};

// Overlay features keep the properties they were imported with; ST_ForcePolygonCCW leaves lines and points as is.
const overlaySource: FeatureSource = {
  table: 'overlay_features f',
  alias: 'f',
  joins: '',
  key: 'f.id',
  geom: 'f.geom',
  feature: (extraMembers = "''") =>
    featureText('to_json(f.id)::text', 'f.geom', "coalesce(f.properties::text, 'null')", extraMembers),
};

function parcelWhere(regionCode: string, filter: ParcelItemFilter = {}): Where {
  const conditions = ['p.deleted_at IS NULL', 'p.kelurahan_kode LIKE ?'];
  const bindings: Knex.RawBinding[] = [regionKodePattern(regionCode)];
  const equal = (column: string, value: Knex.RawBinding | undefined) => {
    if (value === undefined) return;
    conditions.push(`${column} = ?`);
    bindings.push(value);
  };
  equal('p.kelurahan_kode', filter.kelurahan);
  equal('p.qualifies', filter.qualifies);
  equal('p.status', filter.status);
  equal('p.source', filter.source);
  return { sql: conditions.join(' AND '), bindings };
}

function kelurahanWhere(regionCode: string, filter: KelurahanItemFilter = {}): Where {
  const conditions = ['k.geom IS NOT NULL', 'k.kode LIKE ?'];
  const bindings: Knex.RawBinding[] = [regionKodePattern(regionCode)];
  if (filter.kecamatan_kode !== undefined) {
    conditions.push('k.kecamatan_kode = ?');
    bindings.push(filter.kecamatan_kode);
  }
  return { sql: conditions.join(' AND '), bindings };
}

function overlayWhere(layerId: string): Where {
  return {
    sql: 'f.layer_id = ? AND EXISTS (SELECT 1 FROM overlay_layers l WHERE l.id = f.layer_id AND l.deleted_at IS NULL)',
    bindings: [layerId],
  };
}

/** Adds "intersects one of these boxes" (ST_Intersects uses the GiST index by itself). */
function withEnvelopes(where: Where, geom: string, envelopes: Envelope[]): Where {
  if (envelopes.length === 0) return where;
  const boxes = envelopes.map(() => `ST_Intersects(${geom}, ST_MakeEnvelope(?, ?, ?, ?, 4326))`);
  return { sql: `${where.sql} AND (${boxes.join(' OR ')})`, bindings: [...where.bindings, ...envelopes.flat()] };
}

/**
 * Runs `query` in a transaction without parallel workers. PostGIS rates ST_Intersects as expensive, so PostgreSQL
 * plans a bbox scan of a few thousand rows with two parallel workers; each query then starts two more backend
 * processes, which costs more than the scan they share. Measured at concurrency 8 on 2 cores (BENCHMARKS.md,
 * OGC section): the bare bbox query 130 → 330 queries/s, an items page 56 → 90. The three extra round trips
 * (BEGIN, SET LOCAL, COMMIT) cost far less; SET LOCAL ends with the transaction, so pooled connections keep
 * their defaults for every other query.
 */
function withoutParallelWorkers<T>(knex: Queryable, query: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL max_parallel_workers_per_gather = 0');
    return query(trx);
  });
}

async function featurePage(
  knex: Queryable,
  source: FeatureSource,
  where: Where,
  limit: number,
  offset: number,
): Promise<FeaturePage> {
  // One scan finds the matching keys (for the count and the page); only the page's rows are then fetched again,
  // one primary-key lookup each, and turned into JSON. The lookup is a LATERAL subquery with LIMIT 1 so that the
  // planner cannot turn it into a join: from about 4,000 rows on a page it preferred hashing the whole table
  // (100,000 parcels: 150 ms CPU instead of 65 at limit 5,000, BENCHMARKS.md).
  const result = await withoutParallelWorkers(knex, (trx) =>
    trx.raw<{ rows: Array<{ matched: number; returned: number; features: string }> }>(
      `WITH matched AS MATERIALIZED (
       SELECT ${source.key} AS key FROM ${source.table} WHERE ${where.sql}
     ),
     page AS MATERIALIZED (SELECT key FROM matched ORDER BY key LIMIT ? OFFSET ?)
     SELECT (SELECT count(*) FROM matched) AS matched,
            (SELECT count(*) FROM page) AS returned,
            coalesce(
              (SELECT '[' || string_agg(${source.feature()}, ',' ORDER BY page.key) || ']'
               FROM page
               CROSS JOIN LATERAL (
                 SELECT ${source.alias}.* FROM ${source.table} WHERE ${source.key} = page.key LIMIT 1
               ) ${source.alias}
               ${source.joins}),
              '[]') AS features`,
      [...where.bindings, limit, offset],
    ),
  );
  const row = result.rows[0];
  return {
    numberMatched: Number(row?.matched ?? 0),
    numberReturned: Number(row?.returned ?? 0),
    featuresJson: row?.features ?? '[]',
  };
}

async function oneFeature(
  knex: Queryable,
  source: FeatureSource,
  where: Where,
  key: string | number,
  linksJson: string,
): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ feature: string }> }>(
    `SELECT ${source.feature(`',"links":' || ?::json::text`)} AS feature
     FROM ${source.table} ${source.joins} WHERE ${where.sql} AND ${source.key} = ?`,
    [linksJson, ...where.bindings, key],
  );
  return result.rows[0]?.feature ?? null;
}

export function parcelItems(knex: Queryable, regionCode: string, query: ItemsQuery<ParcelItemFilter>) {
  const where = withEnvelopes(parcelWhere(regionCode, query.filter), parcelSource.geom, query.envelopes);
  return featurePage(knex, parcelSource, where, query.limit, query.offset);
}

export function kelurahanItems(knex: Queryable, regionCode: string, query: ItemsQuery<KelurahanItemFilter>) {
  const where = withEnvelopes(kelurahanWhere(regionCode, query.filter), kelurahanSource.geom, query.envelopes);
  return featurePage(knex, kelurahanSource, where, query.limit, query.offset);
}

export function overlayItems(knex: Queryable, layerId: string, query: ItemsQuery<Record<string, never>>) {
  const where = withEnvelopes(overlayWhere(layerId), overlaySource.geom, query.envelopes);
  return featurePage(knex, overlaySource, where, query.limit, query.offset);
}

/** One live parcel of the region (the caller checked that `id` is a UUID), with the given links. */
export function parcelItem(knex: Queryable, regionCode: string, id: string, linksJson: string) {
  return oneFeature(knex, parcelSource, parcelWhere(regionCode), id, linksJson);
}

export function kelurahanItem(knex: Queryable, regionCode: string, kode: string, linksJson: string) {
  return oneFeature(knex, kelurahanSource, kelurahanWhere(regionCode), kode, linksJson);
}

export function overlayItem(knex: Queryable, layerId: string, featureId: number, linksJson: string) {
  return oneFeature(knex, overlaySource, overlayWhere(layerId), featureId, linksJson);
}

export interface CollectionExtent {
  /** `parcels`, `kelurahan` or `layer-<uuid>`. */
  id: string;
  /** The overlay layer's name and kind (null for parcels and kelurahan). */
  name: string | null;
  kind: string | null;
  /** [minLon, minLat, maxLon, maxLat], or null while the collection has no geometry. */
  bbox: Envelope | null;
}

interface ExtentRow {
  id: string;
  name: string | null;
  kind: string | null;
  xmin: number | null;
  ymin: number | null;
  xmax: number | null;
  ymax: number | null;
}

const extentColumns = (box: string) =>
  `ST_XMin(${box}) AS xmin, ST_YMin(${box}) AS ymin, ST_XMax(${box}) AS xmax, ST_YMax(${box}) AS ymax`;

/**
 * Every collection with its extent computed by PostGIS (parcels, kelurahan, then the live overlay layers by
 * name); `onlyId` narrows it to one collection.
 */
export async function collectionExtents(
  knex: Queryable,
  regionCode: string,
  onlyId?: string,
): Promise<CollectionExtent[]> {
  const pattern = regionKodePattern(regionCode);
  const result = await knex.raw<{ rows: ExtentRow[] }>(
    `SELECT * FROM (
       SELECT 0 AS ord, 'parcels' AS id, NULL::text AS name, NULL::text AS kind, ${extentColumns('e.box')}
       FROM (SELECT ST_Extent(p.geom) AS box FROM parcels p WHERE p.deleted_at IS NULL AND p.kelurahan_kode LIKE ?) e
       UNION ALL
       SELECT 1, 'kelurahan', NULL, NULL, ${extentColumns('e.box')}
       FROM (SELECT ST_Extent(k.geom) AS box FROM kelurahan k WHERE k.kode LIKE ?) e
       UNION ALL
       SELECT 2, 'layer-' || l.id, l.name, l.kind, ${extentColumns('e.box')}
       FROM overlay_layers l
       LEFT JOIN LATERAL (SELECT ST_Extent(f.geom) AS box FROM overlay_features f WHERE f.layer_id = l.id) e ON true
       WHERE l.deleted_at IS NULL
     ) c
     WHERE ?::text IS NULL OR c.id = ?
     ORDER BY c.ord, c.name, c.id`,
    [pattern, pattern, onlyId ?? null, onlyId ?? null],
  );
  return result.rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    bbox:
      row.xmin === null || row.ymin === null || row.xmax === null || row.ymax === null
        ? null
        : [Number(row.xmin), Number(row.ymin), Number(row.xmax), Number(row.ymax)],
  }));
}

/** A live overlay layer, or null (unknown or deleted). */
export async function liveOverlayLayer(
  knex: Queryable,
  layerId: string,
): Promise<{ id: string; name: string; kind: string } | null> {
  const row = await knex('overlay_layers').where({ id: layerId }).whereNull('deleted_at').first('id', 'name', 'kind');
  return row ?? null;
}
