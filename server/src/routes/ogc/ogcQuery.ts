import { kelurahanKodeSchema, parcelSources, parcelStatuses } from '@tapak/core';
import { z } from 'zod';
import type { Envelope } from '../../repositories/ogcRepository.ts';

/**
 * Query parameters of the /ogc routes. Every object is strict: OGC API – Features requires a 400 for a
 * parameter the API does not define (a misspelt filter must not silently return everything).
 */

export const defaultLimit = 100;
export const maxLimit = 10_000;

/** `f=json` is the only format of the metadata documents. */
export const metadataQuerySchema = z.object({ f: z.enum(['json']).optional() }).strict();

/**
 * `bbox=minLon,minLat,maxLon,maxLat` (or the 6-number 3D form) in CRS84. A box whose minLon is greater than
 * its maxLon crosses the antimeridian and becomes two boxes.
 */
export const bboxSchema = z.string().transform((value, ctx): Envelope[] => {
  const parts = value.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
  const issue = (message: string) => {
    ctx.addIssue({ code: 'custom', message: `bbox: ${message}` });
    return z.NEVER;
  };
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    return issue('4 angka / 4 numbers minLon,minLat,maxLon,maxLat');
  }
  const [minLon = 0, minLat = 0, maxLon = 0, maxLat = 0] =
    parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]] : parts;
  if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) return issue('longitude -180..180');
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) return issue('latitude -90..90');
  if (minLat > maxLat) return issue('minLat > maxLat');
  if (minLon <= maxLon) return [[minLon, minLat, maxLon, maxLat]];
  return [
    [minLon, minLat, 180, maxLat],
    [-180, minLat, maxLon, maxLat],
  ];
});

const wholeNumber = (name: string) => z.string().regex(/^\d+$/, `${name}: bilangan bulat / a whole number`);

// The spec lets a server clamp a larger limit to its maximum instead of refusing it.
const limitSchema = wholeNumber('limit')
  .transform(Number)
  .pipe(z.number().int().min(1, 'limit: minimal 1 / at least 1'))
  .transform((limit) => Math.min(limit, maxLimit));

const offsetSchema = wholeNumber('offset').transform(Number);

// GIS clients write booleans either way (OGR SQL compares a boolean column with 1/0).
const booleanSchema = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const itemsBase = {
  bbox: bboxSchema.optional(),
  limit: limitSchema.default(defaultLimit),
  offset: offsetSchema.default(0),
  f: z.enum(['json', 'geojson']).optional(),
};

export const overlayItemsQuerySchema = z.object(itemsBase).strict();

export const parcelItemsQuerySchema = z
  .object({
    ...itemsBase,
    kelurahan: kelurahanKodeSchema.optional(),
    qualifies: booleanSchema.optional(),
    status: z.enum(parcelStatuses).optional(),
    source: z.enum(parcelSources).optional(),
  })
  .strict();

export const kelurahanItemsQuerySchema = z
  .object({
    ...itemsBase,
    kecamatan_kode: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}$/, 'kode kecamatan: 32.75.01')
      .optional(),
  })
  .strict();

export const itemQuerySchema = z.object({ f: z.enum(['json', 'geojson']).optional() }).strict();
