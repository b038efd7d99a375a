import { dashboardResponseSchema, parcelStatuses } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { liveCandidateAreas, liveParcelCountsByStatus } from '../repositories/dashboardRepository.ts';

const dashboard: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/dashboard',
    {
      schema: {
        summary:
          'Ringkasan dasbor: bidang per status tahapan dan luas setiap kandidat / Dashboard: parcels per pipeline status and every candidate area',
        tags: ['wilayah'],
        response: { 200: dashboardResponseSchema },
      },
    },
    async () => {
      const { region, db } = fastify.tapak;
      const [counts, candidates] = await Promise.all([
        liveParcelCountsByStatus(db.knex, region.kode),
        liveCandidateAreas(db.knex, region.kode),
      ]);
      return {
        region,
        status_counts: parcelStatuses.map((status) => ({ status, parcels: counts.get(status) ?? 0 })),
        candidate_areas: candidates,
      };
    },
  );
};
export default dashboard;
