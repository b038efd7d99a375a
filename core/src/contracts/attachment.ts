import { z } from 'zod';

/**
 * Photos and documents attached to a parcel: field photos (JPEG/PNG, with the position and time the camera
 * recorded) and scanned papers (PDF: certificates, BAST, letters). The server decides the kind from the
 * file's first bytes, never from its name or the client's content type.
 */

export const attachmentKinds = ['photo', 'document'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

export const attachmentMediaTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentMediaType = (typeof attachmentMediaTypes)[number];

const megabyte = 1024 * 1024;

/** Size limits per kind; the web checks them before sending, the server enforces them while receiving. */
export const attachmentMaxSizeBytes: Record<AttachmentKind, number> = {
  photo: 15 * megabyte,
  document: 25 * megabyte,
};

export const attachmentCaptionMaxLength = 500;

export const attachmentSchema = z.object({
  id: z.string().uuid(),
  parcel_id: z.string().uuid(),
  kind: z.enum(attachmentKinds),
  file_name: z.string(),
  media_type: z.enum(attachmentMediaTypes),
  size_bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  photo_lon: z
    .number()
    .nullable()
    .describe('Bujur tempat foto diambil (EXIF GPS) / Longitude where the photo was taken'),
  photo_lat: z
    .number()
    .nullable()
    .describe('Lintang tempat foto diambil (EXIF GPS) / Latitude where the photo was taken'),
  photo_taken_at: z.string().nullable().describe('Waktu foto diambil (EXIF), ISO 8601 / When the photo was taken'),
  caption: z.string().nullable(),
  created_at: z.string(),
  created_by: z.string().nullable().describe('Nama pengguna pengunggah / Username of the uploader'),
  deleted_at: z.string().nullable(),
  file_url: z.string(),
  thumbnail_url: z.string().nullable().describe('null untuk dokumen / null for documents'),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentListSchema = z.object({
  parcel_id: z.string().uuid(),
  attachments: z.array(attachmentSchema),
});
export type AttachmentList = z.infer<typeof attachmentListSchema>;

/** Where the parcel's photos were taken, for the map (GeoJSON, lon/lat WGS 84). */
export const photoPointCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        attachment_id: z.string(),
        parcel_id: z.string(),
        file_name: z.string(),
        caption: z.string().nullable(),
        photo_taken_at: z.string().nullable(),
        thumbnail_url: z.string().nullable(),
      }),
    }),
  ),
});
export type PhotoPointCollection = z.infer<typeof photoPointCollectionSchema>;

const kelurahanKode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'kode kelurahan seperti 32.75.01.1001');

/**
 * The batch proposal package: the primary sites of the named kelurahan (`kode`, repeatable) or, with
 * `primary=true`, of every kelurahan in the region that has one.
 */
export const proposalBatchQuerySchema = z
  .object({
    kode: z
      .union([kelurahanKode, z.array(kelurahanKode).max(1000)])
      .optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
    primary: z
      .enum(['true', 'false'])
      .optional()
      .transform((value) => value === 'true'),
  })
  .refine((query) => query.kode.length > 0 || query.primary, {
    message: 'Sebutkan kode kelurahan (kode=…) atau primary=true / Name kelurahan codes (kode=…) or primary=true',
  });
export type ProposalBatchQuery = z.infer<typeof proposalBatchQuerySchema>;
