import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import { COVERAGE_COLORS } from '../domain/coverage.ts';
import type { BasemapId } from './basemaps.ts';
import { parcelLayers, parcelSources } from './parcelLayers.ts';

export const SOURCE_KELURAHAN = 'kelurahan';
export const SOURCE_KECAMATAN = 'kecamatan-outline';
export const LAYER_FILL = 'kelurahan-fill';
export const LAYER_LINE = 'kelurahan-line';
export const LAYER_KECAMATAN = 'kecamatan-line';
export const LAYER_HOVER = 'kelurahan-hover';
export const LAYER_SELECTED_CASING = 'kelurahan-selected-casing';
export const LAYER_SELECTED = 'kelurahan-selected';
/** Basemap raster layers go below this one. */
export const FIRST_DATA_LAYER = LAYER_FILL;

export const BACKGROUND_COLOR = '#f4f5f7';

// Written out rather than generated from COVERAGE_STATES: MapLibre's expression type wants a literal tuple.
const fillColor: ExpressionSpecification = [
  'match',
  ['get', 'coverage'],
  'shortlisted',
  COVERAGE_COLORS.shortlisted.fill,
  'qualifying',
  COVERAGE_COLORS.qualifying.fill,
  'candidates',
  COVERAGE_COLORS.candidates.fill,
  COVERAGE_COLORS.none.fill,
];

/** Paint that depends on what lies underneath: imagery needs lighter fills and light lines. */
export function fillOpacity(basemap: BasemapId, onlyUnqualified: boolean): ExpressionSpecification {
  const base = basemap === 'none' ? 0.78 : basemap === 'osm' ? 0.55 : 0.45;
  const hover = Math.min(base + 0.15, 0.92);
  const normal: ExpressionSpecification = ['case', ['boolean', ['feature-state', 'hover'], false], hover, base];
  // Dim, not hide, what the filter excludes: the planner keeps the geographic context.
  const atCityScale: ExpressionSpecification = onlyUnqualified
    ? ['case', ['>', ['get', 'qualifying'], 0], 0.12, normal]
    : normal;
  // Zoomed in to parcels, the coverage fill fades so the parcels' own colours read clearly.
  const faded = Math.round(base * 35) / 100;
  const atParcelScale: ExpressionSpecification | number = onlyUnqualified
    ? ['case', ['>', ['get', 'qualifying'], 0], 0.06, faded]
    : faded;
  return ['interpolate', ['linear'], ['zoom'], 14, atCityScale, 17, atParcelScale];
}

export function lineColors(basemap: BasemapId): { kelurahan: string; kecamatan: string } {
  return basemap === 'esri'
    ? { kelurahan: '#ffffff', kecamatan: '#ffe08a' }
    : { kelurahan: '#ffffff', kecamatan: '#2b3440' };
}

/**
 * The whole style is inline and has no remote source, glyphs or sprite: the map must render fully
 * offline. Labels are HTML (see labels.ts), so no symbol layer is needed and no `glyphs` URL is set.
 */
export function buildStyle(): StyleSpecification {
  const lines = lineColors('none');
  return {
    version: 8,
    sources: {
      [SOURCE_KELURAHAN]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'kode' },
      [SOURCE_KECAMATAN]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      ...parcelSources,
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
      {
        id: LAYER_FILL,
        type: 'fill',
        source: SOURCE_KELURAHAN,
        paint: { 'fill-color': fillColor, 'fill-opacity': fillOpacity('none', false) },
      },
      {
        id: LAYER_LINE,
        type: 'line',
        source: SOURCE_KELURAHAN,
        paint: {
          'line-color': lines.kelurahan,
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.6, 14, 1.6],
          'line-opacity': 0.95,
        },
      },
      {
        id: LAYER_KECAMATAN,
        type: 'line',
        source: SOURCE_KECAMATAN,
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: {
          'line-color': lines.kecamatan,
          'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.2, 14, 2.6],
          'line-opacity': 0.85,
        },
      },
      {
        id: LAYER_HOVER,
        type: 'line',
        source: SOURCE_KELURAHAN,
        paint: {
          'line-color': '#111827',
          'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2, 0],
        },
      },
      {
        id: LAYER_SELECTED_CASING,
        type: 'line',
        source: SOURCE_KELURAHAN,
        filter: ['==', ['get', 'kode'], ''],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#ffffff', 'line-width': 6 },
      },
      {
        id: LAYER_SELECTED,
        type: 'line',
        source: SOURCE_KELURAHAN,
        filter: ['==', ['get', 'kode'], ''],
        layout: { 'line-join': 'round' },
        paint: { 'line-color': '#b91c1c', 'line-width': 3 },
      },
      ...parcelLayers,
    ],
  };
}
