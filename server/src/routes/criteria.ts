import { criteriaSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../audit/changeOrigin.ts';
import { changeCriteria, previewCriteria } from '../parcels/criteriaService.ts';
import { currentCriteria } from '../repositories/criteriaRepository.ts';

const criteriaVersionSchema = z.object({ version: z.number().int(), criteria: criteriaSchema });

const criteria: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/criteria',
    {
      schema: {
        summary: 'Kriteria kesesuaian yang berlaku / Suitability criteria in force',
        tags: ['kriteria'],
        response: { 200: criteriaVersionSchema },
      },
    },
    async () => currentCriteria(fastify.tapak.db.knex),
  );

  fastify.put(
    '/api/criteria',
    {
      schema: {
        summary: 'Ubah kriteria dan nilai ulang semua bidang / Change criteria and re-judge every parcel',
        tags: ['kriteria'],
        body: criteriaSchema,
        response: {
          200: criteriaVersionSchema.extend({
            parcels_rejudged: z.number().int(),
            parcels_changed_qualification: z.number().int(),
          }),
          400: problemDetailsSchema,
          401: problemDetailsSchema,
          403: problemDetailsSchema,
        },
      },
    },
    async (request) => changeCriteria(fastify.tapak, originOf(request), request.body),
  );

  const place = z.object({ kode: z.string(), nama: z.string() });
  fastify.post(
    '/api/criteria/preview',
    {
      // Saves nothing: anyone who may read may preview.
      config: { access: 'read' },
      schema: {
        summary: 'Pratinjau akibat perubahan kriteria tanpa menyimpan / Preview a criteria change without saving',
        tags: ['kriteria'],
        body: criteriaSchema,
        response: {
          200: z.object({
            parcels_rejudged: z.number().int(),
            parcels_changed_qualification: z.number().int(),
            kelurahan_losing_qualifying_site: z.array(place),
            kelurahan_gaining_qualifying_site: z.array(place),
            summary: z.object({ id: z.string(), en: z.string() }),
          }),
          400: problemDetailsSchema,
        },
      },
    },
    async (request) => previewCriteria(fastify.tapak, request.body),
  );
};
export default criteria;
