import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem } from '../../http/httpProblem.ts';
import collectionRoutes from './collectionRoutes.ts';
import { allowAnyOrigin, preflightRoutes } from './cors.ts';
import itemRoutes from './itemRoutes.ts';
import landingRoutes from './landingRoutes.ts';

/**
 * OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) under /ogc, for QGIS (GDAL's OAPIF driver) and
 * other GIS clients: live parcels, kelurahan boundaries and overlay layers, read-only and open to any origin.
 */
const ogc: FastifyPluginAsyncZod = async (fastify) => {
  allowAnyOrigin(fastify);
  await fastify.register(preflightRoutes(['/ogc', '/ogc/*']));
  await fastify.register(landingRoutes);
  await fastify.register(collectionRoutes);
  await fastify.register(itemRoutes);

  // Unknown paths under /ogc answer with a problem (with the CORS header) rather than the web app's fallback.
  fastify.get('/ogc/*', { schema: { hide: true, response: { 404: problemDetailsSchema } } }, async (request) => {
    throw new HttpProblem('not-found', {
      id: `Alamat ${request.url} tidak ada di OGC API.`,
      en: `There is nothing at ${request.url} in the OGC API.`,
    });
  });
};
export default ogc;
