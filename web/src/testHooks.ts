import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * A small, stable surface for end-to-end tests (tests/e2e). It exposes read-only facts and a way to
 * wait for the map to settle; tests drive the UI through the page like a user does.
 */
export type TapakTestHooks = {
  /** Data loaded, map style loaded, data handed to the map. */
  ready: boolean;
  map: MapLibreMap | null;
  kelurahanCount: number;
  selected: string | null;
  renderedKelurahanCount: () => number;
  visibleLabelCount: () => number;
  /** Resolves at the next `idle` after a repaint, i.e. when everything requested has been drawn. */
  whenIdle: () => Promise<void>;
  /** Parcels loaded for the map. */
  parcelCount?: number;
  /** How the map gets its parcels: one GeoJSON listing, or vector tiles for large regions. */
  parcelDisplay?: 'geojson' | 'tiles';
  /** Parcel names showing on the map now. */
  visibleParcelLabels?: () => string[];
  /** Ids of parcels drawn in the current view (polygons or dots). */
  renderedParcelIds?: () => string[];
  /** The drawing tool's state: idle, a tool name, or edit. */
  drawingMode?: string;
  /** The open parcel: null, or new/existing with its id, unsaved changes and the shown area and verdict. */
  parcel?: {
    kind: 'new' | 'existing';
    id: string | null;
    dirty: boolean;
    area_m2: number | null;
    verdict: string | null;
    source: string;
  } | null;
};

declare global {
  interface Window {
    __tapak?: TapakTestHooks;
  }
}

export function installTestHooks(hooks: TapakTestHooks): void {
  window.__tapak = hooks;
}

export function waitForIdle(map: MapLibreMap | null): Promise<void> {
  if (!map) return Promise.resolve();
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}
