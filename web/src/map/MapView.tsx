import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MapView as View } from '../state/urlState.ts';
import { type MapCallbacks, TapakMap } from './controller.ts';

const MapContext = createContext<TapakMap | null>(null);

export function useTapakMap(): TapakMap | null {
  return useContext(MapContext);
}

type Props = {
  initialView: View | null;
  callbacks: MapCallbacks;
  onController: (controller: TapakMap | null) => void;
  loading: boolean;
  /** Data arrived but has no boundary to draw. */
  empty: boolean;
  children?: ReactNode;
};

/** Owns the MapLibre instance's lifetime; everything else talks to the TapakMap controller. */
export function MapView({ initialView, callbacks, onController, loading, empty, children }: Props) {
  const { t } = useI18n();
  const containerRef = useRef<HTMLElement>(null);
  const [controller, setController] = useState<TapakMap | null>(null);
  const [failed, setFailed] = useState(false);
  // Latest callbacks without re-creating the map when a parent re-renders.
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  const initialViewRef = useRef(initialView);
  const onControllerRef = useRef(onController);
  onControllerRef.current = onController;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let instance: TapakMap;
    try {
      instance = new TapakMap(container, {
        initialView: initialViewRef.current,
        callbacks: {
          onSelect: (kode) => callbacksRef.current.onSelect(kode),
          onSelectParcel: (id) => callbacksRef.current.onSelectParcel(id),
          onViewChange: (view) => callbacksRef.current.onViewChange(view),
          onBasemapError: () => callbacksRef.current.onBasemapError(),
          onLoad: () => callbacksRef.current.onLoad(),
        },
      });
    } catch (error) {
      // MapLibre throws when WebGL is unavailable; the list still works without the map.
      console.warn(error);
      setFailed(true);
      return;
    }
    setController(instance);
    onControllerRef.current(instance);
    return () => {
      onControllerRef.current(null);
      instance.destroy();
    };
  }, []);

  return (
    <div className="map-area">
      <section ref={containerRef} className="map-canvas" aria-label={t.map.label} data-testid="map" />
      {failed && <div className="map-message">{t.map.webglError}</div>}
      {!failed && loading && (
        <div className="map-loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t.map.loading}
        </div>
      )}
      {!failed && !loading && empty && <div className="map-message">{t.map.empty}</div>}
      {controller && <MapContext.Provider value={controller}>{children}</MapContext.Provider>}
    </div>
  );
}
