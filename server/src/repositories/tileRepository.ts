import type { Knex } from 'knex';
import { regionKodePattern } from './regionScope.ts';

/**
 * All SQL of the vector tiles (/tiles/{layer}/{z}/{x}/{y}.mvt). On PostgreSQL, PostGIS encodes the tile
 * (ST_AsMVTGeom + ST_AsMVT). PGlite's PostGIS is built without protobuf-c, so there PostGIS does the same
 * geometry work step by step (clip to the tile plus its buffer, scale to tile units, snap to the integer
 * grid, repair, orient) and hands the features over as JSON for the server to encode.
 */

export type Queryable = Knex | Knex.Transaction;

export type TileSourceRef = { kind: 'parcels' } | { kind: 'kelurahan' } | { kind: 'overlay'; layerId: string };

export interface TileRequest {
  source: TileSourceRef;
  regionCode: string;
  z: number;
  x: number;
  y: number;
  /** Tile units per side (4096) and buffer around the tile in the same units. */
  extent: number;
  buffer: number;
}

/** One feature in tile units, as the embedded path returns it (`type`: 1 point, 2 line, 3 polygon). */
export interface TileFeature {
  type: 1 | 2 | 3;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

interface TileSource {
  from: string;
  geom: string;
  /** Orders the features, so that the same data always gives the same bytes (and ETag). */
  key: string;
  where: string;
  bindings: Knex.RawBinding[];
  /** The feature's properties as one jsonb object: both paths write exactly these (nulls left out). */
  properties: string;
}

function tileSource(source: TileSourceRef, regionCode: string): TileSource {
  if (source.kind === 'parcels') {
    return {
      from: 'parcels p',
      geom: 'p.geom',
      key: 'p.id',
      where: 'p.deleted_at IS NULL AND p.kelurahan_kode LIKE ?',
      bindings: [regionKodePattern(regionCode)],
      properties: `jsonb_strip_nulls(jsonb_build_object(
        'id', p.id, 'name', p.name, 'kelurahan_kode', p.kelurahan_kode, 'area_m2', p.area_m2,
        'qualifies', p.qualifies, 'verdict', p.verdict, 'score', p.score, 'status', p.status,
        'shortlisted', p.shortlisted, 'is_primary', p.is_primary, 'source', p.source))`,
    };
  }
  if (source.kind === 'kelurahan') {
    return {
      from: 'kelurahan k',
      geom: 'k.geom',
      key: 'k.kode',
      where: 'k.geom IS NOT NULL AND k.kode LIKE ?',
      bindings: [regionKodePattern(regionCode)],
      properties: `jsonb_strip_nulls(jsonb_build_object(
        'kode', k.kode, 'nama', k.nama, 'jenis', k.jenis, 'kecamatan_kode', k.kecamatan_kode, 'area_m2', k.area_m2))`,
    };
  }
  return {
    from: 'overlay_features f',
    geom: 'f.geom',
    key: 'f.id',
    where: 'f.layer_id = ?',
    bindings: [source.layerId],
    properties: 'jsonb_strip_nulls(f.properties)',
  };
}

// The tile's Web Mercator envelope, and the lon/lat box (tile plus buffer, kept inside the world) that picks
// its features through the GiST index.
const tileCte = `tile AS (
  SELECT e.env,
         (ST_XMax(e.env) - ST_XMin(e.env)) / ?::float8 AS unit,
         ST_Transform(ST_Intersection(ST_TileEnvelope(?::int, ?::int, ?::int, margin => ?::float8),
                                      ST_TileEnvelope(0, 0, 0)), 4326) AS box
  FROM (SELECT ST_TileEnvelope(?::int, ?::int, ?::int) AS env) e
)`;

function tileCteBindings(request: TileRequest): Knex.RawBinding[] {
  const { z, x, y, extent, buffer } = request;
  return [extent, z, x, y, buffer / extent, z, x, y];
}

/** The tile encoded by PostGIS (PostgreSQL only); an empty buffer when no feature touches it. */
export async function mvtTile(knex: Queryable, request: TileRequest, layerName: string): Promise<Buffer> {
  const source = tileSource(request.source, request.regionCode);
  const result = await knex.raw<{ rows: Array<{ mvt: Buffer }> }>(
    `WITH ${tileCte},
     features AS (
       SELECT ${source.properties} AS properties,
              ST_AsMVTGeom(ST_Transform(${source.geom}, 3857), tile.env, ?::int, ?::int, true) AS geom
       FROM ${source.from} CROSS JOIN tile
       WHERE ${source.where} AND ${source.geom} && tile.box
       ORDER BY ${source.key}
     )
     SELECT ST_AsMVT(features.*, ?, ?::int, 'geom') AS mvt FROM features WHERE geom IS NOT NULL`,
    [...tileCteBindings(request), request.extent, request.buffer, ...source.bindings, layerName, request.extent],
  );
  return result.rows[0]?.mvt ?? Buffer.alloc(0);
}

/**
 * The tile's features in tile units, the way ST_AsMVTGeom makes them: lines and polygons smaller than half
 * a unit both ways are dropped, the rest clipped to the tile plus buffer, scaled (y down), snapped to the
 * integer grid, made valid again and, for polygons, oriented with a positive area in tile units (the MVT
 * spec's exterior ring). Geometries that collapse are left out.
 */
export async function tileFeatures(knex: Queryable, request: TileRequest): Promise<TileFeature[]> {
  const source = tileSource(request.source, request.regionCode);
  const result = await knex.raw<{ rows: Array<{ features: string }> }>(
    `WITH ${tileCte},
     features AS (
       SELECT ${source.key} AS key, ${source.properties} AS properties, ST_Dimension(${source.geom}) AS dim,
              ST_Transform(${source.geom}, 3857) AS geom
       FROM ${source.from} CROSS JOIN tile
       WHERE ${source.where} AND ${source.geom} && tile.box
     ),
     tiled AS (
       SELECT f.key, f.properties, f.dim,
              ST_SnapToGrid(
                ST_Affine(
                  ST_ClipByBox2D(f.geom, ST_Expand(tile.env, ?::int * tile.unit)),
                  1 / tile.unit, 0, 0, -1 / tile.unit, -ST_XMin(tile.env) / tile.unit, ST_YMax(tile.env) / tile.unit),
                1) AS geom
       FROM features f CROSS JOIN tile
       WHERE f.dim = 0 OR ST_XMax(f.geom) - ST_XMin(f.geom) >= tile.unit / 2
          OR ST_YMax(f.geom) - ST_YMin(f.geom) >= tile.unit / 2
     ),
     valid AS (
       SELECT key, properties, dim,
              CASE dim
                WHEN 2 THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(geom), 3))
                WHEN 1 THEN ST_CollectionExtract(ST_MakeValid(geom), 2)
                ELSE ST_CollectionExtract(geom, 1)
              END AS geom
       FROM tiled
     )
     SELECT coalesce(json_agg(json_build_object(
              'type', dim + 1, 'geometry', ST_AsGeoJSON(geom, 0)::json, 'properties', properties) ORDER BY key), '[]')::text
            AS features
     FROM valid WHERE geom IS NOT NULL AND NOT ST_IsEmpty(geom)`,
    [...tileCteBindings(request), ...source.bindings, request.buffer],
  );
  return JSON.parse(result.rows[0]?.features ?? '[]') as TileFeature[];
}
