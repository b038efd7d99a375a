import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const progress: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/progress',
    {
      schema: {
        summary: 'Pekerjaan panjang yang sedang berjalan / Long operations in progress',
        tags: ['sistem'],
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              kind: z.string(),
              label: z.object({ id: z.string(), en: z.string() }),
              done: z.number(),
              total: z.number().nullable(),
              started_at: z.string(),
            }),
          ),
        },
      },
    },
    // Answers from memory: it must respond while the database is busy with the work it reports on.
    async () => fastify.tapak.progress.list(),
  );
};
export default progress;
