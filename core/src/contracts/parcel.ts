import { z } from 'zod';
import { handoverStatuses, legalStatuses, ownerClasses, parcelSources, parcelStatuses } from './codeLists.ts';

const shortText = (max: number) => z.string().trim().max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal YYYY-MM-DD');

/** Fields of a KIB A (land) entry in the city's asset register. */
export const kibASchema = z
  .object({
    kode_barang: shortText(50).nullable(),
    register: shortText(50).nullable(),
    hak: shortText(100).nullable(),
    sertifikat_nomor: shortText(100).nullable(),
    sertifikat_tanggal: isoDate.nullable(),
    tahun_pengadaan: z.number().int().min(1800).max(2100).nullable(),
    penggunaan: shortText(500).nullable(),
    asal_usul: shortText(200).nullable(),
    alamat: shortText(500).nullable(),
    luas_sertifikat_m2: z.number().positive().max(1e9).nullable(),
  })
  .partial()
  .strict();

/** Fields of fasos-fasum land (public facilities a housing developer hands over to the city). */
export const fasosFasumSchema = z
  .object({
    perumahan: shortText(200).nullable(),
    developer: shortText(200).nullable(),
    bast_nomor: shortText(100).nullable(),
    bast_tanggal: isoDate.nullable(),
    handover_status: z.enum(handoverStatuses).nullable(),
  })
  .partial()
  .strict();

/** What a planner enters about a parcel. Everything the server computes is not in here. */
export const parcelAttributesSchema = z
  .object({
    name: shortText(200).min(1, 'nama bidang wajib diisi'),
    source: z.enum(parcelSources),
    owner_class: z.enum(ownerClasses).nullable(),
    legal_status: z.enum(legalStatuses).nullable(),
    current_use: shortText(500).nullable(),
    is_vacant: z.boolean().nullable(),
    kib_a: kibASchema,
    fasos_fasum: fasosFasumSchema,
    tags: z.array(shortText(50).min(1)).max(50),
    notes: z.string().max(10_000).nullable(),
    status: z.enum(parcelStatuses),
    status_reason: z.string().trim().max(2000).nullable(),
    shortlisted: z.boolean(),
    shortlist_rank: z.number().int().min(1).max(10_000).nullable(),
    is_primary: z.boolean(),
  })
  .strict();

export type ParcelAttributes = z.infer<typeof parcelAttributesSchema>;

/** The names of what a planner enters (the columns a change reads and writes), from the contract itself. */
export const parcelAttributeNames = parcelAttributesSchema.keyof().options;

export const parcelAttributesPatchSchema = parcelAttributesSchema.partial().strict();
export type ParcelAttributesPatch = z.infer<typeof parcelAttributesPatchSchema>;

/** What a new parcel holds where nobody said otherwise (drawn in the app or imported from a file). */
export const newParcelDefaults: Omit<ParcelAttributes, 'name'> = {
  source: 'other',
  owner_class: null,
  legal_status: null,
  current_use: null,
  is_vacant: null,
  kib_a: {},
  fasos_fasum: {},
  tags: [],
  notes: null,
  status: 'kandidat',
  status_reason: null,
  shortlisted: false,
  shortlist_rank: null,
  is_primary: false,
};

/** Defaults for a new parcel: only the name is required. */
export const newParcelAttributesSchema = parcelAttributesSchema.partial().required({ name: true }).strict();

/** Geometry is checked by the core's validator (with located reasons), not by zod. */
const anyGeometry = z.unknown().describe('GeoJSON Polygon atau MultiPolygon (lon/lat WGS 84)');

export const parcelCreateSchema = z
  .object({
    type: z.literal('Feature'),
    geometry: anyGeometry,
    properties: newParcelAttributesSchema,
  })
  .strict();

export const parcelPatchSchema = z
  .object({
    type: z.literal('Feature').optional(),
    geometry: anyGeometry.optional(),
    properties: parcelAttributesPatchSchema.optional(),
  })
  .strict();

export const analyzeRequestSchema = z
  .object({
    geometry: anyGeometry,
    properties: parcelAttributesPatchSchema.optional(),
  })
  .strict();

export const checkResultSchema = z.object({
  id: z.string(),
  severity: z.enum(['hard', 'soft']),
  status: z.enum(['pass', 'fail', 'unknown']),
  passed: z.boolean(),
  reason: z.string(),
  message: z.object({ id: z.string(), en: z.string() }),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  threshold: z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.null()]),
});

const polygonGeometrySchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.array(z.number()))),
});

export const assessmentSchema = z.object({
  area_m2: z.number(),
  kelurahan: z.object({ kode: z.string(), nama: z.string() }).nullable(),
  crosses_border: z.boolean(),
  kelurahan_outside_ratio: z.number().nullable(),
  fits_prototype: z.boolean(),
  footprint: polygonGeometrySchema.nullable(),
  footprint_rotation_deg: z.number().nullable(),
  footprint_slack_m: z.number().nullable(),
  min_width_m: z.number().nullable(),
  checks: z.array(checkResultSchema),
  qualifies: z.boolean(),
  verdict: z.enum(['memenuhi', 'tidak_memenuhi', 'belum_lengkap']),
  score: z.number(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const parcelPropertiesSchema = parcelAttributesSchema.extend({
  id: z.string(),
  kelurahan_kode: z.string(),
  kelurahan_nama: z.string(),
  kecamatan_kode: z.string(),
  kecamatan_nama: z.string(),
  area_m2: z.number(),
  crosses_border: z.boolean(),
  kelurahan_outside_ratio: z.number().nullable(),
  fits_prototype: z.boolean(),
  footprint: polygonGeometrySchema.nullable(),
  footprint_rotation_deg: z.number().nullable(),
  footprint_slack_m: z.number().nullable(),
  checks: z.array(checkResultSchema),
  qualifies: z.boolean(),
  verdict: z.enum(['memenuhi', 'tidak_memenuhi', 'belum_lengkap']),
  score: z.number(),
  /** Place among the kelurahan's live candidates: qualifying first, then by score (1 = best). */
  rank: z.number().int().nullable(),
  point: z.tuple([z.number(), z.number()]),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: z.string().nullable(),
  deleted_by_label: z.string().nullable().optional(),
});

export const parcelFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.any()) }),
  properties: parcelPropertiesSchema,
});

export const parcelCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  features: z.array(parcelFeatureSchema),
});

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Filters shared by the parcel list and the parcel exports. */
export const parcelFilterSchema = z
  .object({
    kelurahan: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/)
      .optional(),
    kecamatan: z
      .string()
      .regex(/^\d{2}\.\d{2}\.\d{2}$/)
      .optional(),
    status: z.enum(parcelStatuses).optional(),
    qualifies: booleanQuery.optional(),
    shortlisted: booleanQuery.optional(),
    source: z.enum(parcelSources).optional(),
    bbox: z
      .string()
      .transform((value, ctx) => {
        const parts = value.split(',').map(Number);
        const [minLon, minLat, maxLon, maxLat] = parts;
        if (
          parts.length !== 4 ||
          parts.some((n) => !Number.isFinite(n)) ||
          minLon === undefined ||
          minLat === undefined ||
          maxLon === undefined ||
          maxLat === undefined ||
          minLon > maxLon ||
          minLat > maxLat
        ) {
          ctx.addIssue({ code: 'custom', message: 'bbox: minLon,minLat,maxLon,maxLat' });
          return z.NEVER;
        }
        return [minLon, minLat, maxLon, maxLat] as [number, number, number, number];
      })
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    deleted: booleanQuery.optional(),
  })
  .strict();
export type ParcelFilter = z.infer<typeof parcelFilterSchema>;

export const parcelListQuerySchema = parcelFilterSchema
  .extend({
    limit: z.coerce.number().int().min(1).max(10_000).default(1000),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ParcelListQuery = z.infer<typeof parcelListQuerySchema>;

export const statusHistorySchema = z.array(
  z.object({
    from_status: z.string().nullable(),
    to_status: z.string(),
    reason: z.string().nullable(),
    changed_at: z.string(),
  }),
);

/**
 * What the map draws of a parcel (`GET /api/parcels/map.geojson`): identity, shape at 7 decimals (about 1 cm),
 * verdict, pipeline marks and what the kelurahan's parcel list shows. No checks, no attributes: the full feature
 * (`GET /api/parcels/:id`, with its ETag) is read when a parcel is opened. With every parcel's bilingual checks
 * the listing was about 4 KB a parcel; this is a tenth of that.
 */
export const parcelMapPropertiesSchema = parcelPropertiesSchema.pick({
  id: true,
  name: true,
  kelurahan_kode: true,
  kelurahan_nama: true,
  verdict: true,
  qualifies: true,
  score: true,
  rank: true,
  area_m2: true,
  status: true,
  shortlisted: true,
  shortlist_rank: true,
  is_primary: true,
  point: true,
  version: true,
});

export const parcelMapFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.any()) }),
  properties: parcelMapPropertiesSchema,
});

/** Most parcels one map listing carries; above that a client draws the vector tiles instead. */
export const parcelMapListingMax = 50_000;

export const parcelMapQuerySchema = parcelFilterSchema
  .omit({ deleted: true })
  .extend({
    limit: z.coerce.number().int().min(1).max(parcelMapListingMax).default(20_000),
  })
  .strict();
export type ParcelMapQuery = z.infer<typeof parcelMapQuerySchema>;

/**
 * The listing is all or nothing: when more than `limit` parcels match, `features` is empty and `numberMatched`
 * says how many there are, so the client switches to vector tiles without the server building (and sending) a
 * listing it would throw away.
 */
export const parcelMapCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  numberMatched: z.number().int(),
  numberReturned: z.number().int(),
  features: z.array(parcelMapFeatureSchema),
});
