import { analyzeRequestSchema, assessmentSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { analyzeParcel } from '../parcels/parcelService.ts';

const analyze: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/api/analyze',
    {
      // Stores nothing: whoever may read may ask for a verdict (the map does while drawing).
      config: { access: 'read' },
      schema: {
        summary: 'Nilai kesesuaian tanpa menyimpan / Assess suitability without saving',
        tags: ['bidang'],
        body: analyzeRequestSchema,
        response: {
          200: assessmentSchema,
          400: problemDetailsSchema,
          413: problemDetailsSchema,
          422: problemDetailsSchema,
        },
      },
    },
    async (request) => analyzeParcel(fastify.tapak, request.body.geometry, request.body.properties),
  );
};
export default analyze;
