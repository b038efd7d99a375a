import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  kelurahanItem,
  kelurahanItems,
  liveOverlayLayer,
  overlayItem,
  overlayItems,
  parcelItem,
  parcelItems,
} from '../../repositories/ogcRepository.ts';
import { collectionNotFound, featureNotFound, parseCollectionId } from './ogcCollections.ts';
import { featureCollectionSchema, featureSchema } from './ogcDocuments.ts';
import { itemLinks } from './ogcLinks.ts';
import {
  itemQuerySchema,
  kelurahanItemsQuerySchema,
  overlayItemsQuerySchema,
  parcelItemsQuerySchema,
} from './ogcQuery.ts';
import { sendFeature, sendFeatureCollection } from './ogcResponses.ts';

const tags = ['ogc'];
const itemsResponses = { 200: featureCollectionSchema, 400: problemDetailsSchema, 404: problemDetailsSchema };
const uuidSchema = z.string().uuid();

/**
 * Pages of features are large (650 KiB of GeoJSON at limit 1,000): gzip them at level 1 instead of the default
 * 6. Measured on such a page: half the compression time for about 14 % more bytes (see BENCHMARKS.md). The
 * other members repeat the app's global compression options, which a route's own options replace.
 */
const pageCompression = {
  encodings: ['gzip', 'deflate'] as Array<'gzip' | 'deflate'>,
  threshold: 2048,
  zlibOptions: { level: 1 },
};

/**
 * Features of each collection, a page at a time, and one feature by id. Parcels and kelurahan have their own
 * routes (each with its own strict filters); `/ogc/collections/:collectionId/items` serves overlay layers.
 */
const itemRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/ogc/collections/parcels/items',
    {
      compress: pageCompression,
      schema: {
        summary: 'OGC API – Features: bidang / parcels',
        tags,
        querystring: parcelItemsQuerySchema,
        response: itemsResponses,
      },
    },
    async (request, reply) => {
      const { bbox, limit, offset, f: _format, ...filter } = request.query;
      const { db, region } = fastify.tapak;
      const page = await parcelItems(db.knex, region.kode, { filter, envelopes: bbox ?? [], limit, offset });
      return sendFeatureCollection(request, reply, 'parcels', page, { limit, offset });
    },
  );

  fastify.get(
    '/ogc/collections/kelurahan/items',
    {
      compress: pageCompression,
      schema: {
        summary: 'OGC API – Features: desa/kelurahan',
        tags,
        querystring: kelurahanItemsQuerySchema,
        response: itemsResponses,
      },
    },
    async (request, reply) => {
      const { bbox, limit, offset, f: _format, ...filter } = request.query;
      const { db, region } = fastify.tapak;
      const page = await kelurahanItems(db.knex, region.kode, { filter, envelopes: bbox ?? [], limit, offset });
      return sendFeatureCollection(request, reply, 'kelurahan', page, { limit, offset });
    },
  );

  fastify.get(
    '/ogc/collections/:collectionId/items',
    {
      compress: pageCompression,
      schema: {
        summary: 'OGC API – Features: fitur lapisan batasan / overlay layer features',
        tags,
        params: z.object({ collectionId: z.string() }),
        querystring: overlayItemsQuerySchema,
        response: itemsResponses,
      },
    },
    async (request, reply) => {
      const { collectionId } = request.params;
      const ref = parseCollectionId(collectionId);
      const { db } = fastify.tapak;
      if (ref.kind !== 'layer' || !(await liveOverlayLayer(db.knex, ref.layerId))) {
        throw collectionNotFound(collectionId);
      }
      const { bbox, limit, offset } = request.query;
      const page = await overlayItems(db.knex, ref.layerId, { filter: {}, envelopes: bbox ?? [], limit, offset });
      return sendFeatureCollection(request, reply, collectionId, page, { limit, offset });
    },
  );

  fastify.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      schema: {
        summary: 'OGC API – Features: satu fitur / one feature',
        tags,
        params: z.object({ collectionId: z.string(), featureId: z.string() }),
        querystring: itemQuerySchema,
        response: { 200: featureSchema, 400: problemDetailsSchema, 404: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const ref = parseCollectionId(collectionId);
      const { db, region } = fastify.tapak;
      const links = JSON.stringify(itemLinks(request, collectionId));
      let feature: string | null = null;
      // An id of the wrong form cannot name a feature: 404 like any other unknown id, without asking the database.
      if (ref.kind === 'parcels' && uuidSchema.safeParse(featureId).success) {
        feature = await parcelItem(db.knex, region.kode, featureId, links);
      } else if (ref.kind === 'kelurahan') {
        feature = await kelurahanItem(db.knex, region.kode, featureId, links);
      } else if (ref.kind === 'layer' && /^\d{1,15}$/.test(featureId)) {
        feature = await overlayItem(db.knex, ref.layerId, Number(featureId), links);
      }
      if (!feature) throw featureNotFound(collectionId, featureId);
      return sendFeature(reply, feature);
    },
  );
};
export default itemRoutes;
