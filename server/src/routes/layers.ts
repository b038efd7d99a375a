import {
  layerChangeResponseSchema,
  layerCreateSchema,
  layerFeatureCollectionSchema,
  layerSummarySchema,
  problemDetailsSchema,
} from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../audit/changeOrigin.ts';
import { sendJsonText } from '../http/sendJsonText.ts';
import { createLayer, deleteLayer, replaceLayerFeatures, requireLayer } from '../parcels/overlayService.ts';
import { layerFeatureCollectionJson, listLayers } from '../repositories/overlayRepository.ts';

const idParams = z.object({ id: z.string().uuid() });
const problems = {
  400: problemDetailsSchema,
  404: problemDetailsSchema,
  413: problemDetailsSchema,
  422: problemDetailsSchema,
};
// Layers can be large (a city's flood zones); parcels stay at the default 5 MB.
const layerBodyLimitBytes = 100 * 1024 * 1024;

const layers: FastifyPluginAsyncZod = async (fastify) => {
  const tags = ['lapisan'];

  fastify.post(
    '/api/layers',
    {
      bodyLimit: layerBodyLimitBytes,
      schema: {
        summary: 'Tambah lapisan batasan (banjir, RTH, LP2B, SUTET, jalan, fasilitas) / Add a constraint layer',
        tags,
        body: layerCreateSchema,
        response: { 201: layerChangeResponseSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createLayer(fastify.tapak, originOf(request), request.body)),
  );

  fastify.get(
    '/api/layers',
    { schema: { summary: 'Daftar lapisan / List layers', tags, response: { 200: z.array(layerSummarySchema) } } },
    async () => listLayers(fastify.tapak.db.knex),
  );

  fastify.get(
    '/api/layers/:id',
    {
      schema: {
        summary: 'Satu lapisan / One layer',
        tags,
        params: idParams,
        response: { 200: layerSummarySchema, ...problems },
      },
    },
    async (request) => requireLayer(fastify.tapak, request.params.id),
  );

  fastify.get(
    '/api/layers/:id/features',
    {
      schema: {
        summary: 'Fitur sebuah lapisan (GeoJSON) / A layer’s features (GeoJSON)',
        tags,
        params: idParams,
        response: { 200: layerFeatureCollectionSchema, ...problems },
      },
    },
    async (request, reply) => {
      await requireLayer(fastify.tapak, request.params.id);
      const json = await layerFeatureCollectionJson(fastify.tapak.db.knex, request.params.id);
      return sendJsonText(reply, json, 'application/geo+json; charset=utf-8');
    },
  );

  fastify.put(
    '/api/layers/:id/features',
    {
      bodyLimit: layerBodyLimitBytes,
      schema: {
        summary: 'Ganti fitur lapisan / Replace a layer’s features',
        tags,
        params: idParams,
        body: layerFeatureCollectionSchema,
        response: { 200: layerChangeResponseSchema, ...problems },
      },
    },
    async (request) => replaceLayerFeatures(fastify.tapak, originOf(request), request.params.id, request.body),
  );

  fastify.delete(
    '/api/layers/:id',
    {
      schema: {
        summary: 'Hapus lapisan / Delete a layer',
        tags,
        params: idParams,
        response: { 200: layerChangeResponseSchema, ...problems },
      },
    },
    async (request) => deleteLayer(fastify.tapak, originOf(request), request.params.id),
  );
};
export default layers;
