import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  layerFeaturesQuerySchema,
  layerFeaturesResultSchema,
  readLayerFeatures,
} from '../../interop/readLayerFeatures.ts';
import { readFileBody } from './fileBody.ts';
import { maxImportBytes } from './importParcels.ts';

/**
 * An overlay layer file (GeoJSON, KML, KMZ, Shapefile ZIP, GeoPackage, CSV, XLSX) as WGS 84 GeoJSON: the file
 * is the raw request body, as for the parcel preview. Nothing is stored; the web sends the features on to
 * POST /api/layers.
 */
const layerFeatures: FastifyPluginAsyncZod = async (fastify) => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) =>
    done(null, body),
  );

  fastify.post(
    '/api/import/layer-features',
    {
      bodyLimit: maxImportBytes,
      schema: {
        summary:
          'Baca berkas lapisan batasan (GeoJSON, KML, KMZ, Shapefile ZIP, GeoPackage, CSV, XLSX) sebagai GeoJSON WGS 84 / ' +
          'Read an overlay layer file as WGS 84 GeoJSON',
        description:
          'Kirim berkas sebagai isi permintaan (maks. 100 MB). Tidak ada yang disimpan; kirim hasilnya ke POST /api/layers. / ' +
          'Send the file as the request body (100 MB at most). Nothing is stored; send the result to POST /api/layers.',
        tags: ['impor', 'lapisan'],
        querystring: layerFeaturesQuerySchema,
        response: {
          200: layerFeaturesResultSchema,
          400: problemDetailsSchema,
          401: problemDetailsSchema,
          403: problemDetailsSchema,
          413: problemDetailsSchema,
          415: problemDetailsSchema,
          422: problemDetailsSchema,
        },
      },
    },
    async (request) =>
      readFileBody(
        request.body,
        { id: 'Kirim berkas lapisan sebagai isi permintaan.', en: 'Send the layer file as the request body.' },
        (file) => readLayerFeatures(file, request.query),
      ),
  );
};
export default layerFeatures;
