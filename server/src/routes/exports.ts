import {
  kelurahanCollectionSchema,
  parcelCollectionSchema,
  parcelFilterSchema,
  problemDetailsSchema,
} from '@tapak/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendJsonText } from '../http/sendJsonText.ts';
import { kelurahanCollectionJson } from '../repositories/kelurahanRepository.ts';
import { parcelCollectionJson } from '../repositories/parcelRepository.ts';

const geoJson = 'application/geo+json; charset=utf-8';

/** "tapak-bidang-32.75-2026-11-28.geojson": what, where and when, so downloads never overwrite each other. */
export function downloadFileName(
  what: string,
  regionCode: string,
  scope: string | undefined,
  now = new Date(),
): string {
  const date = now.toISOString().slice(0, 10);
  const stem = ['tapak', what, regionCode, scope, date]
    .filter(Boolean)
    .join('-')
    .replace(/[^\w.-]/g, '_');
  return `${stem}.geojson`;
}

/**
 * GeoJSON downloads for QGIS, the province and Agrinas: RFC 7946 (lon/lat, counter-clockwise exteriors,
 * 7 decimals, no crs member), with the ellipsoidal area, the verdict and the point inside each parcel.
 */
const exportsRoutes: FastifyPluginAsyncZod = async (fastify) => {
  fastify.get(
    '/api/export/parcels.geojson',
    {
      schema: {
        summary: 'Unduh bidang sebagai GeoJSON (filter sama dengan daftar bidang) / Download parcels as GeoJSON',
        tags: ['unduhan'],
        querystring: parcelFilterSchema,
        response: { 200: parcelCollectionSchema, 400: problemDetailsSchema },
      },
    },
    async (request, reply) => {
      const { db, region } = fastify.tapak;
      const filter = request.query;
      const scope = filter.kelurahan ?? filter.kecamatan ?? (filter.shortlisted ? 'daftar-pendek' : undefined);
      const json = await parcelCollectionJson(db.knex, filter, region.kode, null, 7);
      reply.header(
        'content-disposition',
        `attachment; filename="${downloadFileName(filter.qualifies ? 'bidang-memenuhi' : 'bidang', region.kode, scope)}"`,
      );
      return sendJsonText(reply, json, geoJson);
    },
  );

  fastify.get(
    '/api/export/kelurahan.geojson',
    {
      schema: {
        summary: 'Unduh batas kelurahan dengan cakupannya / Download kelurahan boundaries with coverage',
        tags: ['unduhan'],
        response: { 200: kelurahanCollectionSchema },
      },
    },
    async (_request, reply) => {
      const { db, region } = fastify.tapak;
      reply.header(
        'content-disposition',
        `attachment; filename="${downloadFileName('kelurahan', region.kode, undefined)}"`,
      );
      return sendJsonText(reply, await kelurahanCollectionJson(db.knex, region.kode), geoJson);
    },
  );
};
export default exportsRoutes;
