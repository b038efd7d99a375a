import {
  auditListSchema,
  type ParcelListQuery,
  parcelCollectionSchema,
  parcelCreateSchema,
  parcelFeatureSchema,
  parcelListQuerySchema,
  parcelMapCollectionSchema,
  parcelMapQuerySchema,
  parcelPatchSchema,
  problemDetailsSchema,
  statusHistorySchema,
} from '@tapak/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../audit/changeOrigin.ts';
import { requireCityWideWrite } from '../auth/guards.ts';
import type { TapakContext } from '../context.ts';
import { HttpProblem } from '../http/httpProblem.ts';
import { sendJsonText } from '../http/sendJsonText.ts';
import {
  createParcel,
  deleteParcel,
  etagOf,
  restoreParcel,
  updateParcel,
  versionFromIfMatch,
} from '../parcels/parcelService.ts';
import { auditEntries } from '../repositories/auditRepository.ts';
import {
  findStoredParcel,
  parcelCollectionJson,
  parcelFeatureJson,
  parcelMapCollectionJson,
  statusHistory,
} from '../repositories/parcelRepository.ts';

const geoJson = 'application/geo+json; charset=utf-8';
const idParams = z.object({ id: z.string().uuid('id bidang berupa UUID') });
const problems = { 400: problemDetailsSchema, 404: problemDetailsSchema, 422: problemDetailsSchema };
const writeProblems = {
  ...problems,
  409: problemDetailsSchema,
  412: problemDetailsSchema,
  413: problemDetailsSchema,
  428: problemDetailsSchema,
};

function notFound(id: string) {
  return new HttpProblem('not-found', { id: `Bidang ${id} tidak ada.`, en: `There is no parcel ${id}.` });
}

/** Sends one parcel as PostGIS wrote it, with its version as the ETag for the next If-Match. */
async function sendParcel(reply: FastifyReply, context: TapakContext, id: string, statusCode = 200) {
  const feature = await parcelFeatureJson(context.db.knex, id);
  if (!feature) throw notFound(id);
  const version = (JSON.parse(feature) as { properties: { version: number } }).properties.version;
  return sendJsonText(reply.code(statusCode).header('etag', etagOf(version)), feature, geoJson);
}

const parcels: FastifyPluginAsyncZod = async (fastify) => {
  const tags = ['bidang'];

  /** Live parcels for every reader; deleted ones only for those who may restore them. */
  async function listParcels(request: FastifyRequest, reply: FastifyReply, query: ParcelListQuery) {
    const { limit, offset, ...filter } = query;
    if (filter.deleted) requireCityWideWrite(request.actor);
    const json = await parcelCollectionJson(fastify.tapak.db.knex, filter, fastify.tapak.region.kode, {
      limit,
      offset,
    });
    return sendJsonText(reply, json, geoJson);
  }

  fastify.post(
    '/api/parcels',
    {
      schema: {
        summary: 'Tambah bidang calon lokasi / Add a candidate parcel',
        tags,
        body: parcelCreateSchema,
        response: { 201: parcelFeatureSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const id = await createParcel(fastify.tapak, originOf(request), request.body.geometry, request.body.properties);
      reply.header('location', `/api/parcels/${id}`);
      return sendParcel(reply, fastify.tapak, id, 201);
    },
  );

  fastify.get(
    '/api/parcels',
    {
      schema: {
        summary: 'Daftar bidang (filter dan halaman) / List parcels (filters and paging)',
        tags,
        querystring: parcelListQuerySchema,
        response: { 200: parcelCollectionSchema, 400: problemDetailsSchema },
      },
    },
    async (request, reply) => listParcels(request, reply, request.query),
  );

  fastify.get(
    '/api/parcels/map.geojson',
    {
      schema: {
        summary:
          'Bidang untuk peta: bentuk, putusan, status (tanpa hasil cek) / Parcels for the map: shape, verdict, status (no checks)',
        description:
          'Semua bidang yang cocok atau, bila lebih dari `limit`, hanya `numberMatched` (pakai ubin vektor). / ' +
          'Every matching parcel or, when more than `limit` match, only `numberMatched` (use the vector tiles).',
        tags,
        querystring: parcelMapQuerySchema,
        response: { 200: parcelMapCollectionSchema, 400: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const { limit, ...filter } = request.query;
      const { db, region } = fastify.tapak;
      // Every page load asks for this; kept until the next write on the embedded engine (db/readCache.ts).
      const json = await db.readCache.get(`parcel-map ${JSON.stringify(request.query)}`, () =>
        parcelMapCollectionJson(db.knex, filter, region.kode, limit),
      );
      return sendJsonText(reply, json, geoJson);
    },
  );

  fastify.get(
    '/api/parcels/deleted',
    {
      schema: {
        summary: 'Bidang terhapus (perencana dan admin) / Deleted parcels (planners and admins)',
        tags,
        querystring: parcelListQuerySchema,
        response: { 200: parcelCollectionSchema, 400: problemDetailsSchema },
      },
    },
    async (request, reply) => listParcels(request, reply, { ...request.query, deleted: true }),
  );

  fastify.get(
    '/api/parcels/:id/audit',
    {
      schema: {
        summary: 'Riwayat perubahan bidang: siapa, kapan, sebelum dan sesudah / A parcel’s change history',
        tags,
        params: idParams,
        response: { 200: auditListSchema, ...problems },
      },
    },
    async (request) => {
      const stored = await findStoredParcel(fastify.tapak.db.knex, request.params.id);
      if (!stored) throw notFound(request.params.id);
      return {
        entries: await auditEntries(fastify.tapak.db.knex, {
          entityType: 'parcel',
          entityId: request.params.id,
          limit: 500,
        }),
      };
    },
  );

  fastify.get(
    '/api/parcels/:id',
    {
      schema: {
        summary: 'Satu bidang / One parcel',
        tags,
        params: idParams,
        response: { 200: parcelFeatureSchema, ...problems },
      },
    },
    async (request, reply) => sendParcel(reply, fastify.tapak, request.params.id),
  );

  fastify.get(
    '/api/parcels/:id/history',
    {
      schema: {
        summary: 'Riwayat status bidang / Status history of a parcel',
        tags,
        params: idParams,
        response: { 200: statusHistorySchema, ...problems },
      },
    },
    async (request) => {
      const stored = await findStoredParcel(fastify.tapak.db.knex, request.params.id);
      if (!stored) throw notFound(request.params.id);
      return statusHistory(fastify.tapak.db.knex, request.params.id);
    },
  );

  fastify.patch(
    '/api/parcels/:id',
    {
      schema: {
        summary: 'Ubah bidang (perlu If-Match) / Change a parcel (If-Match required)',
        tags,
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }).passthrough(),
        body: parcelPatchSchema,
        response: { 200: parcelFeatureSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      await updateParcel(fastify.tapak, originOf(request), request.params.id, version, request.body);
      return sendParcel(reply, fastify.tapak, request.params.id);
    },
  );

  fastify.delete(
    '/api/parcels/:id',
    {
      schema: {
        summary: 'Hapus bidang (dapat dipulihkan; perlu If-Match) / Delete a parcel (restorable; If-Match required)',
        tags,
        params: idParams,
        headers: z.object({ 'if-match': z.string().optional() }).passthrough(),
        response: { 204: z.null(), ...writeProblems },
      },
    },
    async (request, reply) => {
      const version = versionFromIfMatch(request.headers['if-match']);
      await deleteParcel(fastify.tapak, originOf(request), request.params.id, version);
      return reply.code(204).send(null);
    },
  );

  fastify.post(
    '/api/parcels/:id/restore',
    {
      schema: {
        summary: 'Pulihkan bidang yang dihapus / Restore a deleted parcel',
        tags,
        params: idParams,
        response: { 200: parcelFeatureSchema, ...writeProblems },
      },
    },
    async (request, reply) => {
      await restoreParcel(fastify.tapak, originOf(request), request.params.id);
      return sendParcel(reply, fastify.tapak, request.params.id);
    },
  );
};
export default parcels;
