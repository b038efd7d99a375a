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
  await fastify.register(fastifyStatic, {
    root: options.distDir,
    prefix: '/',
    wildcard: false,
    // The build writes .br and .gz beside each text file (web/build/precompress.ts): sent as they are.
    preCompressed: true,
    // Our own cache-control below, per file (the default is max-age=0 for everything).
    cacheControl: false,
    setHeaders(response, filePath) {
      // Hashed names change with their content: cached for good. Everything else (index.html) is checked
      // each time, so a new release is picked up on the next load.
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      response.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  fastify.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (!request.url.startsWith('/api') && request.headers.accept?.includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return sendNotFound(request, reply);
  });
});
