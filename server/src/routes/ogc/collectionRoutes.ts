import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { collectionExtents } from '../../repositories/ogcRepository.ts';
import {
  collectionIdOf,
  collectionNotFound,
  describeCollection,
  featureJsonSchema,
  parseCollectionId,
} from './ogcCollections.ts';
import { collectionSchema, collectionsSchema, crs84, looseDocumentSchema, mediaTypes } from './ogcDocuments.ts';
import { ogcHref } from './ogcLinks.ts';
import { metadataQuerySchema } from './ogcQuery.ts';

const tags = ['ogc'];
const collectionParams = z.object({ collectionId: z.string() });

/** The collection list, one collection, and the JSON Schema of a collection's features. */
const collectionRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/ogc/collections',
    {
      schema: {
        summary: 'OGC API – Features: daftar koleksi / collections',
        tags,
        querystring: metadataQuerySchema,
        response: { 200: collectionsSchema, 400: problemDetailsSchema },
      },
    },
    async (request) => {
      const { db, region } = fastify.tapak;
      const extents = await collectionExtents(db.knex, region.kode);
      return {
        links: [{ href: ogcHref(request, '/collections'), rel: 'self', type: mediaTypes.json }],
        crs: [crs84],
        collections: extents.map((extent) => describeCollection(request, extent)),
      };
    },
  );

  fastify.get(
    '/ogc/collections/:collectionId',
    {
      schema: {
        summary: 'OGC API – Features: satu koleksi / one collection',
        tags,
        params: collectionParams,
        querystring: metadataQuerySchema,
        response: { 200: collectionSchema, 400: problemDetailsSchema, 404: problemDetailsSchema },
      },
    },
    async (request) => {
      const { collectionId } = request.params;
      const { db, region } = fastify.tapak;
      const [extent] = await collectionExtents(db.knex, region.kode, collectionIdOf(parseCollectionId(collectionId)));
      if (!extent) throw collectionNotFound(collectionId);
      return describeCollection(request, extent);
    },
  );

  fastify.get(
    '/ogc/collections/:collectionId/schema',
    {
      schema: {
        summary: 'OGC API – Features: skema JSON fitur / feature JSON Schema',
        tags,
        params: collectionParams,
        querystring: metadataQuerySchema,
        response: { 200: looseDocumentSchema, 400: problemDetailsSchema, 404: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const schema = featureJsonSchema(request, parseCollectionId(request.params.collectionId));
      if (!schema) throw collectionNotFound(`${request.params.collectionId}/schema`);
      reply.type(mediaTypes.jsonSchema);
      return schema;
    },
  );
};
export default collectionRoutes;
