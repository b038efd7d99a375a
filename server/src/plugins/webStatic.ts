import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendNotFound } from './problemDetails.ts';

/**
 * Serves the built web app from the same port as the API. Unknown non-API paths get index.html so that
 * shared links with client-side state still open the app.
 */
export default fp(async function webStatic(fastify: FastifyInstance, options: { distDir: string }) {
  const indexPath = path.join(options.distDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    fastify.log.warn(`web app not built (${indexPath} missing): only the API is served`);
    return;
  }
  await fastify.register(fastifyStatic, { root: options.distDir, prefix: '/', wildcard: false });
  fastify.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (!request.url.startsWith('/api') && request.headers.accept?.includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return sendNotFound(request, reply);
  });
});
