import {
  kelurahanCollectionSchema,
  kelurahanFeatureSchema,
  kelurahanKodeSchema,
  problemDetailsSchema,
} from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem } from '../http/httpProblem.ts';
import { sendJsonText } from '../http/sendJsonText.ts';
import { kelurahanCollectionJson, kelurahanFeatureJson } from '../repositories/kelurahanRepository.ts';

const geoJson = 'application/geo+json; charset=utf-8';

const kelurahan: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/kelurahan',
    {
      schema: {
        summary: 'Semua desa/kelurahan wilayah dengan batasnya / All desa/kelurahan of the region with boundaries',
        tags: ['wilayah'],
        response: { 200: kelurahanCollectionSchema },
      },
    },
    async (_request, reply) => {
      const { db, region } = fastify.tapak;
      // PostGIS already produced the JSON text: it is sent as is, not parsed and re-serialised. Every page load
      // asks for it; kept until the next write on the embedded engine (db/readCache.ts).
      const json = await db.readCache.get('kelurahan', () => kelurahanCollectionJson(db.knex, region.kode));
      return sendJsonText(reply, json, geoJson);
    },
  );

  fastify.get(
    '/api/kelurahan/:kode',
    {
      schema: {
        summary: 'Satu desa/kelurahan / One desa/kelurahan',
        tags: ['wilayah'],
        params: z.object({ kode: kelurahanKodeSchema }),
        response: { 200: kelurahanFeatureSchema, 404: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const { db, region } = fastify.tapak;
      const feature = await kelurahanFeatureJson(db.knex, region.kode, request.params.kode);
      if (!feature) {
        throw new HttpProblem('not-found', {
          id: `Kelurahan dengan kode ${request.params.kode} tidak ada di wilayah ${region.nama}.`,
          en: `No kelurahan with code ${request.params.kode} in ${region.nama}.`,
        });
      }
      return sendJsonText(reply, feature, geoJson);
    },
  );
};
export default kelurahan;
