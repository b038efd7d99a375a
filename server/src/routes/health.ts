import { healthResponseSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registryCounts } from '../repositories/kelurahanRepository.ts';

const health: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/health',
    {
      // Load balancers and monitors ask without credentials; it says nothing about parcels.
      config: { access: 'public' },
      schema: {
        summary: 'Status server, basis data dan batas wilayah / Server, database and boundary status',
        tags: ['sistem'],
        response: { 200: healthResponseSchema },
      },
    },
    async () => {
      const { db, region, boundaryStatus } = fastify.tapak;
      const counts = await registryCounts(db.knex, region.kode);
      return {
        status: 'ok' as const,
        db: db.engine,
        postgis: db.postgisVersion,
        region,
        ...counts,
        boundaries: boundaryStatus.describe(counts.kelurahan, counts.kelurahan_with_boundary),
      };
    },
  );
};
export default health;
