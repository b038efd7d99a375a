import type { Polygon } from 'geojson';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { territoryName } from './admin/territoryOptions.ts';
import { ApiError, api } from './api/client.ts';
import type { LayerChangeResult, LayerSummary } from './api/types.ts';
import { usePhotoMarkers } from './attachments/photoMarkers.ts';
import { useSession } from './auth/session.tsx';
import { UserMenu } from './auth/UserMenu.tsx';
import { useAccess } from './auth/useAccess.ts';
import { ViewSwitch } from './dashboard/ViewSwitch.tsx';
import { type AppView, parseView, writeView } from './dashboard/viewParam.ts';
import { COVERAGE_STATES, type CoverageState, coverageState } from './domain/coverage.ts';
import { indexKelurahan } from './domain/kelurahanAssign.ts';
import { countQualifying, type SortKey } from './domain/kelurahanList.ts';
import { EMPTY_PARCEL_FILTER, type ParcelFilterState } from './domain/parcelQuery.ts';
import { CoordinateDialog } from './editor/CoordinateDialog.tsx';
import { DrawStatus } from './editor/DrawStatus.tsx';
import { DrawToolbar } from './editor/DrawToolbar.tsx';
import type { DrawTool } from './editor/drawing.ts';
import { GpsDialog } from './editor/GpsDialog.tsx';
import { useKeyboardShortcuts } from './editor/useKeyboardShortcuts.ts';
import { useParcelEditor } from './editor/useParcelEditor.ts';
import { formatAreaM2, formatInteger } from './i18n/format.ts';
import { useI18n } from './i18n/i18n.tsx';
import { ImportParcelsButton } from './import/ImportParcelsButton.tsx';
import { useZoomToImported } from './import/useZoomToImported.ts';
import { LayersControl } from './layers/LayersControl.tsx';
import { useLayers } from './layers/useLayers.ts';
import { BasemapSwitcher } from './map/BasemapSwitcher.tsx';
import { type BasemapId, loadBasemap, saveBasemap } from './map/basemaps.ts';
import { CursorCoordinates } from './map/CursorCoordinates.tsx';
import type { MapCallbacks, PaddingProvider, TapakMap } from './map/controller.ts';
import { labelPoint } from './map/geometry.ts';
import { Legend } from './map/Legend.tsx';
import { MapView } from './map/MapView.tsx';
import { ZoomControls } from './map/ZoomControls.tsx';
import { CoverageBadge } from './panel/CoverageBadge.tsx';
import { KelurahanDetail } from './panel/KelurahanDetail.tsx';
import { KelurahanPanel } from './panel/KelurahanPanel.tsx';
import { VerdictBadge } from './parcel/Badges.tsx';
import { ParcelBrowser } from './parcel/ParcelBrowser.tsx';
import { ParcelPanel } from './parcel/ParcelPanel.tsx';
import { parseUrlState, type MapView as View, writeUrlState } from './state/urlState.ts';
import { useNoSiteReasons } from './state/useCoverage.ts';
import { MOBILE_QUERY, useMediaQuery } from './state/useMediaQuery.ts';
import { asGeometrySource, type ParcelRef, useFreshParcel, useParcels } from './state/useParcels.ts';
import { useTapakData } from './state/useTapakData.ts';
import { installTestHooks, waitForIdle } from './testHooks.ts';
import { Banners } from './ui/Banners.tsx';
import { Dialog } from './ui/Dialog.tsx';
import { DownloadMenu } from './ui/DownloadMenu.tsx';
import { Header } from './ui/Header.tsx';
import { Toast, type ToastMessage } from './ui/Toast.tsx';

// Layer import and the criteria editor load when first opened.
const ImportDialog = lazy(() => import('./layers/ImportDialog.tsx'));
const CriteriaEditor = lazy(() => import('./settings/CriteriaEditor.tsx'));
// Account management (admins only) and the deleted-parcels list load when first opened.
const UsersDialog = lazy(() => import('./admin/UsersDialog.tsx'));
const DeletedParcels = lazy(() => import('./history/DeletedParcels.tsx'));
// The parcel import dialog loads when first opened.
const ImportParcelsDialog = lazy(() => import('./import/ImportParcelsDialog.tsx'));
// The dashboard (and chart.js with it) loads when first opened.
const Dashboard = lazy(() => import('./dashboard/Dashboard.tsx'));

/** Room left for what floats over the map, so a fitted kelurahan is not hidden under it. */
function paddingFor(mobile: boolean, sheetOpen: boolean): PaddingProvider {
  return (width, height) => {
    if (mobile) {
      // The bottom sheet covers the lower part of the map on phones: frame above it.
      const sheet = sheetOpen ? Math.round(height * 0.6) : 72;
      return { top: 72, right: 60, bottom: sheet + 24, left: 24 };
    }
    // The legend sits bottom-left and the drawing tools top-left; keep clear of them on a wide map.
    return { top: 72, right: 72, bottom: 40, left: width > 960 ? 300 : 48 };
  };
}

type PanelTab = 'kelurahan' | 'parcels';
type Modal =
  | { kind: 'coordinates' }
  | { kind: 'gps' }
  | { kind: 'delete' }
  | { kind: 'unsaved'; proceed: () => void }
  | { kind: 'importLayer' }
  | { kind: 'replaceLayer'; layer: LayerSummary }
  | { kind: 'deleteLayer'; layer: LayerSummary }
  | { kind: 'criteria' }
  | { kind: 'users' }
  | { kind: 'importParcels' }
  | null;

export function App() {
  const { t, locale } = useI18n();
  const auth = useSession();
  const access = useAccess();
  const [initialUrl] = useState(() => parseUrlState(window.location.search));
  const { health, kelurahan, retry, refreshKelurahan } = useTapakData();
  const overlay = useLayers();
  const [selected, setSelected] = useState<string | null>(initialUrl.kel);
  const { parcels, display: parcelDisplay, total: parcelTotal, revision, reload: reloadParcels } = useParcels(selected);
  const freshParcel = useFreshParcel();
  const [onlyUnqualified, setOnlyUnqualified] = useState(initialUrl.filter === 'unqualified');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('nama');
  const [tab, setTab] = useState<PanelTab>('kelurahan');
  const [view, setView] = useState<AppView>(() => parseView(window.location.search));
  const [parcelFilter, setParcelFilter] = useState<ParcelFilterState>(EMPTY_PARCEL_FILTER);
  const [basemap, setBasemap] = useState<BasemapId>(loadBasemap);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const mobile = useMediaQuery(MOBILE_QUERY);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [controller, setController] = useState<TapakMap | null>(null);
  const [mapLoaded, setMapLoaded] = useState(false);
  // The reasons are the costliest read of the start (every candidate's checks): asked once the map is drawn.
  const noSiteReasons = useNoSiteReasons(revision, mapLoaded && parcels.status !== 'loading');
  const [modal, setModal] = useState<Modal>(null);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [engineLoading, setEngineLoading] = useState(false);
  const viewRef = useRef<View | null>(initialUrl.view);
  const framedRef = useRef(false);
  const openedFromUrl = useRef(false);

  const features = kelurahan.status === 'ready' ? kelurahan.data : null;
  const parcelList = parcels.status === 'ready' ? parcels.data : null;
  const byKode = useMemo(() => new Map(features?.map((f) => [f.properties.kode, f])), [features]);
  const kelurahanIndex = useMemo(() => indexKelurahan(features ?? []), [features]);
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
  const selectedParcels = useMemo(
    () => (parcelList && selected ? parcelList.filter((p) => p.properties.kelurahan_kode === selected) : null),
    [parcelList, selected],
  );

  const showToast = useCallback((text: string, extra: Partial<ToastMessage> = {}) => {
    setToast({ id: Date.now(), text, ...extra });
  }, []);
  const dismissToast = useCallback(() => setToast(null), []);

  const onChanged = useCallback(() => {
    reloadParcels();
    refreshKelurahan();
  }, [reloadParcels, refreshKelurahan]);

  const editor = useParcelEditor({
    controller,
    kelurahanIndex,
    parcels: asGeometrySource(parcelList ?? []),
    onChanged,
  });
  const session = editor.session;
  const zoomToImported = useZoomToImported(controller, parcelList && asGeometrySource(parcelList));
  const openParcelId = session?.parcel?.id ?? null;

  /** Runs `proceed` now, or after the planner agreed to lose unsaved changes. */
  const guard = useCallback(
    (proceed: () => void) => {
      if (editor.dirty) setModal({ kind: 'unsaved', proceed });
      else proceed();
    },
    [editor.dirty],
  );

  // The link always describes what is on screen.
  useEffect(() => {
    writeUrlState({
      kel: selected,
      view: viewRef.current,
      filter: onlyUnqualified ? 'unqualified' : null,
      parcel: openParcelId,
    });
  }, [selected, onlyUnqualified, openParcelId]);

  useEffect(() => writeView(view), [view]);

  // Closing the tab with unsaved changes asks first.
  useEffect(() => {
    if (!editor.dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = t.confirm.beforeUnload;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [editor.dirty, t]);

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
  useEffect(() => {
    if (parcelList) controller?.setParcels(parcelList);
  }, [controller, parcelList]);
  useEffect(
    () => controller?.setParcelDisplay(parcelDisplay === 'tiles' ? { kind: 'tiles', revision } : { kind: 'geojson' }),
    [controller, parcelDisplay, revision],
  );
  useEffect(() => controller?.setSelectedParcel(openParcelId), [controller, openParcelId]);
  usePhotoMarkers(controller, openParcelId);
  useEffect(() => controller?.setOverlays(overlay.overlays), [controller, overlay.overlays]);

  /** After a layer or criteria change the server re-judged parcels: read them (and the open one) again. */
  const afterRejudge = useCallback(() => {
    overlay.reload();
    onChanged();
    if (session?.kind === 'existing' && session.parcel && !editor.dirty) void editor.openParcel(session.parcel);
  }, [overlay.reload, onChanged, session, editor]);

  const layerChanged = useCallback(
    (result: LayerChangeResult) => {
      afterRejudge();
      showToast(
        t.layers.result(formatInteger(result.parcels_rejudged), formatInteger(result.parcels_changed_qualification)),
      );
    },
    [afterRejudge, showToast, t],
  );

  const deleteLayer = async (layer: LayerSummary) => {
    setModal(null);
    try {
      const result = await api.deleteLayer(layer.id);
      afterRejudge();
      showToast(
        `${t.layers.deleted(layer.name)} ${t.layers.result(
          formatInteger(result.parcels_rejudged),
          formatInteger(result.parcels_changed_qualification),
        )}`,
      );
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      showToast(
        problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network,
        {
          tone: 'error',
        },
      );
    }
  };

  /**
   * Opens a parcel from a list row, the map or a link (then only its id is known). The panel always gets the
   * full feature read fresh, with its ETag: the map listing has no checks and a row may be stale.
   */
  const openParcel = useCallback(
    (parcel: ParcelRef | string, zoom: boolean) => {
      if (typeof parcel !== 'string') {
        setSelected(parcel.properties.kelurahan_kode);
        if (zoom) controller?.zoomToGeometry(parcel.geometry);
      }
      if (mobile) setSheetOpen(true);
      freshParcel(typeof parcel === 'string' ? parcel : parcel.id)
        .then((fresh) => {
          if (!fresh) return;
          setSelected(fresh.data.properties.kelurahan_kode);
          if (zoom && typeof parcel === 'string') controller?.zoomToGeometry(fresh.data.geometry);
          void editor.openParcel(fresh.data, fresh.etag);
        })
        .catch((error: unknown) => {
          const problem = error instanceof ApiError ? error.problem : null;
          showToast(
            problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network,
            { tone: 'error' },
          );
          // Gone (deleted elsewhere) or moved: what the map shows is out of date.
          if (error instanceof ApiError && error.status === 404) onChanged();
        });
    },
    [editor, controller, mobile, freshParcel, showToast, locale, t, onChanged],
  );

  // A shared link to a parcel opens it once the map is there.
  useEffect(() => {
    if (openedFromUrl.current || !parcelList || !initialUrl.parcel || !controller) return;
    openedFromUrl.current = true;
    openParcel(initialUrl.parcel, initialUrl.view === null);
  }, [parcelList, initialUrl, controller, openParcel]);

  // A new parcel is named after its kelurahan until the planner types a name.
  const liveKelurahan = session?.kind === 'new' ? (editor.view.assessment?.kelurahan ?? null) : null;
  const suggestName = editor.suggestName;
  useEffect(() => {
    if (!liveKelurahan) return;
    const existing = parcelList?.filter((p) => p.properties.kelurahan_kode === liveKelurahan.kode).length ?? 0;
    suggestName(t.parcel.suggestedName(liveKelurahan.nama, formatInteger(existing + 1)));
  }, [liveKelurahan?.kode, liveKelurahan?.nama, parcelList, suggestName, t, liveKelurahan]);

  const startTool = useCallback(
    (tool: DrawTool) => {
      // Keyboard shortcuts reach here too: a user who may not write is told why instead of drawing.
      if (access.write) {
        showToast(access.write, { tone: 'error' });
        return;
      }
      const begin = () => {
        setEngineLoading(true);
        void editor.startDrawing(tool).finally(() => setEngineLoading(false));
        if (mobile) setSheetOpen(false);
      };
      if (session?.kind === 'existing') {
        guard(() => {
          editor.close();
          begin();
        });
      } else begin();
    },
    [editor, session?.kind, guard, mobile, access.write, showToast],
  );

  const applyPolygon = useCallback(
    (polygon: Polygon) => {
      setModal(null);
      void editor.setGeometry(polygon).then(() => controller?.zoomToGeometry(polygon));
    },
    [editor, controller],
  );

  // Pasted coordinates become the open parcel's boundary (an unsaved, undoable change) or a new parcel.
  const openCoordinates = useCallback(() => setModal({ kind: 'coordinates' }), []);

  const openGps = useCallback(() => {
    const show = () => setModal({ kind: 'gps' });
    if (session?.kind === 'existing') {
      guard(() => {
        editor.close();
        show();
      });
    } else show();
  }, [session?.kind, guard, editor]);

  useKeyboardShortcuts({
    enabled: modal === null && view === 'map',
    mode: editor.mode,
    onTool: startTool,
    onCoordinates: openCoordinates,
    onUndo: editor.undo,
    onRedo: editor.redo,
    onDeleteVertex: () => editor.removeVertex('pointer'),
    onEscape: () => {
      if (editor.mode !== 'idle' && editor.mode !== 'edit') editor.cancelSketch();
      else if (editor.mode === 'edit') editor.stopEditing();
    },
  });

  const mapCallbacks: MapCallbacks = {
    onSelect: (kode) =>
      guard(() => {
        if (session) editor.close();
        setSelected(kode);
        if (kode) setTab('kelurahan');
      }),
    onSelectParcel: (id) => {
      if (id === openParcelId) return;
      // With vector tiles the parcel may lie outside the parcels held here: its id is enough.
      guard(() => openParcel(parcelList?.find((p) => p.id === id) ?? id, false));
    },
    onViewChange: (view) => {
      // Ignore the map's own settling before the first framing: it is not a view anyone chose.
      if (!framedRef.current) return;
      viewRef.current = view;
      writeUrlState({
        kel: selected,
        view,
        filter: onlyUnqualified ? 'unqualified' : null,
        parcel: openParcelId,
      });
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

  const confirmDelete = async () => {
    setModal(null);
    const result = await editor.remove();
    if (result.ok) {
      const { parcel } = result;
      showToast(t.parcel.deletedToast(parcel.properties.name), {
        action: {
          label: t.parcel.undoDelete,
          run: () =>
            void editor.restore(parcel.id).then((restored) => {
              showToast(t.parcel.restoredToast(restored.properties.name));
              openParcel(restored, false);
            }),
        },
      });
      return;
    }
    const problem = result.error.problem;
    showToast(problem ? ((locale === 'en' ? problem.detail_en : problem.detail) ?? problem.title) : t.errors.network, {
      tone: 'error',
    });
    if (result.error.status === 412 && session?.parcel) void editor.openParcel(session.parcel);
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
      parcelCount: parcelList?.length ?? 0,
      parcelDisplay,
      visibleParcelLabels: () => controller?.visibleParcelLabels() ?? [],
      renderedParcelIds: () => controller?.renderedParcelIds() ?? [],
      drawingMode: editor.mode,
      parcel: session
        ? {
            kind: session.kind,
            id: openParcelId,
            dirty: editor.dirty,
            area_m2: editor.view.area_m2,
            verdict: editor.view.assessment?.verdict ?? null,
            source: editor.view.source,
          }
        : null,
    });
  });

  const regionName = health.status === 'ready' ? health.data.region.nama : null;
  const userTerritory = territoryName(auth.info?.user?.territory_kode ?? null, features ?? []);
  // Whether the open parcel may be changed: the kelurahan it lies in (for a new one, where it is being drawn).
  const parcelKelurahan =
    session?.kind === 'existing'
      ? (session.parcel?.properties.kelurahan_kode ?? null)
      : (editor.view.assessment?.kelurahan?.kode ?? null);
  const parcelRefusal = session ? access.kelurahan(parcelKelurahan) : null;
  const seesDeleted = access.cityWide === null;
  const loading = kelurahan.status === 'loading' || !mapLoaded;
  const nothingToDraw = features !== null && withBoundary === 0;
  const backLabel = selectedFeature?.properties.nama ?? null;
  const kelurahanScope = selectedFeature
    ? { kode: selectedFeature.properties.kode, nama: selectedFeature.properties.nama }
    : null;

  const sheetSummary = session ? (
    <>
      <strong>{session.form.name.trim() || t.parcel.newTitle}</strong>
      {editor.view.area_m2 !== null && <span className="mono">{formatAreaM2(editor.view.area_m2)}</span>}
      {editor.view.assessment && <VerdictBadge verdict={editor.view.assessment.verdict} />}
    </>
  ) : selectedFeature ? (
    <>
      <strong>{selectedFeature.properties.nama}</strong>
      <CoverageBadge state={coverageState(selectedFeature.properties)} />
    </>
  ) : features && qualifying !== null ? (
    t.panel.sheetSummary(formatInteger(features.length), formatInteger(qualifying))
  ) : (
    t.panel.loading
  );

  return (
    <div className="app" data-sheet={sheetOpen ? 'open' : 'closed'}>
      <Header
        regionName={regionName}
        qualifying={qualifying}
        total={total}
        primary={<ViewSwitch view={view} onChange={setView} />}
        actions={
          <>
            <button
              type="button"
              className="header-button"
              onClick={() => setModal({ kind: 'criteria' })}
              aria-label={t.settings.button}
              title={t.settings.title}
              data-testid="settings-button"
            >
              <svg viewBox="0 0 20 20" aria-hidden="true" width="18" height="18">
                <circle cx="10" cy="10" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
                <path
                  d="M10 2v3M10 15v3M2 10h3M15 10h3M4.3 4.3l2.1 2.1M13.6 13.6l2.1 2.1M4.3 15.7l2.1-2.1M13.6 6.4l2.1-2.1"
                  stroke="currentColor"
                  strokeWidth="1.6"
                />
              </svg>
              <span className="header-button-label">{t.settings.button}</span>
            </button>
            <ImportParcelsButton refusal={access.write} onOpen={() => setModal({ kind: 'importParcels' })} />
            <DownloadMenu filter={parcelFilter} kelurahan={kelurahanScope} />
            <UserMenu territoryName={userTerritory} onUsers={() => setModal({ kind: 'users' })} />
          </>
        }
      />
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
            <span className="sheet-summary">{sheetSummary}</span>
          </button>
          <div id="side-panel-body" className="side-panel-body">
            {session ? (
              <ParcelPanel
                editor={editor}
                backLabel={backLabel}
                onBack={() => guard(() => editor.close())}
                onZoom={() => editor.geometry && controller?.zoomToGeometry(editor.geometry)}
                onCoordinates={() => setModal({ kind: 'coordinates' })}
                onDelete={() => setModal({ kind: 'delete' })}
                writeRefusal={parcelRefusal}
                onSaved={(parcel) => {
                  setSelected(parcel.properties.kelurahan_kode);
                  showToast(t.parcel.savedToast(parcel.properties.name));
                }}
              />
            ) : (
              <>
                <div className="panel-tabs" role="tablist" aria-label={t.panel.title}>
                  {(['kelurahan', 'parcels'] as const).map((id) => (
                    <button
                      key={id}
                      type="button"
                      role="tab"
                      aria-selected={tab === id}
                      className="panel-tab"
                      onClick={() => setTab(id)}
                      data-testid={`tab-${id}`}
                    >
                      {t.tabs[id]}
                      {id === 'parcels' && parcelTotal !== null && (
                        <span className="chip-count">{formatInteger(parcelTotal)}</span>
                      )}
                    </button>
                  ))}
                </div>
                {tab === 'kelurahan' ? (
                  <>
                    {selectedFeature && (
                      <KelurahanDetail
                        feature={selectedFeature}
                        parcels={selectedParcels}
                        noSiteReason={noSiteReasons.get(selectedFeature.properties.kode) ?? null}
                        onClose={() => setSelected(null)}
                        onZoom={() => controller?.zoomTo(selectedFeature.properties.kode)}
                        onSelectParcel={(parcel) => openParcel(parcel, true)}
                        drawRefusal={access.kelurahan(selectedFeature.properties.kode)}
                        onDraw={() => {
                          // Parcels are drawn at parcel scale: start in the middle of the kelurahan.
                          const point = selectedFeature.geometry ? labelPoint(selectedFeature.geometry) : null;
                          if (point) controller?.flyTo(point[0], point[1], 17.5);
                          startTool('polygon');
                        }}
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
                  </>
                ) : (
                  <>
                    <ParcelBrowser
                      filter={parcelFilter}
                      onFilterChange={setParcelFilter}
                      kelurahan={kelurahanScope}
                      revision={revision}
                      selected={openParcelId}
                      onSelect={(parcel) => openParcel(parcel, true)}
                    />
                    {seesDeleted && (
                      <Suspense fallback={null}>
                        <DeletedParcels
                          revision={revision}
                          onRestored={(restored) => {
                            onChanged();
                            showToast(t.parcel.restoredToast(restored.properties.name));
                            openParcel(restored, true);
                          }}
                          onError={(text) => showToast(text, { tone: 'error' })}
                        />
                      </Suspense>
                    )}
                  </>
                )}
              </>
            )}
          </div>
        </aside>
        <MapView
          initialView={initialUrl.view}
          callbacks={mapCallbacks}
          onController={setController}
          loading={loading}
          empty={nothingToDraw}
        >
          <div className="map-overlay map-overlay-top-left">
            <DrawToolbar
              mode={editor.mode}
              canUndo={editor.canUndo}
              canRedo={editor.canRedo}
              loading={engineLoading}
              onTool={startTool}
              onCoordinates={openCoordinates}
              onGps={openGps}
              onUndo={editor.undo}
              onRedo={editor.redo}
              onDeleteVertex={() => {
                if (!editor.removeVertex('last')) showToast(t.draw.deleteVertexHint);
              }}
              onCancel={editor.cancelSketch}
              drawRefusal={access.write}
            />
            {editor.engineError && <p className="map-card map-error">{t.draw.loadFailed}</p>}
          </div>
          <DrawStatus mode={editor.mode} view={editor.view} ringCount={editor.ringCount} />
          <div className="map-overlay map-overlay-top-right">
            <LayersControl
              layers={overlay.layers}
              failed={overlay.failed}
              visible={overlay.visible}
              onToggle={overlay.toggle}
              onImport={() => setModal({ kind: 'importLayer' })}
              onReplace={(layer) => setModal({ kind: 'replaceLayer', layer })}
              onDelete={(layer) => setModal({ kind: 'deleteLayer', layer })}
              writeRefusal={access.cityWide}
            />
            <BasemapSwitcher value={basemap} onChange={changeBasemap} />
            <ZoomControls />
          </div>
          <div className="map-overlay map-overlay-bottom-left">
            <CursorCoordinates />
            <Legend
              counts={counts}
              filterActive={onlyUnqualified}
              defaultOpen={!mobile}
              showParcels={(parcelTotal ?? 0) > 0 || session !== null}
            />
          </div>
        </MapView>
        {view === 'dashboard' && (
          <Suspense fallback={null}>
            <Dashboard revision={revision} />
          </Suspense>
        )}
      </main>
      <Toast toast={toast} onDismiss={dismissToast} />

      <Suspense fallback={null}>
        {(modal?.kind === 'importLayer' || modal?.kind === 'replaceLayer') && (
          <ImportDialog
            replace={modal.kind === 'replaceLayer' ? modal.layer : null}
            onClose={() => setModal(null)}
            onDone={layerChanged}
          />
        )}
        {modal?.kind === 'criteria' && (
          <CriteriaEditor
            saveRefusal={access.admin}
            onClose={() => setModal(null)}
            onSaved={(text) => {
              afterRejudge();
              showToast(text);
            }}
          />
        )}
        {modal?.kind === 'importParcels' && (
          <ImportParcelsDialog
            onClose={() => setModal(null)}
            onDone={(result) => {
              onChanged();
              zoomToImported(result.parcel_ids);
            }}
          />
        )}
        {modal?.kind === 'users' && access.admin === null && (
          <UsersDialog kelurahan={features ?? []} onClose={() => setModal(null)} />
        )}
      </Suspense>
      {modal?.kind === 'deleteLayer' && (
        <Dialog
          title={t.layers.deleteTitle}
          onClose={() => setModal(null)}
          testId="layer-delete-dialog"
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)}>
                {t.confirm.cancel}
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => void deleteLayer(modal.layer)}
                data-testid="layer-delete-confirm"
              >
                {t.layers.deleteConfirm}
              </button>
            </>
          }
        >
          <p className="dialog-text">{t.layers.deleteBody(modal.layer.name)}</p>
        </Dialog>
      )}
      {modal?.kind === 'coordinates' && <CoordinateDialog onApply={applyPolygon} onClose={() => setModal(null)} />}
      {modal?.kind === 'gps' && (
        <GpsDialog
          onClose={() => setModal(null)}
          onCreate={(fix, width, depth, bearing) => {
            setModal(null);
            void editor
              .rectangleAt(fix.lon, fix.lat, width, depth, bearing)
              .then(() => controller?.flyTo(fix.lon, fix.lat));
            if (mobile) setSheetOpen(false);
          }}
        />
      )}
      {modal?.kind === 'delete' && session?.parcel && (
        <Dialog
          title={t.confirm.deleteTitle}
          onClose={() => setModal(null)}
          testId="delete-dialog"
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)}>
                {t.confirm.cancel}
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => void confirmDelete()}
                data-testid="delete-confirm"
              >
                {t.confirm.deleteConfirm}
              </button>
            </>
          }
        >
          <p className="dialog-text">{t.confirm.deleteBody(session.parcel.properties.name)}</p>
        </Dialog>
      )}
      {modal?.kind === 'unsaved' && (
        <Dialog
          title={t.confirm.unsavedTitle}
          onClose={() => setModal(null)}
          testId="unsaved-dialog"
          actions={
            <>
              <button type="button" className="button" onClick={() => setModal(null)} data-testid="unsaved-keep">
                {t.confirm.keep}
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => {
                  const { proceed } = modal;
                  setModal(null);
                  editor.close();
                  proceed();
                }}
                data-testid="unsaved-discard"
              >
                {t.confirm.discard}
              </button>
            </>
          }
        >
          <p className="dialog-text">{t.confirm.unsavedBody}</p>
        </Dialog>
      )}
    </div>
  );
}
