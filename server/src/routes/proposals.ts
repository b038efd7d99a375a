import { problemDetailsSchema, proposalBatchQuerySchema } from '@tapak/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { batchProposalPackage, type ProposalPackage, siteProposalPackage } from '../proposals/proposalPackage.ts';

const problems = { 400: problemDetailsSchema, 401: problemDetailsSchema, 404: problemDetailsSchema };
const zipFile = z.string().describe('Arsip ZIP / ZIP archive');

function sendPackage(reply: FastifyReply, proposal: ProposalPackage) {
  return reply
    .header('content-disposition', `attachment; filename="${proposal.fileName}"`)
    .header('x-content-type-options', 'nosniff')
    .type('application/zip')
    .send(proposal.stream);
}

/** The Agrinas proposal packages (see src/proposals/proposalPackage.ts for what is inside). */
const proposals: FastifyPluginAsyncZod = async (fastify) => {
  const tags = ['unduhan'];

  fastify.get(
    '/api/parcels/:id/proposal.zip',
    {
      schema: {
        summary:
          'Paket usulan Agrinas untuk satu lokasi (lembar usulan, GeoJSON, laporan PDF, foto, dokumen) / ' +
          'Agrinas proposal package for one site (sheet, GeoJSON, PDF report, photos, documents)',
        tags,
        params: z.object({ id: z.string().uuid('id bidang berupa UUID') }),
        response: { 200: zipFile, ...problems },
      },
    },
    async (request, reply) => {
      const proposal = await siteProposalPackage(fastify.tapak, request.params.id, (error) =>
        request.log.error({ err: error }, 'proposal package failed while streaming'),
      );
      return sendPackage(reply, proposal);
    },
  );

  fastify.get(
    '/api/kelurahan/proposal.zip',
    {
      schema: {
        summary:
          'Paket usulan Agrinas untuk lokasi utama beberapa kelurahan (kode=… berulang) atau semua (primary=true) / ' +
          'Agrinas proposal package of the primary sites of some kelurahan (repeat kode=…) or all (primary=true)',
        tags,
        querystring: proposalBatchQuerySchema,
        response: { 200: zipFile, ...problems },
      },
    },
    async (request, reply) => {
      const proposal = await batchProposalPackage(fastify.tapak, request.query, (error) =>
        request.log.error({ err: error }, 'proposal package failed while streaming'),
      );
      return sendPackage(reply, proposal);
    },
  );
};
export default proposals;
