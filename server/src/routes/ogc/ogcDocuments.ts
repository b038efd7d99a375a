import { z } from 'zod';

/**
 * The documents of OGC API – Features Part 1 (landing page, conformance, collections, features) as zod
 * contracts: they document the /ogc routes in OpenAPI and check the metadata responses.
 */

export const mediaTypes = {
  json: 'application/json',
  geoJson: 'application/geo+json',
  openApi: 'application/vnd.oai.openapi+json;version=3.0',
  jsonSchema: 'application/schema+json',
  html: 'text/html',
} as const;

export const crs84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const conformanceClasses = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];

export const linkSchema = z.object({
  href: z.string(),
  rel: z.string(),
  type: z.string().optional(),
  title: z.string().optional(),
});
export type Link = z.infer<typeof linkSchema>;

export const landingPageSchema = z.object({
  title: z.string(),
  description: z.string(),
  links: z.array(linkSchema),
});

export const conformanceSchema = z.object({ conformsTo: z.array(z.string()) });

export const collectionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  itemType: z.literal('feature'),
  crs: z.array(z.string()),
  storageCrs: z.string(),
  extent: z
    .object({
      spatial: z.object({ bbox: z.array(z.array(z.number()).length(4)), crs: z.string() }),
    })
    .optional(),
  links: z.array(linkSchema),
});
export type Collection = z.infer<typeof collectionSchema>;

export const collectionsSchema = z.object({
  links: z.array(linkSchema),
  crs: z.array(z.string()),
  collections: z.array(collectionSchema),
});

const geometrySchema = z.object({ type: z.string() }).passthrough().nullable();

export const featureSchema = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]),
  geometry: geometrySchema,
  properties: z.record(z.string(), z.unknown()).nullable(),
  links: z.array(linkSchema).optional(),
});

export const featureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  timeStamp: z.string(),
  links: z.array(linkSchema),
  features: z.array(featureSchema),
});

/** A JSON Schema or an OpenAPI document: checked only for being an object. */
export const looseDocumentSchema = z.object({}).passthrough();
