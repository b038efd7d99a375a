import { parcelFilterSchema, problemDetailsSchema } from '@tapak/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  exportContentTypes,
  exportParcels,
  exportProposal,
  type ParcelExportFormat,
  parcelExportFormats,
  proposalExportFormats,
} from '../../interop/exportParcels.ts';
import { parcelFeaturesOf } from '../../interop/parcelFeature.ts';
import { parcelCollectionJson } from '../../repositories/parcelRepository.ts';
import { downloadFileName } from '../exports.ts';

const summaries: Record<ParcelExportFormat, string> = {
  kml: 'Unduh bidang sebagai KML (Google Earth), diwarnai menurut putusan / Download parcels as KML, coloured by verdict',
  'shp.zip': 'Unduh bidang sebagai Shapefile ZIP (WGS 84, UTF-8) / Download parcels as a zipped Shapefile',
  gpkg: 'Unduh bidang sebagai GeoPackage / Download parcels as a GeoPackage',
  csv: 'Unduh bidang sebagai CSV (WKT, titik lon/lat) / Download parcels as CSV (WKT, point lon/lat)',
  xlsx: 'Unduh bidang sebagai Excel / Download parcels as an Excel workbook',
};

const separator = z
  .enum(['comma', 'semicolon'])
  .optional()
  .describe('Pemisah CSV; semicolon untuk Excel berbahasa Indonesia / CSV separator; semicolon for Indonesian Excel');

/** Sends a file as an attachment; a Buffer or text body passes Fastify's serializer untouched. */
function sendFile(reply: FastifyReply, body: Buffer | string, contentType: string, fileName: string) {
  return (reply as FastifyReply)
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .type(contentType)
    .send(body);
}

const fileDescription = (format: string) => z.string().describe(`Berkas ${format} / ${format} file`);

/** Renames the GeoJSON download name (same what-where-when pattern) to another extension. */
const fileNameWith = (geojsonName: string, extension: string) => geojsonName.replace(/\.geojson$/, `.${extension}`);

/**
 * The parcel downloads besides GeoJSON, for QGIS, Google Earth and Excel, with the GeoJSON export's filters,
 * order and file names; and the Agrinas proposal sheet. Each one converts the same PostGIS-built GeoJSON.
 */
const parcelExports: FastifyPluginAsyncZod = async (fastify) => {
  for (const format of parcelExportFormats) {
    fastify.get(
      `/api/export/parcels.${format}`,
      {
        schema: {
          summary: summaries[format],
          tags: ['unduhan'],
          querystring: format === 'csv' ? parcelFilterSchema.extend({ separator }) : parcelFilterSchema,
          response: { 200: fileDescription(format), 400: problemDetailsSchema },
        },
      },
      async (request, reply) => {
        const { db, region } = fastify.tapak;
        const { separator: csvSeparator, ...filter } = request.query as typeof request.query & {
          separator?: 'comma' | 'semicolon';
        };
        const scope = filter.kelurahan ?? filter.kecamatan ?? (filter.shortlisted ? 'daftar-pendek' : undefined);
        const what = filter.qualifies ? 'bidang-memenuhi' : 'bidang';
        const fileName = fileNameWith(downloadFileName(what, region.kode, scope), format);
        const features = parcelFeaturesOf(await parcelCollectionJson(db.knex, filter, region.kode, null));
        const body = await exportParcels(features, format, {
          baseName: fileName.slice(0, -(format.length + 1)),
          title: `Tapak — bidang ${region.nama}${scope ? ` (${scope})` : ''}`,
          separator: csvSeparator,
        });
        return sendFile(reply, body, exportContentTypes[format], fileName);
      },
    );
  }

  const proposalQuery = parcelFilterSchema.pick({ kelurahan: true, kecamatan: true });
  for (const format of proposalExportFormats) {
    fastify.get(
      `/api/export/proposal.${format}`,
      {
        schema: {
          summary:
            'Lembar usulan lokasi untuk Agrinas (status diusulkan atau lanjut, atau lokasi utama) / ' +
            'Agrinas site proposal sheet (status proposed or later, or primary site)',
          tags: ['unduhan'],
          querystring: format === 'csv' ? proposalQuery.extend({ separator }) : proposalQuery,
          response: { 200: fileDescription(format), 400: problemDetailsSchema },
        },
      },
      async (request, reply) => {
        const { db, region } = fastify.tapak;
        const { separator: csvSeparator, ...filter } = request.query as typeof request.query & {
          separator?: 'comma' | 'semicolon';
        };
        const fileName = fileNameWith(
          downloadFileName('usulan-agrinas', region.kode, filter.kelurahan ?? filter.kecamatan),
          format,
        );
        const features = parcelFeaturesOf(await parcelCollectionJson(db.knex, filter, region.kode, null));
        const body = await exportProposal(features, format, csvSeparator);
        return sendFile(reply, body, exportContentTypes[format], fileName);
      },
    );
  }
};
export default parcelExports;
