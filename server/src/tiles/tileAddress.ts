import { z } from 'zod';
import { HttpProblem } from '../http/httpProblem.ts';

/** z/x/y of a Web Mercator (EPSG:3857) tile in the XYZ scheme: y grows southwards. */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

export const maxZoom = 22;
/** Tile coordinate units per tile side, and the margin kept around it so that strokes join across tiles. */
export const tileExtent = 4096;
export const tileBuffer = 64;

const wholeNumber = z
  .string()
  .regex(/^\d{1,8}$/, 'bilangan bulat / a whole number')
  .transform(Number);

export const tileParamsSchema = z.object({
  layer: z.string(),
  z: wholeNumber,
  x: wholeNumber,
  y: wholeNumber,
});

/** Checks that z is 0–22 and x, y lie on that zoom level's 2^z × 2^z grid; a 400 problem otherwise. */
export function checkTileAddress(tile: TileAddress): TileAddress {
  if (tile.z > maxZoom) {
    throw new HttpProblem('bad-request', {
      id: `Zoom ${tile.z} di luar rentang 0–${maxZoom}.`,
      en: `Zoom ${tile.z} is outside 0–${maxZoom}.`,
    });
  }
  const size = 2 ** tile.z;
  if (tile.x >= size || tile.y >= size) {
    throw new HttpProblem('bad-request', {
      id: `Ubin ${tile.z}/${tile.x}/${tile.y} tidak ada: x dan y pada zoom ${tile.z} antara 0 dan ${size - 1}.`,
      en: `There is no tile ${tile.z}/${tile.x}/${tile.y}: at zoom ${tile.z}, x and y run from 0 to ${size - 1}.`,
    });
  }
  return tile;
}
