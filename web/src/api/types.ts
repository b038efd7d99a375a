import type {
  Assessment,
  assessmentSchema,
  Criteria,
  ParcelAttributes,
  ParcelSource,
  ParcelStatus,
  parcelMapPropertiesSchema,
  parcelPropertiesSchema,
  statusHistorySchema,
} from '@tapak/core';
import type { MultiPolygon, Polygon } from 'geojson';

// The kelurahan types mirror the server's first contract; parcel types come from @tapak/core's zod
// schemas (type-only imports: nothing of zod reaches the bundle).

/** The output type of a zod schema, without depending on zod here. */
type Output<S> = S extends { _output: infer O } ? O : never;

export type LocalizedText = { id: string; en: string };

export type BoundariesStatus = 'ready' | 'missing' | 'fetching';

export type Health = {
  status: 'ok';
  db: 'pglite' | 'postgres';
  postgis: string;
  region: { kode: string; nama: string };
  kelurahan: number;
  kelurahan_with_boundary: number;
  boundaries: { status: BoundariesStatus; hint?: LocalizedText };
};

export type KelurahanProperties = {
  kode: string;
  nama: string;
  jenis: 'kelurahan' | 'desa';
  kecamatan_kode: string;
  kecamatan_nama: string;
  area_m2: number | null;
  candidates: number;
  qualifying: number;
  shortlisted: number;
  best_qualifying_area_m2: number | null;
  primary_status?: string | null;
};

export type KelurahanFeature = {
  type: 'Feature';
  id: string;
  geometry: MultiPolygon | null;
  properties: KelurahanProperties;
};

export type KelurahanCollection = { type: 'FeatureCollection'; features: KelurahanFeature[] };

/** RFC 9457 problem details, as the server sends them. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  detail_en?: string;
  errors?: ProblemError[];
  /** 412: the ETag the parcel has now. */
  current_etag?: string;
  /** 409: the other primary parcel of the kelurahan. */
  primary_parcel_id?: string;
};

export type ParcelProperties = Output<typeof parcelPropertiesSchema>;
export type ParcelFeature = { type: 'Feature'; id: string; geometry: MultiPolygon; properties: ParcelProperties };
export type ParcelCollection = {
  type: 'FeatureCollection';
  numberMatched: number;
  numberReturned: number;
  features: ParcelFeature[];
};
/** A parcel as the map listing carries it (GET /api/parcels/map.geojson): no checks, no attributes. */
export type ParcelMapProperties = Output<typeof parcelMapPropertiesSchema>;
export type ParcelMapFeature = { type: 'Feature'; id: string; geometry: MultiPolygon; properties: ParcelMapProperties };
/** Empty `features` with `numberMatched > numberReturned`: too many for a listing, draw the vector tiles. */
export type ParcelMapCollection = {
  type: 'FeatureCollection';
  numberMatched: number;
  numberReturned: number;
  features: ParcelMapFeature[];
};
export type StatusHistory = Output<typeof statusHistorySchema>;
export type CheckResult = Output<typeof assessmentSchema>['checks'][number];
export type Verdict = Assessment['verdict'];
export type ParcelGeometry = Polygon | MultiPolygon;
export type { Assessment, Criteria, ParcelAttributes, ParcelSource, ParcelStatus };

/** What `/api/analyze` answers: the assessment of a geometry that is not saved. */
export type AnalyzeResult = Assessment;

export type CriteriaResponse = { version: number; criteria: Criteria };

/** A located problem in a request (e.g. where a boundary crosses itself). */
export type ProblemError = {
  reason: string;
  pointer?: string;
  message: LocalizedText;
  position?: [number, number];
};

// Overlay layers and criteria changes (core/src/contracts/overlay.ts, the criteria routes).
export type OverlayKind = 'flood' | 'rth' | 'lp2b' | 'other_exclusion' | 'sutet' | 'road' | 'facility';
export type RoadClass = 'arteri' | 'kolektor' | 'lokal';
export type LayerParams = { corridor_half_width_m?: number; road_class?: RoadClass };
export type LayerSummary = {
  id: string;
  name: string;
  kind: OverlayKind;
  params: LayerParams;
  feature_count: number;
  version: number;
  created_at: string;
  updated_at: string;
};
export type LayerFeatureCollection = {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties?: Record<string, unknown> | null; id?: string | number }[];
};
export type LayerChangeResult = {
  layer: LayerSummary | null;
  parcels_rejudged: number;
  parcels_changed_qualification: number;
};
export type ProgressEntry = {
  id: string;
  kind: string;
  label: LocalizedText;
  done: number;
  total: number;
  started_at: string;
};
export type KelurahanRef = { kode: string; nama: string };
export type CriteriaPreview = {
  parcels_rejudged: number;
  parcels_changed_qualification: number;
  kelurahan_losing_qualifying_site: KelurahanRef[];
  kelurahan_gaining_qualifying_site: KelurahanRef[];
  summary: LocalizedText;
};
