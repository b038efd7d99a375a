import { z } from 'zod';
import { HttpProblem } from '../http/httpProblem.ts';
import { liveOverlayLayer } from '../repositories/ogcRepository.ts';
import type { Queryable } from '../repositories/tileRepository.ts';

/** The layers served as vector tiles; the name is also the MVT layer name and the OGC collection id. */
export type TileLayer =
  | { name: 'parcels'; kind: 'parcels' }
  | { name: 'kelurahan'; kind: 'kelurahan' }
  | { name: string; kind: 'overlay'; layerId: string };

const uuidSchema = z.string().uuid();

function unknownLayer(name: string): HttpProblem {
  return new HttpProblem('not-found', {
    id: `Lapisan ubin ${name} tidak ada (parcels, kelurahan, layer-<uuid>).`,
    en: `There is no tile layer ${name} (parcels, kelurahan, layer-<uuid>).`,
  });
}

/** The layer a tile URL names: parcels, kelurahan or a live overlay layer `layer-<uuid>`; a 404 otherwise. */
export async function resolveTileLayer(knex: Queryable, name: string): Promise<TileLayer> {
  if (name === 'parcels') return { name, kind: 'parcels' };
  if (name === 'kelurahan') return { name, kind: 'kelurahan' };
  const layerId = name.startsWith('layer-') ? name.slice('layer-'.length).toLowerCase() : '';
  if (!uuidSchema.safeParse(layerId).success || !(await liveOverlayLayer(knex, layerId))) throw unknownLayer(name);
  return { name: `layer-${layerId}`, kind: 'overlay', layerId };
}
