import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpProblem } from '../../http/httpProblem.ts';
import type { CollectionExtent } from '../../repositories/ogcRepository.ts';
import { type Collection, crs84, type Link, mediaTypes } from './ogcDocuments.ts';
import { ogcHref } from './ogcLinks.ts';

/**
 * The collections Tapak publishes: live parcels, kelurahan boundaries and each overlay layer
 * (`layer-<uuid>`), with their titles and, for the fixed ones, the JSON Schema of a feature. GDAL reads that
 * schema (rel `describedBy`) to type its columns; without it QGIS guesses the types from the first page, where
 * a score that happens to be 0 everywhere makes an integer column for the 0.75 of a later page.
 */

export type CollectionRef = { kind: 'parcels' } | { kind: 'kelurahan' } | { kind: 'layer'; layerId: string };

const layerIdPattern = /^layer-(.+)$/;
const uuidSchema = z.string().uuid();

/** The collection a path names, or a 404 problem. */
export function parseCollectionId(collectionId: string): CollectionRef {
  if (collectionId === 'parcels') return { kind: 'parcels' };
  if (collectionId === 'kelurahan') return { kind: 'kelurahan' };
  const layerId = layerIdPattern.exec(collectionId)?.[1];
  if (layerId && uuidSchema.safeParse(layerId).success) return { kind: 'layer', layerId: layerId.toLowerCase() };
  throw collectionNotFound(collectionId);
}

/** The canonical id of a collection (overlay layer ids in lower case, as PostgreSQL writes UUIDs). */
export function collectionIdOf(ref: CollectionRef): string {
  return ref.kind === 'layer' ? `layer-${ref.layerId}` : ref.kind;
}

export function collectionNotFound(collectionId: string): HttpProblem {
  return new HttpProblem('not-found', {
    id: `Koleksi ${collectionId} tidak ada.`,
    en: `There is no collection ${collectionId}.`,
  });
}

export function featureNotFound(collectionId: string, featureId: string): HttpProblem {
  return new HttpProblem('not-found', {
    id: `Fitur ${featureId} tidak ada di koleksi ${collectionId}.`,
    en: `There is no feature ${featureId} in collection ${collectionId}.`,
  });
}

type PropertyType = 'string' | 'number' | 'boolean' | 'nullable-string' | 'date-time';

const parcelProperties: Record<string, PropertyType> = {
  name: 'string',
  kelurahan_kode: 'string',
  kelurahan_nama: 'string',
  area_m2: 'number',
  qualifies: 'boolean',
  verdict: 'string',
  score: 'number',
  status: 'string',
  shortlisted: 'boolean',
  is_primary: 'boolean',
  fits_prototype: 'boolean',
  source: 'string',
  owner_class: 'nullable-string',
  legal_status: 'nullable-string',
  updated_at: 'date-time',
};

const kelurahanProperties: Record<string, PropertyType> = {
  kode: 'string',
  nama: 'string',
  jenis: 'string',
  kecamatan_kode: 'string',
  kecamatan_nama: 'string',
  kabkota_kode: 'string',
  kabkota_nama: 'string',
  area_m2: 'number',
};

const fixedCollections = {
  parcels: {
    title: 'Bidang calon lokasi KKMP / KKMP candidate parcels',
    description:
      'Bidang calon lokasi Koperasi Kelurahan Merah Putih yang masih aktif, dengan luas elipsoidal, hasil penilaian dan ' +
      'status. / Live candidate parcels for the Koperasi Kelurahan Merah Putih with ellipsoidal area, verdict and status.',
    idSchema: { type: 'string', format: 'uuid' },
    properties: parcelProperties,
  },
  kelurahan: {
    title: 'Batas desa/kelurahan / Desa/kelurahan boundaries',
    description: 'Batas desa/kelurahan wilayah dengan kode Kemendagri. / Boundaries with Kemendagri codes.',
    idSchema: { type: 'string' },
    properties: kelurahanProperties,
  },
} as const;

function propertySchema(type: PropertyType) {
  if (type === 'nullable-string') return { type: ['string', 'null'] };
  if (type === 'date-time') return { type: 'string', format: 'date-time' };
  return { type };
}

/** The JSON Schema of one feature of a fixed collection (null for overlay layers, whose properties vary). */
export function featureJsonSchema(request: FastifyRequest, ref: CollectionRef) {
  if (ref.kind === 'layer') return null;
  const spec = fixedCollections[ref.kind];
  return {
    $schema: 'https://json-schema.org/draft/2019-09/schema',
    $id: ogcHref(request, `/collections/${ref.kind}/schema`),
    title: spec.title,
    type: 'object',
    required: ['type', 'id', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] },
      id: spec.idSchema,
      geometry: { type: 'object', description: 'GeoJSON MultiPolygon (CRS84)' },
      properties: {
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(spec.properties).map(([name, type]) => [name, propertySchema(type)]),
        ),
      },
    },
  };
}

const overlayKindLabels: Record<string, string> = {
  flood: 'rawan banjir / flood-prone',
  rth: 'ruang terbuka hijau / green open space',
  lp2b: 'lahan pertanian pangan berkelanjutan / protected farmland',
  other_exclusion: 'kawasan dikecualikan / other exclusion',
  sutet: 'koridor SUTET / high-voltage corridor',
  road: 'jalan / roads',
  facility: 'fasilitas / facilities',
};

/** The collection document of one collection, from its PostGIS extent. */
export function describeCollection(request: FastifyRequest, extent: CollectionExtent): Collection {
  const ref = parseCollectionId(extent.id);
  const fixed = ref.kind === 'layer' ? null : fixedCollections[ref.kind];
  const kindLabel = overlayKindLabels[extent.kind ?? ''] ?? extent.kind ?? '';
  const links: Link[] = [
    { href: ogcHref(request, `/collections/${extent.id}`), rel: 'self', type: mediaTypes.json },
    {
      href: ogcHref(request, `/collections/${extent.id}/items`),
      rel: 'items',
      type: mediaTypes.geoJson,
      title: 'Fitur / Features',
    },
  ];
  if (fixed) {
    links.push({
      href: ogcHref(request, `/collections/${extent.id}/schema`),
      // RFC 8288 compares relation types case-insensitively; GDAL (3.6) looks for exactly "describedBy".
      rel: 'describedBy',
      type: mediaTypes.jsonSchema,
      title: 'Skema fitur / Feature schema',
    });
  }
  return {
    id: extent.id,
    title: fixed?.title ?? `Lapisan ${extent.name} / Overlay layer ${extent.name}`,
    description: fixed?.description ?? `Lapisan batasan / Constraint overlay: ${kindLabel}`,
    itemType: 'feature',
    crs: [crs84],
    storageCrs: crs84,
    ...(extent.bbox ? { extent: { spatial: { bbox: [extent.bbox], crs: crs84 } } } : {}),
    links,
  };
}
