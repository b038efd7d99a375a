import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
  VectorSourceSpecification,
} from 'maplibre-gl';
import { PARCEL_STATUSES, STATUS_STYLES, VERDICT_COLORS } from '../domain/verdict.ts';

// Parcels, the placed prototype footprint and geometry problems, drawn above the kelurahan layers.
// Polygons from zoom 13; below that a parcel (a few pixels) is a dot at its `point` so the city view
// still shows where candidates are.

export const SOURCE_PARCELS = 'parcels';
export const SOURCE_PARCEL_POINTS = 'parcel-points';
export const SOURCE_FOOTPRINT = 'footprint';
export const SOURCE_PROBLEMS = 'geometry-problems';

export const LAYER_PARCEL_FILL = 'parcel-fill';
export const LAYER_PARCEL_CASING = 'parcel-casing';
export const LAYER_PARCEL_LINE = 'parcel-line';
export const LAYER_PARCEL_REJECTED = 'parcel-line-rejected';
export const LAYER_PARCEL_SELECTED = 'parcel-selected';
export const LAYER_PARCEL_POINT = 'parcel-point';
export const LAYER_FOOTPRINT_FILL = 'footprint-fill';
export const LAYER_FOOTPRINT_LINE = 'footprint-line';
export const LAYER_PROBLEMS = 'geometry-problems';

/** Layers a click on the map may hit to select a parcel. */
export const PARCEL_HIT_LAYERS = [LAYER_PARCEL_FILL, LAYER_PARCEL_POINT];

const POLYGON_MIN_ZOOM = 13;
const POINT_MAX_ZOOM = 14;

const verdictColor: ExpressionSpecification = [
  'match',
  ['get', 'verdict'],
  'memenuhi',
  VERDICT_COLORS.memenuhi.fill,
  'tidak_memenuhi',
  VERDICT_COLORS.tidak_memenuhi.fill,
  VERDICT_COLORS.belum_lengkap.fill,
];

function byStatus<T extends string | number>(pick: (status: (typeof PARCEL_STATUSES)[number]) => T, fallback: T) {
  const cases: (string | T)[] = [];
  for (const status of PARCEL_STATUSES) cases.push(status, pick(status));
  return ['match', ['get', 'status'], ...cases, fallback] as unknown as ExpressionSpecification;
}

const empty = () => ({ type: 'FeatureCollection' as const, features: [] });

export const parcelSources: Record<string, SourceSpecification> = {
  [SOURCE_PARCELS]: { type: 'geojson', data: empty(), promoteId: 'id' },
  [SOURCE_PARCEL_POINTS]: { type: 'geojson', data: empty(), promoteId: 'id' },
  [SOURCE_FOOTPRINT]: { type: 'geojson', data: empty() },
  [SOURCE_PROBLEMS]: { type: 'geojson', data: empty() },
};

export const parcelLayers: LayerSpecification[] = [
  {
    id: LAYER_PARCEL_FILL,
    type: 'fill',
    source: SOURCE_PARCELS,
    minzoom: POLYGON_MIN_ZOOM,
    paint: {
      'fill-color': verdictColor,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.72, 0.55],
    },
  },
  {
    id: LAYER_PARCEL_CASING,
    type: 'line',
    source: SOURCE_PARCELS,
    minzoom: POLYGON_MIN_ZOOM,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': ['+', byStatus((s) => STATUS_STYLES[s].width, 1.5), 2.5] },
  },
  {
    id: LAYER_PARCEL_LINE,
    type: 'line',
    source: SOURCE_PARCELS,
    minzoom: POLYGON_MIN_ZOOM,
    filter: ['!=', ['get', 'status'], 'ditolak'],
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': byStatus((s) => STATUS_STYLES[s].color, '#475569'),
      'line-width': byStatus((s) => STATUS_STYLES[s].width, 1.5),
    },
  },
  {
    id: LAYER_PARCEL_REJECTED,
    type: 'line',
    source: SOURCE_PARCELS,
    minzoom: POLYGON_MIN_ZOOM,
    filter: ['==', ['get', 'status'], 'ditolak'],
    paint: { 'line-color': STATUS_STYLES.ditolak.color, 'line-width': 1.5, 'line-dasharray': [3, 2] },
  },
  {
    id: LAYER_FOOTPRINT_FILL,
    type: 'fill',
    source: SOURCE_FOOTPRINT,
    paint: { 'fill-color': '#111827', 'fill-opacity': 0.22 },
  },
  {
    id: LAYER_FOOTPRINT_LINE,
    type: 'line',
    source: SOURCE_FOOTPRINT,
    layout: { 'line-join': 'miter' },
    paint: { 'line-color': '#111827', 'line-width': 1.6, 'line-dasharray': [2.5, 1.5] },
  },
  {
    id: LAYER_PARCEL_SELECTED,
    type: 'line',
    source: SOURCE_PARCELS,
    filter: ['==', ['get', 'id'], ''],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#111827', 'line-width': 3, 'line-gap-width': 2 },
  },
  {
    id: LAYER_PARCEL_POINT,
    type: 'circle',
    source: SOURCE_PARCEL_POINTS,
    maxzoom: POINT_MAX_ZOOM,
    paint: {
      'circle-color': verdictColor,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 14, 7],
      'circle-stroke-color': ['case', ['boolean', ['get', 'selected'], false], '#111827', '#ffffff'],
      'circle-stroke-width': ['case', ['boolean', ['get', 'selected'], false], 3, 1.5],
    },
  },
  {
    id: LAYER_PROBLEMS,
    type: 'circle',
    source: SOURCE_PROBLEMS,
    paint: {
      'circle-color': '#dc2626',
      'circle-radius': 8,
      'circle-opacity': 0.35,
      'circle-stroke-color': '#dc2626',
      'circle-stroke-width': 2.5,
    },
  },
];

// Vector tiles for regions with many parcels (a province, the nation): the same look from the server's
// /tiles/parcels/{z}/{x}/{y}.mvt (its MVT layer is called `parcels` and carries id, name, verdict, status,
// shortlisted and is_primary). The tile twins sit right under their GeoJSON layers, which then stay empty.

export const SOURCE_PARCEL_TILES = 'parcel-tiles';
export const PARCEL_TILE_LAYER = 'parcels';
/**
 * Below this zoom (where the GeoJSON listing draws parcels as polygons) a region's parcel tiles are not
 * requested at all: a province tile at zoom 8 would hold tens of thousands of specks; the kelurahan
 * choropleth already says where candidates are.
 */
export const PARCEL_TILES_MIN_ZOOM = POLYGON_MIN_ZOOM;
/** The server's tiles stop there; MapLibre overzooms beyond. */
const PARCEL_TILES_MAX_ZOOM = 16;

export function parcelTileSource(origin: string, revision: number): VectorSourceSpecification {
  return {
    type: 'vector',
    tiles: [parcelTileUrl(origin, revision)],
    minzoom: PARCEL_TILES_MIN_ZOOM,
    maxzoom: PARCEL_TILES_MAX_ZOOM,
    promoteId: { [PARCEL_TILE_LAYER]: 'id' },
  };
}

/** The tile URL template; the revision changes it after an edit so no cached tile hides the change. */
export function parcelTileUrl(origin: string, revision: number): string {
  // Written out, not built with URL(): URL() would percent-encode the {z}/{x}/{y} placeholders.
  return `${origin}/tiles/parcels/{z}/{x}/{y}.mvt?v=${revision}`;
}

export function tileTwinId(layerId: string): string {
  return `${layerId}-tiles`;
}

/** The polygon layers drawn from the tiles instead, each with the filter it needs to hide one parcel. */
export function parcelTileLayers(hiddenId: string | null): LayerSpecification[] {
  return parcelLayers.flatMap((layer) => {
    if (layer.type !== 'fill' && layer.type !== 'line') return [];
    if (layer.source !== SOURCE_PARCELS) return [];
    return [
      {
        ...layer,
        id: tileTwinId(layer.id),
        source: SOURCE_PARCEL_TILES,
        'source-layer': PARCEL_TILE_LAYER,
        minzoom: Math.max(layer.minzoom ?? 0, PARCEL_TILES_MIN_ZOOM),
        filter: tileFilter(layer.filter, hiddenId),
      } as LayerSpecification,
    ];
  });
}

/** A layer's own filter, and not the parcel being edited (the drawing tool shows that one). */
export function tileFilter(own: FilterSpecification | undefined, hiddenId: string | null): FilterSpecification {
  const notHidden: FilterSpecification = ['!=', ['get', 'id'], hiddenId ?? ''];
  return own ? ['all', own as ExpressionSpecification, notHidden] : notHidden;
}
