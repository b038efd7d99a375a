import { parcelSources, parcelStatuses } from '@tapak/core';
import { conformanceClasses, mediaTypes } from './ogcDocuments.ts';
import { defaultLimit, maxLimit } from './ogcQuery.ts';

/**
 * The OpenAPI 3.0 definition of the OGC API (`service-desc`, conformance class oas30), with paths relative to
 * `<origin>/ogc`: the collection-specific filters are listed under `/collections/parcels/items` and
 * `/collections/kelurahan/items`, the common parameters under `/collections/{collectionId}/items`.
 */

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: string) => ({
  content: { [mediaTypes.json]: { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const geoJson = (schema: string) => ({
  content: { [mediaTypes.geoJson]: { schema: { $ref: `#/components/schemas/${schema}` } } },
});
const problem = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};

function itemsOperation(summary: string, extraParameters: object[]) {
  return {
    get: {
      summary,
      parameters: [ref('collectionId'), ref('bbox'), ref('limit'), ref('offset'), ref('f'), ...extraParameters],
      responses: { 200: { description: 'Features', ...geoJson('featureCollection') }, 400: problem, 404: problem },
    },
  };
}

const queryParameter = (name: string, description: string, schema: object) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

export function ogcOpenApiDocument(serverUrl: string) {
  const itemPath = {
    get: {
      summary: 'Satu fitur / One feature',
      parameters: [ref('collectionId'), ref('featureId'), ref('f')],
      responses: { 200: { description: 'Feature', ...geoJson('feature') }, 404: problem },
    },
  };
  const kelurahanKode = { type: 'string', pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tapak OGC API – Features',
      version: '1.0.0',
      description: 'Bidang calon lokasi KKMP, batas kelurahan dan lapisan batasan / KKMP parcels, boundaries, overlays',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/': {
        get: {
          summary: 'Halaman awal / Landing page',
          responses: { 200: { description: 'Landing page', ...json('landingPage') } },
        },
      },
      '/conformance': {
        get: {
          summary: 'Kelas kesesuaian / Conformance classes',
          responses: { 200: { description: conformanceClasses.join(', '), ...json('conformance') } },
        },
      },
      '/api': { get: { summary: 'Dokumen ini / This document', responses: { 200: { description: 'OpenAPI 3.0' } } } },
      '/collections': {
        get: {
          summary: 'Daftar koleksi / Collections',
          responses: { 200: { description: 'Collections', ...json('collections') } },
        },
      },
      '/collections/{collectionId}': {
        get: {
          summary: 'Satu koleksi / One collection',
          parameters: [ref('collectionId'), ref('f')],
          responses: { 200: { description: 'Collection', ...json('collection') }, 404: problem },
        },
      },
      '/collections/{collectionId}/items': itemsOperation('Fitur koleksi / Features of a collection', []),
      '/collections/parcels/items': itemsOperation('Bidang / Parcels', [
        queryParameter('kelurahan', 'Kode desa/kelurahan (32.75.01.1001)', kelurahanKode),
        queryParameter('qualifies', 'Memenuhi syarat / qualifies', { type: 'boolean' }),
        queryParameter('status', 'Status bidang / parcel status', { type: 'string', enum: [...parcelStatuses] }),
        queryParameter('source', 'Sumber bidang / parcel source', { type: 'string', enum: [...parcelSources] }),
      ]),
      '/collections/kelurahan/items': itemsOperation('Desa/kelurahan', [
        queryParameter('kecamatan_kode', 'Kode kecamatan (32.75.01)', {
          type: 'string',
          pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$',
        }),
      ]),
      '/collections/{collectionId}/items/{featureId}': itemPath,
    },
    components: {
      parameters: {
        collectionId: { name: 'collectionId', in: 'path', required: true, schema: { type: 'string' } },
        featureId: { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          description: 'minLon,minLat,maxLon,maxLat (CRS84)',
          style: 'form',
          explode: false,
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
        },
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: `Jumlah fitur per halaman; di atas ${maxLimit} dibatasi / page size, larger values are clamped`,
          schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
        },
        offset: {
          name: 'offset',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 0, default: 0 },
        },
        f: { name: 'f', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'geojson'] } },
      },
      schemas: {
        link: {
          type: 'object',
          required: ['href', 'rel'],
          properties: {
            href: { type: 'string' },
            rel: { type: 'string' },
            type: { type: 'string' },
            title: { type: 'string' },
          },
        },
        landingPage: {
          type: 'object',
          properties: { links: { type: 'array', items: { $ref: '#/components/schemas/link' } } },
        },
        conformance: { type: 'object', properties: { conformsTo: { type: 'array', items: { type: 'string' } } } },
        collection: { type: 'object', required: ['id', 'links'], properties: { id: { type: 'string' } } },
        collections: {
          type: 'object',
          properties: { collections: { type: 'array', items: { $ref: '#/components/schemas/collection' } } },
        },
        feature: { type: 'object', required: ['type', 'geometry', 'properties'] },
        featureCollection: {
          type: 'object',
          required: ['type', 'features'],
          properties: {
            type: { type: 'string', enum: ['FeatureCollection'] },
            features: { type: 'array', items: { $ref: '#/components/schemas/feature' } },
            numberMatched: { type: 'integer' },
            numberReturned: { type: 'integer' },
            timeStamp: { type: 'string', format: 'date-time' },
            links: { type: 'array', items: { $ref: '#/components/schemas/link' } },
          },
        },
      },
    },
  };
}
