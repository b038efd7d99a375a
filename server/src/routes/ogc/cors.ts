import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Read-only data for any origin: web maps on other sites read /ogc and /tiles from the browser with an API
 * token in the Authorization header. Cookies are never honoured cross-origin (no allow-credentials), so `*`
 * is safe; the header is set before the handler runs so that problem responses are readable cross-origin too.
 */
export function allowAnyOrigin(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });
}

/** Answers CORS preflight requests for the given path patterns (e.g. '/ogc', '/ogc/*'). */
export function preflightRoutes(paths: string[]): FastifyPluginAsyncZod {
  return async (fastify) => {
    for (const url of paths) {
      fastify.options(
        url,
        {
          schema: {
            summary: 'CORS preflight',
            tags: ['ogc'],
            hide: true,
            response: { 204: z.null() },
          },
        },
        async (request, reply) => {
          const requested = request.headers['access-control-request-headers'];
          return reply
            .code(204)
            .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
            .header('access-control-allow-headers', requested ?? 'Accept, Authorization, If-None-Match')
            .header('access-control-max-age', '86400')
            .send(null);
        },
      );
    }
  };
}
