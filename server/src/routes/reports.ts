import { kelurahanKodeSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderAtlasPdf } from '../reports/atlasReport.ts';
import { renderKelurahanReportPdf } from '../reports/kelurahanReport.ts';

const pdfBody = z.any().describe('Dokumen PDF (A4) / PDF document (A4), application/pdf');

/** "tapak-laporan-32.75.01.1001-2026-11-29.pdf": what and when, so downloads never overwrite each other. */
function pdfFileName(what: string, now: Date): string {
  return `tapak-${what}-${now.toISOString().slice(0, 10)}.pdf`.replace(/[^\w.-]/g, '_');
}

const reports: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/kelurahan/:kode/report.pdf',
    {
      schema: {
        summary:
          'Laporan PDF calon lokasi KKMP satu kelurahan (peta, daftar, syarat, tanda tangan) / PDF report of one kelurahan',
        tags: ['laporan'],
        params: z.object({ kode: kelurahanKodeSchema }),
        response: { 200: pdfBody, 400: problemDetailsSchema, 404: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const pdf = await renderKelurahanReportPdf(fastify.tapak, request.params.kode, { printedAt: now });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${pdfFileName(`laporan-${request.params.kode}`, now)}"`)
        .send(pdf);
    },
  );

  fastify.get(
    '/api/reports/atlas.pdf',
    {
      schema: {
        summary:
          'Atlas PDF: ringkasan kota lalu satu laporan per kelurahan / PDF atlas: city summary, then every kelurahan',
        tags: ['laporan'],
        querystring: z
          .object({
            kecamatan: z
              .string()
              .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan: 32.75.01')
              .optional(),
          })
          .strict(),
        response: { 200: pdfBody, 400: problemDetailsSchema, 404: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const { kecamatan } = request.query;
      // The document streams: pages go out while later kelurahan are still being drawn.
      const pdf = await renderAtlasPdf(fastify.tapak, { kecamatan, printedAt: now });
      const scope = kecamatan ?? fastify.tapak.region.kode;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${pdfFileName(`atlas-${scope}`, now)}"`)
        .send(pdf);
    },
  );
};
export default reports;
