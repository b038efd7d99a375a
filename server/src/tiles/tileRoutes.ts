import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem } from '../http/httpProblem.ts';
import { allowAnyOrigin, preflightRoutes } from '../routes/ogc/cors.ts';
import { renderTile } from './renderTile.ts';
import { checkTileAddress, tileParamsSchema } from './tileAddress.ts';
import { ifNoneMatchHits, tileEtag } from './tileEtag.ts';
import { resolveTileLayer } from './tileLayer.ts';

const mvtType = 'application/vnd.mapbox-vector-tile';
// Parcels change while planners work: a map may reuse a tile briefly, then must ask again (a 304 is cheap).
// Private: tiles need credentials now, so a shared cache (a proxy) must not hand them to someone else.
const cacheControl = 'private, max-age=30, must-revalidate';

/**
 * Mapbox Vector Tiles of parcels, kelurahan and overlay layers for web maps (MapLibre) and QGIS, with
 * ETag revalidation. An empty tile answers 204, which map clients treat as "nothing here".
 */
const tileRoutes: FastifyPluginAsyncZod = async (fastify) => {
  allowAnyOrigin(fastify);
  await fastify.register(preflightRoutes(['/tiles/*']));

  fastify.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      schema: {
        summary: 'Ubin vektor (MVT) / Vector tile (MVT): parcels, kelurahan, layer-<uuid>',
        tags: ['ubin'],
        params: tileParamsSchema,
        headers: z.object({ 'if-none-match': z.string().optional() }).passthrough(),
        response: {
          200: z.unknown().describe(`${mvtType} (biner / binary)`),
          204: z.null().describe('Ubin kosong / empty tile'),
          304: z.null().describe('Tidak berubah / not modified'),
          400: problemDetailsSchema,
          404: problemDetailsSchema,
        },
      },
    },
    async (request, reply) => {
      const { layer: name, ...address } = request.params;
      const { db, region } = fastify.tapak;
      checkTileAddress(address);
      const layer = await resolveTileLayer(db.knex, name);
      const bytes = await renderTile(db, layer, address, region.kode);
      reply.header('cache-control', cacheControl);
      if (bytes.length === 0) return reply.code(204).send(null);
      const etag = tileEtag(bytes);
      reply.header('etag', etag);
      if (ifNoneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return reply.type(mvtType).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );

  // Any other path under /tiles (another format, a missing part) is a problem, not the web app's fallback.
  fastify.get('/tiles/*', { schema: { hide: true, response: { 404: problemDetailsSchema } } }, async (request) => {
    throw new HttpProblem('not-found', {
      id: `Alamat ${request.url} bukan ubin: /tiles/{lapisan}/{z}/{x}/{y}.mvt.`,
      en: `${request.url} is not a tile: /tiles/{layer}/{z}/{x}/{y}.mvt.`,
    });
  });
};
export default tileRoutes;
