import { z } from 'zod';

export const exclusionKinds = ['flood', 'rth', 'lp2b', 'other_exclusion', 'sutet'] as const;
export const overlayKinds = [...exclusionKinds, 'road', 'facility'] as const;
export const roadClasses = ['arteri', 'kolektor', 'lokal'] as const;

export type ExclusionKind = (typeof exclusionKinds)[number];
export type OverlayKind = (typeof overlayKinds)[number];
export type RoadClass = (typeof roadClasses)[number];

export const overlayKindLabels: Record<OverlayKind, { id: string; en: string }> = {
  flood: { id: 'kawasan rawan banjir', en: 'flood-prone area' },
  rth: { id: 'ruang terbuka hijau (RTH)', en: 'green open space (RTH)' },
  lp2b: { id: 'lahan pertanian pangan berkelanjutan (LP2B)', en: 'protected farmland (LP2B)' },
  other_exclusion: { id: 'kawasan terlarang lainnya', en: 'other excluded area' },
  sutet: { id: 'koridor SUTET', en: 'high-voltage (SUTET) corridor' },
  road: { id: 'jalan', en: 'road' },
  facility: { id: 'fasilitas umum', en: 'public facility' },
};

/** Default half-width of a SUTET corridor either side of the line, in metres (a layer or a line may override). */
export const defaultSutetHalfWidthMeters = 20;

export const layerParamsSchema = z
  .object({
    /** SUTET: corridor half-width in metres either side of every line without its own `half_width_m`. */
    corridor_half_width_m: z.number().positive().max(500).optional(),
    /** Road: class of every line without its own `class` property. */
    road_class: z.enum(roadClasses).optional(),
  })
  .strict();

const featureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.unknown(),
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
  id: z.union([z.string(), z.number()]).optional(),
});

export const layerFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(featureSchema).max(100_000),
});

export const layerCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(overlayKinds),
    params: layerParamsSchema.optional(),
    features: layerFeatureCollectionSchema,
  })
  .strict();

export const layerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(overlayKinds),
  params: layerParamsSchema,
  feature_count: z.number().int(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const layerChangeResponseSchema = z.object({
  layer: layerSummarySchema.nullable(),
  parcels_rejudged: z.number().int(),
  parcels_changed_qualification: z.number().int(),
});

export type LayerCreate = z.infer<typeof layerCreateSchema>;
export type LayerSummary = z.infer<typeof layerSummarySchema>;
