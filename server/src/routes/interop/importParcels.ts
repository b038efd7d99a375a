import { problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { originOf } from '../../audit/changeOrigin.ts';
import { commitImport } from '../../interop/commitImport.ts';
import {
  importCommitResultSchema,
  importCommitSchema,
  importIdParamsSchema,
  importPreviewQuerySchema,
  importPreviewSchema,
} from '../../interop/importContracts.ts';
import { previewImport } from '../../interop/previewImport.ts';
import { readFileBody } from './fileBody.ts';

/** Largest upload the preview accepts; a kota's parcels in any format stay far below it. */
export const maxImportBytes = 100 * 1024 * 1024;

const tags = ['impor'];

/** Step 1: the file is the raw request body (any content type; the format is read from the content). */
const importPreview: FastifyPluginAsyncZod = async (fastify) => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) =>
    done(null, body),
  );

  fastify.post(
    '/api/import/parcels/preview',
    {
      bodyLimit: maxImportBytes,
      schema: {
        summary:
          'Pratinjau impor bidang (GeoJSON, KML, KMZ, Shapefile ZIP, GeoPackage, CSV, XLSX) / ' +
          'Preview a parcel import',
        description:
          'Kirim berkas sebagai isi permintaan (maks. 100 MB). Hasilnya disimpan 1 jam untuk commit. / ' +
          'Send the file as the request body (100 MB at most). The result is kept for 1 hour for the commit.',
        tags,
        querystring: importPreviewQuerySchema,
        response: {
          200: importPreviewSchema,
          400: problemDetailsSchema,
          413: problemDetailsSchema,
          415: problemDetailsSchema,
          422: problemDetailsSchema,
        },
      },
    },
    async (request) =>
      readFileBody(
        request.body,
        {
          id: 'Kirim berkas yang akan diimpor sebagai isi permintaan.',
          en: 'Send the file to import as the request body.',
        },
        (file) => previewImport(file, request.query),
      ),
  );
};

/** Step 2: the mapping (JSON body); all features or none are stored. */
const importCommit: FastifyPluginAsyncZod = async (fastify) => {
  fastify.post(
    '/api/import/parcels/:import_id/commit',
    {
      schema: {
        summary: 'Simpan impor bidang (semua atau tidak sama sekali) / Commit a parcel import (all or nothing)',
        tags,
        params: importIdParamsSchema,
        body: importCommitSchema,
        response: {
          201: importCommitResultSchema,
          400: problemDetailsSchema,
          401: problemDetailsSchema,
          403: problemDetailsSchema,
          404: problemDetailsSchema,
          409: problemDetailsSchema,
          422: problemDetailsSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await commitImport(fastify.tapak, originOf(request), request.params.import_id, request.body);
      return reply.code(201).send(result);
    },
  );
};

const importParcels: FastifyPluginAsyncZod = async (fastify) => {
  await fastify.register(importPreview);
  await fastify.register(importCommit);
};
export default importParcels;
