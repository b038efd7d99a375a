import { z } from 'zod';

/**
 * RFC 9457 problem types. The `type` URI is stable: clients branch on it, never on `title` or `detail`.
 * Titles are Bahasa Indonesia first; `title_en` carries the English.
 */
export const problemCatalogue = {
  'bad-request': { status: 400, title: 'Permintaan tidak valid', title_en: 'Bad request' },
  'invalid-geometry': { status: 422, title: 'Geometri tidak valid', title_en: 'Invalid geometry' },
  'outside-region': { status: 422, title: 'Di luar wilayah', title_en: 'Outside the region' },
  unauthorized: { status: 401, title: 'Perlu masuk', title_en: 'Authentication required' },
  forbidden: { status: 403, title: 'Tidak diizinkan', title_en: 'Forbidden' },
  'too-many-requests': { status: 429, title: 'Terlalu banyak percobaan', title_en: 'Too many requests' },
  'not-found': { status: 404, title: 'Tidak ditemukan', title_en: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Metode tidak diizinkan', title_en: 'Method not allowed' },
  'payload-too-large': { status: 413, title: 'Data terlalu besar', title_en: 'Payload too large' },
  'uri-too-long': { status: 414, title: 'Alamat terlalu panjang', title_en: 'URI too long' },
  'unsupported-media-type': {
    status: 415,
    title: 'Jenis konten tidak didukung',
    title_en: 'Unsupported media type',
  },
  'precondition-required': {
    status: 428,
    title: 'Header If-Match diperlukan',
    title_en: 'If-Match header required',
  },
  'precondition-failed': {
    status: 412,
    title: 'Data telah diubah oleh pengguna lain',
    title_en: 'The data was changed by someone else',
  },
  conflict: { status: 409, title: 'Konflik', title_en: 'Conflict' },
  'import-failed': { status: 422, title: 'Impor gagal', title_en: 'Import failed' },
  'database-busy': {
    status: 409,
    title: 'Basis data sedang dipakai proses lain',
    title_en: 'The database is held by another process',
  },
  'service-unavailable': { status: 503, title: 'Layanan tidak tersedia', title_en: 'Service unavailable' },
  'internal-error': { status: 500, title: 'Kesalahan internal', title_en: 'Internal error' },
} as const;

export type ProblemCode = keyof typeof problemCatalogue;

export function problemTypeUri(code: ProblemCode): string {
  return `urn:tapak:problem:${code}`;
}

/** One located problem in the request (a JSON pointer into the body, or a feature ordinal in a file). */
export const problemErrorSchema = z.object({
  reason: z.string(),
  pointer: z.string().optional(),
  message: z.object({ id: z.string(), en: z.string() }),
  position: z.tuple([z.number(), z.number()]).optional(),
});

export const problemDetailsSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    detail_en: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(problemErrorSchema).optional(),
  })
  .passthrough();

export type ProblemDetails = z.infer<typeof problemDetailsSchema>;
export type ProblemError = z.infer<typeof problemErrorSchema>;
