import type { Database } from '../db/engine.ts';
import { mvtTile, type TileRequest, tileFeatures } from '../repositories/tileRepository.ts';
import { encodeTile } from './encodeTile.ts';
import { type TileAddress, tileBuffer, tileExtent } from './tileAddress.ts';
import type { TileLayer } from './tileLayer.ts';

/** How a tile is encoded: by PostGIS (`st_asmvt`, PostgreSQL) or by the server from PostGIS's features. */
export type TileEncoder = 'st_asmvt' | 'server';

export function defaultEncoder(db: Database): TileEncoder {
  return db.engine === 'postgres' ? 'st_asmvt' : 'server';
}

/**
 * One vector tile of a layer, as MVT bytes (empty when nothing touches the tile). The layer inside the tile
 * has the URL's layer name; both encoders give the same features, properties and geometry.
 */
export async function renderTile(
  db: Database,
  layer: TileLayer,
  address: TileAddress,
  regionCode: string,
  encoder: TileEncoder = defaultEncoder(db),
): Promise<Uint8Array> {
  const request: TileRequest = { source: layer, regionCode, ...address, extent: tileExtent, buffer: tileBuffer };
  if (encoder === 'st_asmvt') return mvtTile(db.knex, request, layer.name);
  return encodeTile(layer.name, await tileFeatures(db.knex, request), tileExtent);
}
