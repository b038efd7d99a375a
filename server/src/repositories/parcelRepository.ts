import {
  type Assessment,
  type GeometryMeasures,
  type ParcelAttributes,
  type ParcelFilter,
  parcelAttributeNames,
} from '@tapak/core';
import type { Knex } from 'knex';
import wkx from 'wkx';
import { regionKodePattern } from './regionScope.ts';

/**
 * All SQL about parcels. PostGIS emits the GeoJSON (RFC 7946: counter-clockwise exteriors, 7 decimals, no
 * crs member) and the "titik" (ST_PointOnSurface) that the province and Agrinas count.
 */

type Queryable = Knex | Knex.Transaction;

export interface KelurahanOverlap {
  kode: string;
  nama: string;
  outsideRatio: number;
}

/** The kelurahan that holds the largest part of the geometry, and the share of the geometry outside it. */
export async function largestOverlapKelurahan(
  knex: Queryable,
  geometryJson: string,
  regionCode: string,
): Promise<KelurahanOverlap | null> {
  const result = await knex.raw<{ rows: Array<{ kode: string; nama: string; overlap_m2: number; area_m2: number }> }>(
    `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS geom)
     SELECT k.kode, k.nama,
            ST_Area(ST_Intersection(k.geom, g.geom)::geography) AS overlap_m2,
            ST_Area(g.geom::geography) AS area_m2
     FROM kelurahan k, g
     WHERE k.kode LIKE ? AND k.geom && g.geom AND ST_Intersects(k.geom, g.geom)
     ORDER BY overlap_m2 DESC, k.kode
     LIMIT 1`,
    [geometryJson, regionKodePattern(regionCode)],
  );
  const row = result.rows[0];
  if (!row || !(row.overlap_m2 > 0)) return null;
  const outside = row.area_m2 > 0 ? Math.max(0, 1 - row.overlap_m2 / row.area_m2) : 0;
  return { kode: row.kode, nama: row.nama, outsideRatio: Math.round(outside * 1e6) / 1e6 };
}

/** The columns that hold what the planner entered (JSON columns serialised for the driver). */
function attributeColumns(attributes: Partial<ParcelAttributes>) {
  const columns: Record<string, unknown> = { ...attributes };
  if (attributes.kib_a !== undefined) columns.kib_a = JSON.stringify(attributes.kib_a);
  if (attributes.fasos_fasum !== undefined) columns.fasos_fasum = JSON.stringify(attributes.fasos_fasum);
  return columns;
}

function assessmentColumns(knex: Queryable, geometryJson: string, assessment: Assessment, criteriaVersion: number) {
  return {
    geom: knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [geometryJson]),
    kelurahan_kode: assessment.kelurahan?.kode,
    area_m2: assessment.area_m2,
    crosses_border: assessment.crosses_border,
    kelurahan_overlap_ratio:
      assessment.kelurahan_outside_ratio === null ? null : 1 - assessment.kelurahan_outside_ratio,
    fits_prototype: assessment.fits_prototype,
    footprint: assessment.footprint
      ? knex.raw('ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)', [JSON.stringify(assessment.footprint)])
      : null,
    footprint_rotation_deg: assessment.footprint_rotation_deg,
    footprint_slack_m: assessment.footprint_slack_m,
    min_width_m: assessment.min_width_m,
    checks: JSON.stringify(assessment.checks),
    qualifies: assessment.qualifies,
    verdict: assessment.verdict,
    score: assessment.score,
    criteria_version: criteriaVersion,
  };
}

export async function insertParcel(
  trx: Knex.Transaction,
  attributes: ParcelAttributes,
  geometryJson: string,
  assessment: Assessment,
  criteriaVersion: number,
  userId: string | null,
): Promise<string> {
  const [row] = await trx('parcels')
    .insert({
      ...attributeColumns(attributes),
      ...assessmentColumns(trx, geometryJson, assessment, criteriaVersion),
      created_by: userId,
      updated_by: userId,
    })
    .returning(['id']);
  return row.id;
}

/** Writes a new state only if nobody changed the parcel since `expectedVersion`; returns whether it did. */
export async function updateParcel(
  trx: Knex.Transaction,
  id: string,
  expectedVersion: number,
  attributes: Partial<ParcelAttributes>,
  geometryJson: string,
  assessment: Assessment,
  criteriaVersion: number,
  userId: string | null,
): Promise<boolean> {
  const count = await trx('parcels')
    .where({ id, version: expectedVersion })
    .whereNull('deleted_at')
    .update({
      ...attributeColumns(attributes),
      ...assessmentColumns(trx, geometryJson, assessment, criteriaVersion),
      updated_by: userId,
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
    });
  return count === 1;
}

export async function softDeleteParcel(
  trx: Knex.Transaction,
  id: string,
  expectedVersion: number,
  userId: string | null,
): Promise<boolean> {
  const count = await trx('parcels')
    .where({ id, version: expectedVersion })
    .whereNull('deleted_at')
    .update({
      deleted_at: trx.fn.now(),
      deleted_by: userId,
      version: trx.raw('version + 1'),
      updated_at: trx.fn.now(),
    });
  return count === 1;
}

/** Restores a deleted parcel; it gives up the primary-site mark if another parcel took it meanwhile. */
export async function restoreParcel(trx: Knex.Transaction, id: string, userId: string | null): Promise<boolean> {
  const count = await trx.raw<{ rowCount: number; affectedRows?: number }>(
    `UPDATE parcels p SET deleted_at = NULL, deleted_by = NULL, updated_by = ?, version = version + 1, updated_at = now(),
       is_primary = p.is_primary AND NOT EXISTS (
         SELECT 1 FROM parcels o WHERE o.kelurahan_kode = p.kelurahan_kode AND o.is_primary
           AND o.deleted_at IS NULL AND o.id <> p.id)
     WHERE p.id = ? AND p.deleted_at IS NOT NULL`,
    [userId, id],
  );
  return Number(count.rowCount ?? count.affectedRows ?? 0) === 1;
}

export interface StoredParcel {
  id: string;
  version: number;
  deleted: boolean;
  kelurahan_kode: string;
  attributes: ParcelAttributes;
  geometryJson: string;
}

const attributeNames = parcelAttributeNames;

/** The stored state a change starts from (attributes and geometry), or null when there is no such parcel. */
export async function findStoredParcel(knex: Queryable, id: string): Promise<StoredParcel | null> {
  const row = await knex('parcels')
    .where({ id })
    .first(
      ...attributeNames,
      'id',
      'version',
      'deleted_at',
      'kelurahan_kode',
      knex.raw('ST_AsGeoJSON(geom) AS geometry_json'),
    );
  if (!row) return null;
  const attributes = Object.fromEntries(attributeNames.map((name) => [name, row[name]])) as ParcelAttributes;
  return {
    id: row.id,
    version: row.version,
    deleted: row.deleted_at !== null,
    kelurahan_kode: row.kelurahan_kode,
    attributes,
    geometryJson: row.geometry_json,
  };
}

/** Another live parcel already marked primary in the kelurahan, if any. */
export async function otherPrimaryParcel(
  knex: Queryable,
  kelurahanKode: string,
  exceptId: string | null,
): Promise<{ id: string; name: string } | null> {
  const row = await knex('parcels')
    .where({ kelurahan_kode: kelurahanKode, is_primary: true })
    .whereNull('deleted_at')
    .modify((q) => {
      if (exceptId) q.whereNot({ id: exceptId });
    })
    .first('id', 'name');
  return row ?? null;
}

export async function insertStatusChange(
  trx: Knex.Transaction,
  parcelId: string,
  fromStatus: string | null,
  toStatus: string,
  reason: string | null,
  userId: string | null,
): Promise<void> {
  await trx('parcel_status_history').insert({
    parcel_id: parcelId,
    from_status: fromStatus,
    to_status: toStatus,
    reason,
    changed_by: userId,
  });
}

export async function statusHistory(knex: Queryable, parcelId: string) {
  const rows = await knex('parcel_status_history')
    .where({ parcel_id: parcelId })
    .orderBy('id')
    .select('from_status', 'to_status', 'reason', 'changed_at');
  return rows.map((row) => ({ ...row, changed_at: new Date(row.changed_at).toISOString() }));
}

const featureSql = (decimals: number) => `
  json_build_object(
    'type', 'Feature',
    'id', p.id,
    'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), ${decimals})::json,
    'properties', json_build_object(
      'id', p.id,
      'name', p.name,
      'source', p.source,
      'owner_class', p.owner_class,
      'legal_status', p.legal_status,
      'current_use', p.current_use,
      'is_vacant', p.is_vacant,
      'kib_a', p.kib_a,
      'fasos_fasum', p.fasos_fasum,
      'tags', to_json(p.tags),
      'notes', p.notes,
      'status', p.status,
      'status_reason', p.status_reason,
      'shortlisted', p.shortlisted,
      'shortlist_rank', p.shortlist_rank,
      'is_primary', p.is_primary,
      'kelurahan_kode', k.kode,
      'kelurahan_nama', k.nama,
      'kecamatan_kode', c.kode,
      'kecamatan_nama', c.nama,
      'area_m2', p.area_m2,
      'crosses_border', p.crosses_border,
      'kelurahan_outside_ratio', CASE WHEN p.kelurahan_overlap_ratio IS NULL THEN NULL
                                      ELSE round((1 - p.kelurahan_overlap_ratio)::numeric, 6) END,
      'fits_prototype', p.fits_prototype,
      'footprint', CASE WHEN p.footprint IS NULL THEN NULL ELSE ST_AsGeoJSON(ST_ForcePolygonCCW(p.footprint), ${decimals})::json END,
      'footprint_rotation_deg', p.footprint_rotation_deg,
      'footprint_slack_m', p.footprint_slack_m,
      'checks', p.checks,
      'qualifies', p.qualifies,
      'verdict', p.verdict,
      'score', p.score,
      'rank', CASE WHEN p.deleted_at IS NOT NULL THEN NULL ELSE (
        SELECT count(*) + 1 FROM parcels q
        WHERE q.kelurahan_kode = p.kelurahan_kode AND q.deleted_at IS NULL
          AND (q.qualifies::int, q.score, q.area_m2, p.id) > (p.qualifies::int, p.score, p.area_m2, q.id)) END,
      'point', json_build_array(
        round(ST_X(ST_PointOnSurface(p.geom))::numeric, 7),
        round(ST_Y(ST_PointOnSurface(p.geom))::numeric, 7)),
      'version', p.version,
      'created_at', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'updated_at', to_char(p.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'deleted_at', to_char(p.deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'deleted_by_label', CASE WHEN p.deleted_by IS NULL THEN NULL
                               ELSE (SELECT u.username FROM users u WHERE u.id = p.deleted_by) END
    )
  )`;

const fromSql = `
  FROM parcels p
  JOIN kelurahan k ON k.kode = p.kelurahan_kode
  JOIN kecamatan c ON c.kode = k.kecamatan_kode`;

/**
 * API responses carry coordinates at full double precision (15 decimals), so a client that re-measures a
 * parcel it received gets exactly the area the server decided on; GeoJSON downloads pass 7 (RFC 7946's
 * advice, about 1 cm).
 */
const apiDecimals = 15;

export async function parcelFeatureJson(knex: Queryable, id: string): Promise<string | null> {
  const result = await knex.raw<{ rows: Array<{ feature: string }> }>(
    `SELECT ${featureSql(apiDecimals)}::text AS feature ${fromSql} WHERE p.id = ?`,
    [id],
  );
  return result.rows[0]?.feature ?? null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause of a parcel filter, with its bound values. */
function filterSql(filter: ParcelFilter, regionCode: string): { sql: string; bindings: Knex.RawBinding[] } {
  const conditions = ['p.kelurahan_kode LIKE ?'];
  const bindings: Knex.RawBinding[] = [regionKodePattern(regionCode)];
  conditions.push(filter.deleted ? 'p.deleted_at IS NOT NULL' : 'p.deleted_at IS NULL');
  if (filter.kelurahan) {
    conditions.push('p.kelurahan_kode = ?');
    bindings.push(filter.kelurahan);
  }
  if (filter.kecamatan) {
    conditions.push('k.kecamatan_kode = ?');
    bindings.push(filter.kecamatan);
  }
  if (filter.status) {
    conditions.push('p.status = ?');
    bindings.push(filter.status);
  }
  if (filter.qualifies !== undefined) {
    conditions.push('p.qualifies = ?');
    bindings.push(filter.qualifies);
  }
  if (filter.shortlisted !== undefined) {
    conditions.push('p.shortlisted = ?');
    bindings.push(filter.shortlisted);
  }
  if (filter.source) {
    conditions.push('p.source = ?');
    bindings.push(filter.source);
  }
  if (filter.bbox) {
    conditions.push('p.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)');
    conditions.push('ST_Intersects(p.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))');
    bindings.push(...filter.bbox, ...filter.bbox);
  }
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    conditions.push(
      "(p.name ILIKE ? OR coalesce(p.notes, '') ILIKE ? OR array_to_string(p.tags, ' ') ILIKE ? OR k.nama ILIKE ?)",
    );
    bindings.push(pattern, pattern, pattern, pattern);
  }
  return { sql: conditions.join(' AND '), bindings };
}

/** A page of parcels as a FeatureCollection with numberMatched/numberReturned, built by PostgreSQL. */
export async function parcelCollectionJson(
  knex: Queryable,
  filter: ParcelFilter,
  regionCode: string,
  page: { limit: number; offset: number } | null,
  decimals = apiDecimals,
): Promise<string> {
  const where = filterSql(filter, regionCode);
  const pageSql = page ? 'LIMIT ? OFFSET ?' : '';
  const pageBindings = page ? [page.limit, page.offset] : [];
  const result = await knex.raw<{ rows: Array<{ collection: string }> }>(
    `WITH matched AS (
       SELECT p.id, row_number() OVER (
         ORDER BY p.kelurahan_kode, p.qualifies DESC, p.score DESC, p.area_m2 DESC, p.id) AS n
       ${fromSql} WHERE ${where.sql}
     ),
     page AS (SELECT id, n FROM matched ORDER BY n ${pageSql})
     SELECT json_build_object(
       'type', 'FeatureCollection',
       'numberMatched', (SELECT count(*) FROM matched),
       'numberReturned', (SELECT count(*) FROM page),
       'features', coalesce((
         SELECT json_agg(f.feature ORDER BY f.n) FROM (
           SELECT page.n, ${featureSql(decimals)} AS feature
           FROM page JOIN parcels p ON p.id = page.id
           JOIN kelurahan k ON k.kode = p.kelurahan_kode
           JOIN kecamatan c ON c.kode = k.kecamatan_kode
         ) f), '[]'::json)
     )::text AS collection`,
    [...where.bindings, ...pageBindings],
  );
  return result.rows[0]?.collection ?? '{"type":"FeatureCollection","features":[]}';
}

/** GeoJSON text of a WKB geometry (a Buffer from node-postgres, a Uint8Array from PGlite), doubles exact. */
function geoJsonTextOfWkb(wkb: Uint8Array): string {
  return JSON.stringify(wkx.Geometry.parse(Buffer.from(wkb.buffer, wkb.byteOffset, wkb.byteLength)).toGeoJSON());
}

export interface ParcelForRejudgement {
  id: string;
  /** The stored judgement, to tell whether a fresh one changes anything. */
  stored: { qualifies: boolean; verdict: string; score: number; checksSha256: string | null };
  /** The overlay measurements stored for the parcel, as JSON text; null when never measured for its geometry. */
  overlayMeasurementsJson: string | null;
  attributes: ParcelAttributes;
  kelurahan: { kode: string; nama: string; outsideRatio: number };
  measures: GeometryMeasures;
  /** The parcel's geometry as GeoJSON, only when asked for (a footprint re-fit needs it). */
  geometryJson: string | null;
}

/** One batch of live parcels: the next `limit` after `afterId` (by id), or exactly these ids. */
export type RejudgementBatch = { afterId: string | null; limit: number } | { ids: string[] };

/**
 * Live parcels with the stored measures a re-judgement starts from, one batch at a time. The stored checks
 * come back as a SHA-256 of their text (the `json` column keeps what the core wrote verbatim), not as the
 * ~3.7 KB text itself: enough to see whether a fresh judgement differs, at a fraction of the transfer.
 */
export async function parcelsForRejudgement(
  knex: Queryable,
  batch: RejudgementBatch,
  options: { withGeometry: boolean; withChecksDigest: boolean } = { withGeometry: true, withChecksDigest: true },
): Promise<ParcelForRejudgement[]> {
  // The batch's ids are chosen first (primary key order, LIMIT): the digest and GeoJSON below are then
  // computed for this batch only, whatever plan PostgreSQL picks, never for every row after `afterId`.
  const batchIds = knex('parcels')
    .whereNull('deleted_at')
    .modify((q) => {
      if ('ids' in batch) {
        q.whereRaw('id = ANY(?::uuid[])', [batch.ids]);
      } else {
        if (batch.afterId) q.where('id', '>', batch.afterId);
        q.orderBy('id').limit(batch.limit);
      }
    })
    .select('id');
  const rows = await knex
    .from(batchIds.as('b'))
    .join('parcels as p', 'p.id', 'b.id')
    .join('kelurahan as k', 'k.kode', 'p.kelurahan_kode')
    .leftJoin('parcel_overlay_measurements as m', 'm.parcel_id', 'p.id')
    .orderBy('p.id')
    .select(
      ...attributeNames.map((name) => `p.${name}`),
      'p.id',
      'p.qualifies',
      'p.verdict',
      'p.score',
      'p.kelurahan_kode',
      'k.nama as kelurahan_nama',
      'p.area_m2',
      'p.fits_prototype',
      'p.footprint_rotation_deg',
      'p.footprint_slack_m',
      'p.min_width_m',
      knex.raw('m.measurements::text AS overlay_measurements_json'),
      // Read (and decompressed) only when it will be compared: a re-fit rewrites every row anyway.
      knex.raw(
        options.withChecksDigest
          ? `encode(sha256(convert_to(p.checks::text, 'UTF8')), 'hex') AS checks_sha256`
          : 'NULL AS checks_sha256',
      ),
      // Rounded as largestOverlapKelurahan rounds it: 1 - (1 - r) is not always r in floating point, and the
      // ratio is a check's value, so the unrounded one would differ from a fresh judgement.
      knex.raw('coalesce(round((1 - p.kelurahan_overlap_ratio)::numeric, 6), 0) AS outside_ratio'),
      knex.raw('ST_AsGeoJSON(p.footprint) AS footprint_json'),
      // Every vertex exactly as stored, as WKB (binary doubles), turned into GeoJSON text below: a re-fit must
      // measure exactly the geometry a fresh judgement measures, and ST_AsGeoJSON stops at 15 decimals (16
      // significant digits at Bekasi's latitudes, not always enough to round-trip a double). Building the
      // JSON in SQL from ST_DumpPoints was exact too, but cost PostgreSQL ≈ 2,4 s per 100,000 parcels.
      knex.raw(options.withGeometry ? 'ST_AsBinary(p.geom) AS geometry_wkb' : 'NULL AS geometry_wkb'),
    );
  return rows.map((row: Record<string, unknown>) => ({
    id: String(row.id),
    stored: {
      qualifies: Boolean(row.qualifies),
      verdict: String(row.verdict),
      score: Number(row.score),
      checksSha256: row.checks_sha256 === null ? null : String(row.checks_sha256),
    },
    overlayMeasurementsJson: row.overlay_measurements_json === null ? null : String(row.overlay_measurements_json),
    attributes: Object.fromEntries(attributeNames.map((name) => [name, row[name]])) as ParcelAttributes,
    kelurahan: {
      kode: String(row.kelurahan_kode),
      nama: String(row.kelurahan_nama),
      outsideRatio: Number(row.outside_ratio),
    },
    measures: {
      areaSquareMeters: Number(row.area_m2),
      fits: Boolean(row.fits_prototype),
      footprint: row.footprint_json ? JSON.parse(String(row.footprint_json)) : null,
      rotationDegrees: row.footprint_rotation_deg === null ? null : Number(row.footprint_rotation_deg),
      slackMeters: row.footprint_slack_m === null ? null : Number(row.footprint_slack_m),
      minimumWidthMeters: row.min_width_m === null ? null : Number(row.min_width_m),
    },
    geometryJson: row.geometry_wkb == null ? null : geoJsonTextOfWkb(row.geometry_wkb as Uint8Array),
  }));
}

/** One parcel's new judgement as storeJudgements writes it; `checksJson` is the checks' JSON text. */
export interface StoredJudgement {
  id: string;
  assessment: Assessment;
  checksJson: string;
}

/**
 * Stores new verdicts for many parcels in one statement per batch; the caller passes only parcels whose
 * judgement changed. The parcel's version (its ETag) is not bumped: it versions what planners entered;
 * verdicts follow criteria and layers and are recomputed for all. `criteria_version` is the version whose
 * judgement last changed the row (a row the new criteria judge exactly as before keeps its number).
 */
export async function storeJudgements(
  trx: Knex.Transaction,
  judgements: StoredJudgement[],
  criteriaVersion: number,
  options: { footprintChanged: boolean },
): Promise<void> {
  if (judgements.length === 0) return;
  // Built by hand rather than by one JSON.stringify of objects: the checks are already JSON text, and
  // splicing them in verbatim keeps the stored text byte-identical to what the digest comparison hashes.
  const rows = judgements.map(({ id, assessment, checksJson }) => {
    const fields = JSON.stringify({
      id,
      qualifies: assessment.qualifies,
      verdict: assessment.verdict,
      score: assessment.score,
      ...(options.footprintChanged
        ? {
            fits_prototype: assessment.fits_prototype,
            footprint: assessment.footprint ? JSON.stringify(assessment.footprint) : null,
            footprint_rotation_deg: assessment.footprint_rotation_deg,
            footprint_slack_m: assessment.footprint_slack_m,
            min_width_m: assessment.min_width_m,
          }
        : {}),
    });
    return `${fields.slice(0, -1)},"checks":${checksJson}}`;
  });
  // When only the verdict changed, the indexed footprint column is left alone (no GiST index rewrite).
  const footprintSql = options.footprintChanged
    ? `, fits_prototype = v.fits_prototype,
       footprint = CASE WHEN v.footprint IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(v.footprint), 4326) END,
       footprint_rotation_deg = v.footprint_rotation_deg, footprint_slack_m = v.footprint_slack_m,
       min_width_m = v.min_width_m`
    : '';
  await trx.raw(
    `UPDATE parcels p SET
       checks = v.checks, qualifies = v.qualifies, verdict = v.verdict, score = v.score, criteria_version = ?
       ${footprintSql}
     FROM json_to_recordset(?::json) AS v(
       id uuid, checks json, qualifies boolean, verdict text, score float8, fits_prototype boolean,
       footprint text, footprint_rotation_deg float8, footprint_slack_m float8, min_width_m float8)
     WHERE p.id = v.id`,
    [criteriaVersion, `[${rows.join(',')}]`],
  );
}

/** Checks and scores of the live candidates in kelurahan that have no qualifying site, for the reason why. */
export async function candidatesWithoutQualifyingSite(
  knex: Queryable,
  regionCode: string,
): Promise<Array<{ kelurahan_kode: string; checks: Assessment['checks']; score: number }>> {
  return knex('parcels as p')
    .whereNull('p.deleted_at')
    .where('p.kelurahan_kode', 'like', regionKodePattern(regionCode))
    .whereNotExists(function qualifyingSibling() {
      this.select(knex.raw('1'))
        .from('parcels as q')
        .whereRaw('q.kelurahan_kode = p.kelurahan_kode')
        .whereNull('q.deleted_at')
        .where('q.qualifies', true);
    })
    .select('p.kelurahan_kode', 'p.checks', 'p.score');
}

/** Live parcels with no stored overlay measurements (never measured for their geometry). */
export async function countUnmeasuredParcels(knex: Queryable): Promise<number> {
  const result = await knex.raw<{ rows: Array<{ n: number }> }>(
    `SELECT count(*)::int AS n FROM parcels p
     WHERE p.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM parcel_overlay_measurements m WHERE m.parcel_id = p.id)`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The next `limit` live parcels after `afterId` (by id) with no stored overlay measurements, their rows locked
 * for the transaction; rows another transaction holds are skipped. Keyset by id: starting from the first id
 * each time walked past every parcel measured so far, a scan that grew with each batch.
 */
export async function lockUnmeasuredParcelIds(
  trx: Knex.Transaction,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const result = await trx.raw<{ rows: Array<{ id: string }> }>(
    `SELECT p.id FROM parcels p
     WHERE p.deleted_at IS NULL ${afterId === null ? '' : 'AND p.id > ?'}
       AND NOT EXISTS (SELECT 1 FROM parcel_overlay_measurements m WHERE m.parcel_id = p.id)
     ORDER BY p.id LIMIT ?
     FOR UPDATE OF p SKIP LOCKED`,
    afterId === null ? [limit] : [afterId, limit],
  );
  return result.rows.map((row) => row.id);
}

export async function countLiveParcels(knex: Queryable): Promise<number> {
  const [row] = await knex('parcels').whereNull('deleted_at').count('* as n');
  return Number(row?.n ?? 0);
}

/** Coordinates of the map listing: 7 decimals is about 1 cm, finer than any screen draws a parcel. */
const mapDecimals = 7;

/**
 * What the map draws of every matching live parcel (`GET /api/parcels/map.geojson`), built by PostgreSQL: no
 * checks and no planner attributes, which made up most of the full listing (about 4 KB a parcel, mostly the
 * bilingual check messages). The rank is a window over the kelurahan's live parcels (same order as the full
 * feature's rank) instead of a count per parcel. All or nothing: above `limit` matches only the count comes
 * back, so a client can switch to vector tiles without the server building a listing that would be thrown away.
 */
export async function parcelMapCollectionJson(
  knex: Queryable,
  filter: Omit<ParcelFilter, 'deleted'>,
  regionCode: string,
  limit: number,
): Promise<string> {
  const where = filterSql({ ...filter, deleted: false }, regionCode);
  const result = await knex.raw<{ rows: Array<{ collection: string }> }>(
    `WITH matched AS (SELECT p.id, p.kelurahan_kode ${fromSql} WHERE ${where.sql}),
     counted AS (SELECT count(*) AS n FROM matched),
     ranked AS (
       SELECT q.id, row_number() OVER (
         PARTITION BY q.kelurahan_kode ORDER BY q.qualifies DESC, q.score DESC, q.area_m2 DESC, q.id) AS rank
       FROM parcels q
       WHERE q.deleted_at IS NULL AND (SELECT n FROM counted) <= ?
         AND q.kelurahan_kode IN (SELECT DISTINCT kelurahan_kode FROM matched)
     )
     SELECT json_build_object(
       'type', 'FeatureCollection',
       'numberMatched', (SELECT n FROM counted),
       'numberReturned', CASE WHEN (SELECT n FROM counted) <= ? THEN (SELECT n FROM counted) ELSE 0 END,
       'features', CASE WHEN (SELECT n FROM counted) > ? THEN '[]'::json ELSE coalesce((
         SELECT json_agg(json_build_object(
           'type', 'Feature',
           'id', p.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), ${mapDecimals})::json,
           'properties', json_build_object(
             'id', p.id,
             'name', p.name,
             'kelurahan_kode', p.kelurahan_kode,
             'kelurahan_nama', k.nama,
             'verdict', p.verdict,
             'qualifies', p.qualifies,
             'score', p.score,
             'rank', r.rank,
             'area_m2', p.area_m2,
             'status', p.status,
             'shortlisted', p.shortlisted,
             'shortlist_rank', p.shortlist_rank,
             'is_primary', p.is_primary,
             'point', json_build_array(
               round(ST_X(ST_PointOnSurface(p.geom))::numeric, ${mapDecimals}),
               round(ST_Y(ST_PointOnSurface(p.geom))::numeric, ${mapDecimals})),
             'version', p.version
           )
         ) ORDER BY p.kelurahan_kode, p.id)
         FROM matched m
         JOIN parcels p ON p.id = m.id
         JOIN kelurahan k ON k.kode = p.kelurahan_kode
         JOIN ranked r ON r.id = p.id), '[]'::json) END
     )::text AS collection`,
    [...where.bindings, limit, limit, limit],
  );
  return (
    result.rows[0]?.collection ?? '{"type":"FeatureCollection","numberMatched":0,"numberReturned":0,"features":[]}'
  );
}
