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
