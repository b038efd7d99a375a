import type { LayerFeatureCollection, LayerParams, OverlayKind, RoadClass } from '../api/types.ts';
import { parseLocaleNumber } from './parcelForm.ts';

// Pure pieces of the overlay layers UI: reading an uploaded GeoJSON file, the visibility preference and
// the parameters a kind takes. The server validates every feature; this only catches what is not GeoJSON.

export const OVERLAY_KINDS: readonly OverlayKind[] = [
  'flood',
  'rth',
  'lp2b',
  'other_exclusion',
  'sutet',
  'road',
  'facility',
];
export const ROAD_CLASSES: readonly RoadClass[] = ['arteri', 'kolektor', 'lokal'];

/** Display colour of each kind, for the map and its legend (flood blue, RTH green, LP2B yellow-green, …). */
export const OVERLAY_COLORS: Record<OverlayKind, string> = {
  flood: '#2b6cb0',
  rth: '#2f855a',
  lp2b: '#9aae1c',
  other_exclusion: '#805ad5',
  sutet: '#d62828',
  road: '#6b7280',
  facility: '#b45309',
};

/** How a kind is drawn: areas, lines or points. */
export function overlayShape(kind: OverlayKind): 'area' | 'line' | 'point' {
  if (kind === 'sutet' || kind === 'road') return 'line';
  if (kind === 'facility') return 'point';
  return 'area';
}

export type ParseResult =
  | { ok: true; collection: LayerFeatureCollection }
  | { ok: false; error: 'json' | 'geojson' | 'empty' };

/** A GeoJSON text as a FeatureCollection: a single Feature or bare geometry is wrapped. */
export function parseGeoJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: 'json' };
  }
  if (typeof value !== 'object' || value === null || !('type' in value)) return { ok: false, error: 'geojson' };
  const object = value as { type: unknown; features?: unknown };
  let features: LayerFeatureCollection['features'];
  if (object.type === 'FeatureCollection') {
    if (!Array.isArray(object.features)) return { ok: false, error: 'geojson' };
    features = object.features as LayerFeatureCollection['features'];
  } else if (object.type === 'Feature') {
    features = [value as LayerFeatureCollection['features'][number]];
  } else if (typeof object.type === 'string' && 'coordinates' in object) {
    features = [{ type: 'Feature', geometry: value, properties: {} }];
  } else {
    return { ok: false, error: 'geojson' };
  }
  if (features.length === 0) return { ok: false, error: 'empty' };
  // Only the members the API accepts: a foreign member such as "bbox" is not needed.
  const clean = features.map((f) => {
    const feature: LayerFeatureCollection['features'][number] = {
      type: 'Feature',
      geometry: f?.geometry ?? null,
      properties: f?.properties ?? {},
    };
    if (f?.id !== undefined) feature.id = f.id;
    return feature;
  });
  return { ok: true, collection: { type: 'FeatureCollection', features: clean } };
}

/** The params a kind takes, from the dialog's fields (a half-width typed the Indonesian way, "20,5"). */
export function layerParams(kind: OverlayKind, halfWidth: string, roadClass: RoadClass | ''): LayerParams | null {
  if (kind === 'sutet') {
    const value = parseLocaleNumber(halfWidth);
    if (value === null) return {};
    if (!Number.isFinite(value) || value <= 0 || value > 500) return null;
    return { corridor_half_width_m: value };
  }
  if (kind === 'road' && roadClass) return { road_class: roadClass };
  return {};
}

/** The file name without extension, as a default layer name ("banjir_2024.geojson" → "banjir 2024"). */
export function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.(geo)?json$/i, '')
    .replace(/[_]+/g, ' ')
    .trim();
}

export const VISIBILITY_KEY = 'tapak.layers.visible';

/** Visible layer ids from the stored preference (a JSON array); anything else means none. */
export function parseVisibility(raw: string | null): Set<string> {
  if (!raw) return new Set();
  try {
    const value: unknown = JSON.parse(raw);
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

export function serializeVisibility(visible: ReadonlySet<string>): string {
  return JSON.stringify([...visible].sort());
}

/** Progress of a long re-judgement as a share 0–1, or null when the total is unknown. */
export function progressShare(done: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.min(1, Math.max(0, done / total));
}

/** The feature a problem pointer names, counted from 1 for people ("/features/3/geometry" → 4). */
export function featureNumber(pointer: string | undefined): number | null {
  const match = pointer ? /\/features\/(\d+)/.exec(pointer) : null;
  return match ? Number(match[1]) + 1 : null;
}
