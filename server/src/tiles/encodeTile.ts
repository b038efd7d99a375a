import Point from '@mapbox/point-geometry';
import { fromVectorTileJs, type VectorTileFeatureLike } from '@maplibre/vt-pbf';
import type { TileFeature } from '../repositories/tileRepository.ts';

type Position = [number, number];
type Property = string | number | boolean;

/** The MVT geometry of a feature: points, lines, or polygon rings (exteriors and holes told apart by winding). */
function parts(feature: TileFeature): Position[][] {
  const { type, coordinates } = feature.geometry;
  switch (type) {
    case 'Point':
      return [[coordinates as Position]];
    case 'MultiPoint':
      return [coordinates as Position[]];
    case 'LineString':
      return [coordinates as Position[]];
    case 'MultiLineString':
    case 'Polygon':
      return coordinates as Position[][];
    case 'MultiPolygon':
      return (coordinates as Position[][][]).flat();
    default:
      return [];
  }
}

/** ST_AsMVT writes scalar values only: nulls and nested objects or arrays are left out the same way here. */
function scalarProperties(properties: Record<string, unknown>): Record<string, Property> {
  const scalars: Record<string, Property> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') scalars[key] = value;
  }
  return scalars;
}

/**
 * Encodes one layer of features already in tile units as a Mapbox Vector Tile (spec 2.1), for the embedded
 * engine whose PostGIS cannot (no ST_AsMVT). An empty layer encodes as an empty tile.
 */
export function encodeTile(layerName: string, features: TileFeature[], extent: number): Uint8Array {
  if (features.length === 0) return new Uint8Array(0);
  const layer = {
    version: 2,
    name: layerName,
    extent,
    length: features.length,
    feature(i: number): VectorTileFeatureLike {
      const feature = features[i] as TileFeature;
      return {
        type: feature.type,
        id: undefined,
        extent,
        properties: scalarProperties(feature.properties),
        loadGeometry: () => parts(feature).map((ring) => ring.map(([x, y]) => new Point(x, y))),
      };
    },
  };
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}
