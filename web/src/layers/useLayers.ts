import type { FeatureCollection } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import type { LayerSummary } from '../api/types.ts';
import { parseVisibility, serializeVisibility, VISIBILITY_KEY } from '../domain/layers.ts';
import type { OverlayView } from '../map/overlayLayers.ts';
import { writeStored } from '../state/storage.ts';

function loadVisibility(): Set<string> {
  try {
    return parseVisibility(globalThis.localStorage?.getItem(VISIBILITY_KEY) ?? null);
  } catch {
    return new Set();
  }
}

/** The overlay layers, which of them are shown (remembered) and the features of those shown once. */
export function useLayers() {
  const [layers, setLayers] = useState<LayerSummary[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [visible, setVisible] = useState<Set<string>>(loadVisibility);
  /** Features by layer id, with the layer version they belong to. */
  const [features, setFeatures] = useState<ReadonlyMap<string, { version: number; data: FeatureCollection }>>(
    new Map(),
  );
  const [revision, setRevision] = useState(0);

  const reload = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    void revision;
    const abort = new AbortController();
    api
      .layers(abort.signal)
      .then((list) => {
        setLayers(list);
        setFailed(false);
      })
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setFailed(true);
      });
    return () => abort.abort();
  }, [revision]);

  // Features are fetched when a layer is first shown (and again after its features changed).
  const requested = useRef(new Map<string, number>());
  useEffect(() => {
    if (!layers) return;
    for (const layer of layers) {
      if (!visible.has(layer.id) || requested.current.get(layer.id) === layer.version) continue;
      requested.current.set(layer.id, layer.version);
      api
        .layerFeatures(layer.id)
        .then((data) =>
          setFeatures((current) =>
            new Map(current).set(layer.id, { version: layer.version, data: data as FeatureCollection }),
          ),
        )
        .catch((error: unknown) => {
          requested.current.delete(layer.id);
          console.warn('layer features', error);
        });
    }
  }, [layers, visible]);

  const toggle = useCallback((id: string, on: boolean) => {
    setVisible((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      writeStored(VISIBILITY_KEY, serializeVisibility(next));
      return next;
    });
  }, []);

  const overlays = useMemo<OverlayView[]>(
    () =>
      (layers ?? []).map((layer) => {
        const cached = features.get(layer.id);
        return {
          id: layer.id,
          kind: layer.kind,
          data: cached?.data ?? null,
          visible: visible.has(layer.id),
        };
      }),
    [layers, features, visible],
  );

  return { layers, failed, visible, toggle, reload, overlays };
}
