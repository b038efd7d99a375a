import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  conformanceClasses,
  conformanceSchema,
  landingPageSchema,
  looseDocumentSchema,
  mediaTypes,
} from './ogcDocuments.ts';
import { ogcHref, origin } from './ogcLinks.ts';
import { ogcOpenApiDocument } from './ogcOpenApi.ts';
import { metadataQuerySchema } from './ogcQuery.ts';

const tags = ['ogc'];

/** The entry points of the OGC API: landing page, conformance declaration and its OpenAPI definition. */
const landingRoutes: FastifyPluginAsyncZod = async (fastify) => {
  // With and without the trailing slash: clients are given either form as "the" service URL.
  for (const url of ['/ogc', '/ogc/']) {
    fastify.get(
      url,
      {
        schema: {
          summary: 'OGC API – Features: halaman awal / landing page',
          tags,
          hide: url.endsWith('/'),
          querystring: metadataQuerySchema,
          response: { 200: landingPageSchema },
        },
      },
      async (request) => ({
        title: 'Tapak – OGC API Features',
        description:
          'Bidang calon lokasi KKMP, batas desa/kelurahan dan lapisan batasan untuk QGIS dan klien OGC lain. / ' +
          'KKMP candidate parcels, desa/kelurahan boundaries and constraint overlays for QGIS and other OGC clients.',
        links: [
          { href: ogcHref(request), rel: 'self', type: mediaTypes.json, title: 'Halaman ini / This document' },
          { href: ogcHref(request, '/api'), rel: 'service-desc', type: mediaTypes.openApi, title: 'OpenAPI 3.0' },
          { href: `${origin(request)}/api/docs`, rel: 'service-doc', type: mediaTypes.html, title: 'Dokumentasi API' },
          { href: ogcHref(request, '/conformance'), rel: 'conformance', type: mediaTypes.json, title: 'Conformance' },
          {
            href: ogcHref(request, '/collections'),
            rel: 'data',
            type: mediaTypes.json,
            title: 'Koleksi / Collections',
          },
        ],
      }),
    );
  }

  fastify.get(
    '/ogc/conformance',
    {
      schema: {
        summary: 'OGC API – Features: kelas kesesuaian / conformance classes',
        tags,
        querystring: metadataQuerySchema,
        response: { 200: conformanceSchema },
      },
    },
    async () => ({ conformsTo: conformanceClasses }),
  );

  fastify.get(
    '/ogc/api',
    {
      schema: {
        summary: 'OGC API – Features: definisi OpenAPI 3.0 / OpenAPI 3.0 definition',
        tags,
        querystring: metadataQuerySchema,
        response: { 200: looseDocumentSchema },
      },
    },
    async (request, reply) => {
      reply.type(mediaTypes.openApi);
      return ogcOpenApiDocument(ogcHref(request));
    },
  );
};
export default landingRoutes;
