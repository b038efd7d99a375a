import multipart from '@fastify/multipart';
import { attachmentListSchema, attachmentSchema, photoPointCollectionSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  attachmentFile,
  attachmentThumbnail,
  createAttachment,
  deleteAttachment,
  listAttachments,
  photoPoints,
  requireMayAttach,
  restoreAttachment,
  type ServableFile,
} from '../attachments/attachmentService.ts';
import { openStoredFile, removeStaleIncoming } from '../attachments/attachmentStore.ts';
import { contentDisposition } from '../attachments/fileName.ts';
import { multipartLimits, receiveUpload } from '../attachments/receiveUpload.ts';
import { originOf } from '../audit/changeOrigin.ts';
import { HttpProblem } from '../http/httpProblem.ts';

const parcelParams = z.object({ id: z.string().uuid('id bidang berupa UUID') });
const attachmentParams = z.object({ id: z.string().uuid('id lampiran berupa UUID') });
const readProblems = { 400: problemDetailsSchema, 401: problemDetailsSchema, 404: problemDetailsSchema };
const writeProblems = {
  ...readProblems,
  403: problemDetailsSchema,
  409: problemDetailsSchema,
  413: problemDetailsSchema,
  415: problemDetailsSchema,
};
const binary = (what: string) => z.string().describe(what);

/** Sends a stored file; the bytes are exactly those uploaded (nosniff: the browser never guesses a type). */
async function sendStored(
  reply: FastifyReply,
  served: ServableFile,
  contentType: string,
  disposition: 'inline' | 'attachment',
  fileName: string,
) {
  const stream = await openStoredFile(served.filePath);
  if (!stream) {
    throw new HttpProblem('not-found', {
      id: 'Berkas lampiran tidak ditemukan di direktori unggahan server (periksa TAPAK_UPLOAD_DIR dan cadangan).',
      en: 'The attachment file is missing from the server upload directory (check TAPAK_UPLOAD_DIR and backups).',
    });
  }
  return (
    reply
      .header('content-disposition', contentDisposition(disposition, fileName))
      .header('x-content-type-options', 'nosniff')
      // A stored file is never a page: no scripts, no plugins, even if a browser is talked into rendering it.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('etag', `"${served.attachment.sha256}"`)
      .type(contentType)
      .send(stream)
  );
}

/**
 * Photos and documents of a parcel. Handlers stay thin: multipart reading and the use cases (with the
 * territory check and the audit log) live in src/attachments/.
 */
const attachments: FastifyPluginAsyncZod = async (fastify) => {
  const tags = ['lampiran'];
  const { uploadDir } = fastify.tapak.config;
  // Registered here, not app-wide: only this plugin's routes accept multipart/form-data.
  await fastify.register(multipart, { limits: multipartLimits });
  await removeStaleIncoming(uploadDir);

  fastify.post(
    '/api/parcels/:id/attachments',
    {
      schema: {
        summary:
          'Unggah foto (JPEG/PNG, maks. 15 MB) atau dokumen PDF (maks. 25 MB) sebagai multipart/form-data: file, caption / ' +
          'Upload a photo (JPEG/PNG, max 15 MB) or a PDF (max 25 MB) as multipart/form-data: file, caption',
        tags,
        params: parcelParams,
        response: { 201: attachmentSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new HttpProblem('unsupported-media-type', {
          id: 'Kirim berkas sebagai multipart/form-data dengan bagian "file".',
          en: 'Send the file as multipart/form-data with a "file" part.',
        });
      }
      await requireMayAttach(fastify.tapak, request.actor, request.params.id);
      const upload = await receiveUpload(request.parts(), uploadDir);
      const attachment = await createAttachment(fastify.tapak, originOf(request), request.params.id, upload);
      return reply.code(201).header('location', attachment.file_url).send(attachment);
    },
  );

  fastify.get(
    '/api/parcels/:id/attachments',
    {
      schema: {
        summary: 'Daftar foto dan dokumen bidang / Photos and documents of a parcel',
        tags,
        params: parcelParams,
        response: { 200: attachmentListSchema, ...readProblems },
      },
    },
    async (request) => listAttachments(fastify.tapak, request.params.id),
  );

  fastify.get(
    '/api/parcels/:id/photos.geojson',
    {
      schema: {
        summary: 'Titik tempat foto bidang diambil (EXIF GPS) / Where the parcel photos were taken (EXIF GPS)',
        tags,
        params: parcelParams,
        response: { 200: photoPointCollectionSchema, ...readProblems },
      },
    },
    async (request, reply) => {
      const collection = await photoPoints(fastify.tapak, request.params.id);
      return reply.type('application/geo+json; charset=utf-8').send(collection);
    },
  );

  fastify.get(
    '/api/attachments/:id/file',
    {
      schema: {
        summary: 'Berkas asli lampiran / The original attachment file',
        tags,
        params: attachmentParams,
        response: { 200: binary('Berkas asli / original file'), ...readProblems },
      },
    },
    async (request, reply) => {
      const served = await attachmentFile(fastify.tapak, request.params.id);
      const { attachment } = served;
      // Photos open in the browser; PDFs are downloaded rather than rendered inside Tapak's origin.
      const disposition = attachment.kind === 'photo' ? 'inline' : 'attachment';
      return sendStored(reply, served, attachment.media_type, disposition, attachment.file_name);
    },
  );

  fastify.get(
    '/api/attachments/:id/thumbnail',
    {
      schema: {
        summary: 'Gambar mini foto (JPEG, sisi terpanjang 320 px) / Photo thumbnail (JPEG, longest side 320 px)',
        tags,
        params: attachmentParams,
        response: { 200: binary('JPEG'), ...readProblems },
      },
    },
    async (request, reply) => {
      const served = await attachmentThumbnail(fastify.tapak, request.params.id);
      const name = `${served.attachment.file_name.replace(/\.[^.]+$/, '')}-mini.jpg`;
      return sendStored(reply, served, 'image/jpeg', 'inline', name);
    },
  );

  fastify.delete(
    '/api/attachments/:id',
    {
      schema: {
        summary: 'Hapus lampiran (dapat dipulihkan) / Delete an attachment (restorable)',
        tags,
        params: attachmentParams,
        response: { 204: z.null(), ...writeProblems },
      },
    },
    async (request, reply) => {
      await deleteAttachment(fastify.tapak, originOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/api/attachments/:id/restore',
    {
      schema: {
        summary: 'Pulihkan lampiran yang dihapus / Restore a deleted attachment',
        tags,
        params: attachmentParams,
        response: { 200: attachmentSchema, ...writeProblems },
      },
    },
    async (request) => restoreAttachment(fastify.tapak, originOf(request), request.params.id),
  );
};
export default attachments;
