import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { boundaryImportReportSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf, recordChange } from '../../audit/changeOrigin.ts';
import { requireAdmin } from '../../auth/guards.ts';
import { boundaryFileToImport } from '../../boundaries/foreignBoundaryFile.ts';
import { importBoundaries } from '../../boundaries/importBoundaries.ts';
import { HttpProblem } from '../../http/httpProblem.ts';
import { asHttpProblem } from '../../interop/interopError.ts';

const maxUploadBytes = 1024 * 1024 * 1024;

/**
 * The same importer as `npm run import:boundaries`, for the UI and for a running server (whose embedded
 * database the command line cannot open). The file is the raw request body (GeoJSON, .gz, or SQL dump),
 * streamed to a temporary file; or `?url=` names a file to fetch.
 */
const boundaries: FastifyPluginAsyncZod = async (fastify) => {
  // This scope takes any body as a raw stream: a national GeoJSON must never be parsed into memory.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  fastify.post(
    '/api/admin/boundaries',
    {
      bodyLimit: maxUploadBytes,
      // Refused before the upload is read: boundaries are the region's frame, admins only.
      onRequest: async (request) => requireAdmin(request.actor),
      schema: {
        summary:
          'Impor batas desa/kelurahan (GeoJSON, .gz, dump SQL, Shapefile ZIP, GeoPackage, KML/KMZ, CSV/XLSX) / Import desa/kelurahan boundaries',
        tags: ['admin'],
        querystring: z.object({ url: z.string().url().optional() }).strict(),
        response: { 200: boundaryImportReportSchema, 400: problemDetailsSchema, 422: problemDetailsSchema },
      },
    },
    async (request) => {
      const { db, region, config } = fastify.tapak;
      const body = request.body as Readable | undefined;
      const audited = async <T extends object>(report: T): Promise<T> => {
        await recordChange(db.knex, originOf(request), {
          action: 'import',
          entityType: 'boundaries',
          entityId: region.kode,
          before: null,
          after: report,
        });
        return report;
      };
      const importOptions = {
        regionCode: region.kode,
        fetchTimeoutMs: config.boundaryFetchTimeoutMs,
        onProgress: (p: { featuresRead: number; phase: string }) =>
          request.log.debug({ featuresRead: p.featuresRead, phase: p.phase }, 'boundary import progress'),
      };
      if (request.query.url) {
        body?.resume();
        return audited(await importBoundaries(db.knex, request.query.url, importOptions));
      }
      if (!body || Number(request.headers['content-length'] ?? 1) === 0) {
        throw new HttpProblem('bad-request', {
          id: 'Kirim berkas batas wilayah sebagai isi permintaan, atau sebutkan ?url=.',
          en: 'Send the boundary file as the request body, or give ?url=.',
        });
      }
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'tapak-boundaries-'));
      const filePath = path.join(dir, 'upload');
      try {
        await pipeline(body, fs.createWriteStream(filePath));
        const toImport = await boundaryFileToImport(filePath).catch((error) => {
          throw asHttpProblem(error);
        });
        const report = await importBoundaries(db.knex, toImport.path, importOptions).finally(toImport.cleanup);
        return audited({ ...report, source: String(request.headers['x-file-name'] ?? 'upload') });
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
  );
};
export default boundaries;
