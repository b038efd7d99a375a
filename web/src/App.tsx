import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { COVERAGE_STATES, type CoverageState, coverageState } from './domain/coverage.ts';
import { countQualifying, type SortKey } from './domain/kelurahanList.ts';
import { formatInteger } from './i18n/format.ts';
import { useI18n } from './i18n/i18n.tsx';
import { BasemapSwitcher } from './map/BasemapSwitcher.tsx';
import { type BasemapId, loadBasemap, saveBasemap } from './map/basemaps.ts';
import { CursorCoordinates } from './map/CursorCoordinates.tsx';
import type { MapCallbacks, PaddingProvider, TapakMap } from './map/controller.ts';
import { Legend } from './map/Legend.tsx';
import { MapView } from './map/MapView.tsx';
import { ZoomControls } from './map/ZoomControls.tsx';
import { CoverageBadge } from './panel/CoverageBadge.tsx';
import { KelurahanDetail } from './panel/KelurahanDetail.tsx';
import { KelurahanPanel } from './panel/KelurahanPanel.tsx';
import { parseUrlState, type MapView as View, writeUrlState } from './state/urlState.ts';
import { MOBILE_QUERY, useMediaQuery } from './state/useMediaQuery.ts';
import { useTapakData } from './state/useTapakData.ts';
import { installTestHooks, waitForIdle } from './testHooks.ts';
import { Banners } from './ui/Banners.tsx';
import { Header } from './ui/Header.tsx';

/** Room left for what floats over the map, so a fitted kelurahan is not hidden under it. */
function paddingFor(mobile: boolean, sheetOpen: boolean): PaddingProvider {
  return (width, height) => {
    if (mobile) {
      // The bottom sheet covers the lower part of the map on phones: frame above it.
      const sheet = sheetOpen ? Math.round(height * 0.6) : 72;
      return { top: 24, right: 60, bottom: sheet + 24, left: 24 };
    }
    // The legend sits bottom-left; on a wide map keep clear of it, on a narrow one accept the overlap.
    return { top: 40, right: 72, bottom: 40, left: width > 960 ? 300 : 48 };
  };
}

export function App() {
  const { t } = useI18n();
  const [initialUrl] = useState(() => parseUrlState(window.location.search));
  const { health, kelurahan, retry } = useTapakData();
  const [selected, setSelected] = useState<string | null>(initialUrl.kel);
  const [onlyUnqualified, setOnlyUnqualified] = useState(initialUrl.filter === 'unqualified');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('nama');
  const [basemap, setBasemap] = useState<BasemapId>(loadBasemap);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const mobile = useMediaQuery(MOBILE_QUERY);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [controller, setController] = useState<TapakMap | null>(null);
  const [mapLoaded, setMapLoaded] = useState(false);
  const viewRef = useRef<View | null>(initialUrl.view);
  const framedRef = useRef(false);

  const features = kelurahan.status === 'ready' ? kelurahan.data : null;
  const byKode = useMemo(() => new Map(features?.map((f) => [f.properties.kode, f])), [features]);
  const selectedFeature = selected ? (byKode.get(selected) ?? null) : null;
  const qualifying = features ? countQualifying(features) : null;
  const total = features?.length ?? (health.status === 'ready' ? health.data.kelurahan : null);
  const withBoundary = features ? features.filter((f) => f.geometry !== null).length : null;
  const counts = useMemo(() => {
    if (!features) return null;
    const result = Object.fromEntries(COVERAGE_STATES.map((s) => [s, 0])) as Record<CoverageState, number>;
    for (const f of features) result[coverageState(f.properties)] += 1;
    return result;
  }, [features]);

  // The link always describes what is on screen.
  useEffect(() => {
    writeUrlState({ kel: selected, view: viewRef.current, filter: onlyUnqualified ? 'unqualified' : null });
  }, [selected, onlyUnqualified]);

  // A code from a shared link that the data does not know is dropped rather than shown as blank.
  useEffect(() => {
    if (features && selected && !byKode.has(selected)) setSelected(null);
  }, [features, byKode, selected]);

  useEffect(() => {
    if (!controller || !features) return;
    controller.setData(features);
    if (!framedRef.current) {
      // The first framing after load: a shared view is kept as it was; otherwise fit the selection or the
      // city, as soon as there are boundaries (they may arrive later, once the server has imported them).
      framedRef.current = initialUrl.view !== null || controller.frameInitially(initialUrl.kel);
    }
  }, [controller, features, initialUrl]);
  useEffect(() => controller?.setSelected(selected), [controller, selected]);
  useEffect(() => controller?.setOnlyUnqualified(onlyUnqualified), [controller, onlyUnqualified]);
  useEffect(() => controller?.setBasemap(basemap), [controller, basemap]);
  useEffect(() => controller?.setPadding(paddingFor(mobile, sheetOpen)), [controller, mobile, sheetOpen]);

  const mapCallbacks: MapCallbacks = {
    onSelect: (kode) => setSelected(kode),
    onViewChange: (view) => {
      // Ignore the map's own settling before the first framing: it is not a view anyone chose.
      if (!framedRef.current) return;
      viewRef.current = view;
      writeUrlState({ kel: selected, view, filter: onlyUnqualified ? 'unqualified' : null });
    },
    onBasemapError: () => setBasemapFailed(true),
    onLoad: () => setMapLoaded(true),
  };

  const selectFromList = useCallback(
    (kode: string) => {
      setSelected(kode);
      if (mobile) {
        // Show the map with the selection; the sheet's handle keeps its name in view.
        setSheetOpen(false);
        controller?.setPadding(paddingFor(true, false));
      }
      controller?.zoomTo(kode);
    },
    [controller, mobile],
  );

  const changeBasemap = (id: BasemapId) => {
    setBasemap(id);
    saveBasemap(id);
    setBasemapFailed(false);
  };

  useEffect(() => {
    const map = controller?.map ?? null;
    installTestHooks({
      ready: mapLoaded && features !== null && framedRef.current,
      map,
      kelurahanCount: features?.length ?? 0,
      selected,
      renderedKelurahanCount: () => controller?.renderedKelurahanCount() ?? 0,
      visibleLabelCount: () => controller?.visibleLabelCount() ?? 0,
      whenIdle: () => waitForIdle(map),
    });
  });

  const regionName = health.status === 'ready' ? health.data.region.nama : null;
  const loading = kelurahan.status === 'loading' || !mapLoaded;
  const nothingToDraw = features !== null && withBoundary === 0;

  return (
    <div className="app" data-sheet={sheetOpen ? 'open' : 'closed'}>
      <Header regionName={regionName} qualifying={qualifying} total={total} />
      <Banners
        health={health}
        kelurahanError={kelurahan.status === 'error' ? kelurahan.error : null}
        withBoundary={withBoundary}
        total={features?.length ?? null}
        basemapFailed={basemapFailed && basemap !== 'none'}
        onDismissBasemap={() => setBasemapFailed(false)}
        onRetry={retry}
      />
      <main className="workspace">
        <aside id="side-panel" className="side-panel" aria-label={t.panel.title}>
          <button
            type="button"
            className="sheet-handle"
            aria-expanded={sheetOpen}
            aria-controls="side-panel-body"
            aria-label={sheetOpen ? t.panel.sheetCollapse : t.panel.sheetExpand}
            onClick={() => setSheetOpen(!sheetOpen)}
          >
            <span className="sheet-grip" aria-hidden="true" />
            <span className="sheet-summary">
              {selectedFeature ? (
                <>
                  <strong>{selectedFeature.properties.nama}</strong>
                  <CoverageBadge state={coverageState(selectedFeature.properties)} />
                </>
              ) : features && qualifying !== null ? (
                t.panel.sheetSummary(formatInteger(features.length), formatInteger(qualifying))
              ) : (
                t.panel.loading
              )}
            </span>
          </button>
          <div id="side-panel-body" className="side-panel-body">
            {selectedFeature && (
              <KelurahanDetail
                feature={selectedFeature}
                onClose={() => setSelected(null)}
                onZoom={() => controller?.zoomTo(selectedFeature.properties.kode)}
              />
            )}
            <KelurahanPanel
              features={features ?? (kelurahan.status === 'error' ? [] : null)}
              failed={kelurahan.status === 'error'}
              selected={selected}
              query={query}
              sort={sort}
              onlyUnqualified={onlyUnqualified}
              onQueryChange={setQuery}
              onSortChange={setSort}
              onOnlyUnqualifiedChange={setOnlyUnqualified}
              onSelect={selectFromList}
            />
          </div>
        </aside>
        <MapView
          initialView={initialUrl.view}
          callbacks={mapCallbacks}
          onController={setController}
          loading={loading}
          empty={nothingToDraw}
        >
          <div className="map-overlay map-overlay-top-right">
            <BasemapSwitcher value={basemap} onChange={changeBasemap} />
            <ZoomControls />
          </div>
          <div className="map-overlay map-overlay-bottom-left">
            <CursorCoordinates />
            <Legend counts={counts} filterActive={onlyUnqualified} defaultOpen={!mobile} />
          </div>
        </MapView>
      </main>
    </div>
  );
}
