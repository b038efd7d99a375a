import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { TapakContext } from './context.ts';
import authentication from './plugins/authentication.ts';
import openapi from './plugins/openapi.ts';
import problemDetails from './plugins/problemDetails.ts';
import webStatic from './plugins/webStatic.ts';
import adminBoundaries from './routes/admin/boundaries.ts';
import analyze from './routes/analyze.ts';
import auth from './routes/auth.ts';
import coverage from './routes/coverage.ts';
import criteria from './routes/criteria.ts';
import exportsRoutes from './routes/exports.ts';
import health from './routes/health.ts';
import interop from './routes/interop/index.ts';
import kelurahan from './routes/kelurahan.ts';
import layers from './routes/layers.ts';
import ogc from './routes/ogc/index.ts';
import parcels from './routes/parcels.ts';
import progress from './routes/progress.ts';
import reports from './routes/reports.ts';
import users from './routes/users.ts';
import tiles from './tiles/tileRoutes.ts';

/**
 * The map needs workers from blob: URLs, canvas images as data:/blob: and inline styles; nothing else is loosened.
 * No upgrade-insecure-requests: Tapak is often run on plain HTTP inside a city network.
 */
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  imgSrc: ["'self'", 'data:', 'blob:'],
  styleSrc: ["'self'", "'unsafe-inline'"],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'self'"],
  upgradeInsecureRequests: null,
};

/**
 * The whole application as one plugin: external plugins first, then the app's own, then routes.
 * It owns no process concerns (listen, signals, timeouts): server.ts does, and tests inject into this.
 */
export default fp(async function tapakApp(fastify: FastifyInstance, context: TapakContext) {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  fastify.decorate('tapak', context);

  // GeoJSON compresses about tenfold; 5,000 parcels are 20 MB raw. Brotli is costly on the fly: gzip first.
  await fastify.register(compress, { encodings: ['gzip', 'deflate'], threshold: 2048 });
  await fastify.register(openapi);
  await fastify.register(helmet, { contentSecurityPolicy: { useDefaults: true, directives: contentSecurityPolicy } });
  await fastify.register(problemDetails);
  await fastify.register(authentication);

  await fastify.register(health);
  await fastify.register(auth);
  await fastify.register(users);
  await fastify.register(kelurahan);
  await fastify.register(parcels);
  await fastify.register(import('./routes/attachments.ts'));
  await fastify.register(import('./routes/proposals.ts'));
  await fastify.register(analyze);
  await fastify.register(coverage);
  await fastify.register(criteria);
  await fastify.register(layers);
  await fastify.register(progress);
  await fastify.register(import('./routes/dashboard.ts'));
  await fastify.register(exportsRoutes);
  await fastify.register(reports);
  await fastify.register(interop);
  await fastify.register(adminBoundaries);
  await fastify.register(ogc);
  await fastify.register(tiles);

  await fastify.register(webStatic, { distDir: context.config.webDistDir });
});
