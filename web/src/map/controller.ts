import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { KelurahanFeature, ParcelMapFeature } from '../api/types.ts';
import { coverageState } from '../domain/coverage.ts';
import type { MapView } from '../state/urlState.ts';
import { BASEMAP_SOURCES, type BasemapId } from './basemaps.ts';
import { type BBox, bboxOf, emptyBBox, extendBBox, isValidBBox, labelPoint } from './geometry.ts';
import { kecamatanOutlines } from './kecamatanOutline.ts';
import { HtmlLabelLayer } from './labels.ts';
import { type OverlayView, syncOverlays } from './overlayLayers.ts';
import { PARCEL_LABEL_MAX_VISIBLE, PARCEL_LABEL_MIN_ZOOM, parcelLabelItems } from './parcelLabels.ts';
import {
  LAYER_PARCEL_FILL,
  LAYER_PARCEL_SELECTED,
  PARCEL_HIT_LAYERS,
  PARCEL_TILE_LAYER,
  parcelLayers,
  parcelTileLayers,
  parcelTileSource,
  parcelTileUrl,
  SOURCE_FOOTPRINT,
  SOURCE_PARCEL_POINTS,
  SOURCE_PARCEL_TILES,
  SOURCE_PARCELS,
  SOURCE_PROBLEMS,
  tileFilter,
  tileTwinId,
} from './parcelLayers.ts';
import {
  buildStyle,
  FIRST_DATA_LAYER,
  fillOpacity,
  LAYER_FILL,
  LAYER_KECAMATAN,
  LAYER_LINE,
  LAYER_SELECTED,
  LAYER_SELECTED_CASING,
  lineColors,
  SOURCE_KECAMATAN,
  SOURCE_KELURAHAN,
} from './style.ts';

// MapLibre 6 runs its worker from a separate module file; without this URL the map never loads.
maplibregl.setWorkerUrl(workerUrl);
// Start the worker while the page still waits for its first data, not when the map is created: it is a
// 145 KB (gzip) module, and on the embedded engine the server answers it only between database reads.
maplibregl.prewarm();

const BASEMAP_SOURCE = 'basemap';
const BASEMAP_LAYER = 'basemap';
/** Roughly Kota Bekasi, until the boundaries arrive. */
const DEFAULT_VIEW: MapView = { zoom: 11.2, lat: -6.285, lon: 106.99 };
const MAX_FIT_ZOOM = 15.5;
/** Parcels are tens of metres across: frame them closer than a kelurahan. */
const MAX_PARCEL_ZOOM = 18.5;

export type MapCallbacks = {
  onSelect: (kode: string | null) => void;
  onSelectParcel: (id: string) => void;
  onViewChange: (view: MapView) => void;
  onBasemapError: () => void;
  onLoad: () => void;
};

/**
 * How parcels reach the map: one GeoJSON listing (every parcel in the browser, the usual kota), or the
 * server's vector tiles when the region holds more than a listing should carry (a province, the nation).
 */
export type ParcelDisplay = { kind: 'geojson' } | { kind: 'tiles'; revision: number };

function ownFilter(layer: maplibregl.LayerSpecification | undefined): maplibregl.FilterSpecification | undefined {
  return layer && 'filter' in layer ? layer.filter : undefined;
}

export type Padding = { top: number; right: number; bottom: number; left: number };
/** Padding from the map's current size in CSS pixels: what the overlays cover depends on it. */
export type PaddingProvider = (width: number, height: number) => Padding;

/**
 * Everything the UI does to the map, behind plain methods, so React components stay declarative
 * and later tools (drawing, parcels) can add their own layers through `map` without touching these.
 */
export class TapakMap {
  readonly map: maplibregl.Map;
  private readonly labels: HtmlLabelLayer;
  private readonly parcelLabels: HtmlLabelLayer;
  private readonly callbacks: MapCallbacks;
  private readonly pending: (() => void)[] = [];
  private loaded = false;
  private boxes = new Map<string, BBox>();
  private cityBox: BBox | null = null;
  private hovered: string | null = null;
  private onlyUnqualified = false;
  private qualifyingKodes = new Set<string>();
  private basemap: BasemapId = 'none';
  private padding: PaddingProvider = () => ({ top: 48, right: 48, bottom: 48, left: 48 });
  private basemapErrorAt = 0;
  private selectionEnabled = true;
  private hoveredParcel: string | null = null;
  private parcels: readonly ParcelMapFeature[] = [];
  private parcelDisplay: ParcelDisplay = { kind: 'geojson' };
  private selectedParcel: string | null = null;
  private hiddenParcel: string | null = null;

  constructor(container: HTMLElement, options: { initialView: MapView | null; callbacks: MapCallbacks }) {
    this.callbacks = options.callbacks;
    const view = options.initialView ?? DEFAULT_VIEW;
    this.map = new maplibregl.Map({
      container,
      style: buildStyle(),
      center: [view.lon, view.lat],
      zoom: view.zoom,
      // Planning maps stay north-up: rotation only confuses comparisons between screenshots.
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxPitch: 0,
      attributionControl: { compact: true },
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-right');
    this.labels = new HtmlLabelLayer(this.map);
    // Parcel names are placed after the kelurahan names (same frame: registered later) and keep clear of them.
    this.parcelLabels = new HtmlLabelLayer(this.map, {
      variant: 'map-labels-parcels',
      minZoom: PARCEL_LABEL_MIN_ZOOM,
      maxVisible: PARCEL_LABEL_MAX_VISIBLE,
      idAttribute: 'parcelId',
      taken: () => this.labels.boxes(),
    });

    this.map.on('load', () => {
      this.loaded = true;
      for (const action of this.pending.splice(0)) action();
      this.callbacks.onLoad();
    });
    this.map.on('error', (event) => {
      const sourceId = (event as { sourceId?: string }).sourceId;
      if (sourceId === BASEMAP_SOURCE) {
        // Offline, every tile fails: tell the user once in a while, not once per tile.
        const now = Date.now();
        if (now - this.basemapErrorAt > 15_000) this.callbacks.onBasemapError();
        this.basemapErrorAt = now;
        return;
      }
      console.error(event.error);
    });
    this.map.on('mousemove', LAYER_FILL, (event) => {
      const kode = event.features?.[0]?.properties?.kode;
      this.setHovered(typeof kode === 'string' ? kode : null);
    });
    this.map.on('mouseleave', LAYER_FILL, () => this.setHovered(null));
    for (const layer of [LAYER_PARCEL_FILL, tileTwinId(LAYER_PARCEL_FILL)]) {
      this.map.on('mousemove', layer, (event) => {
        const id = event.features?.[0]?.properties?.id;
        this.setHoveredParcel(this.selectionEnabled && typeof id === 'string' ? id : null);
      });
      this.map.on('mouseleave', layer, () => this.setHoveredParcel(null));
    }
    this.map.on('click', (event) => {
      // While a parcel is drawn or edited, clicks belong to the drawing tool.
      if (!this.selectionEnabled) return;
      const parcel = this.map.queryRenderedFeatures(event.point, { layers: this.parcelHitLayers() })[0];
      const parcelId = parcel?.properties?.id;
      if (typeof parcelId === 'string') {
        this.callbacks.onSelectParcel(parcelId);
        return;
      }
      const feature = this.map.queryRenderedFeatures(event.point, { layers: [LAYER_FILL] })[0];
      const kode = feature?.properties?.kode;
      if (typeof kode === 'string') {
        this.callbacks.onSelect(kode);
        this.zoomTo(kode);
      } else {
        this.callbacks.onSelect(null);
      }
    });
    this.map.on('moveend', () => {
      const center = this.map.getCenter();
      this.callbacks.onViewChange({ zoom: this.map.getZoom(), lat: center.lat, lon: center.lng });
    });
  }

  private whenLoaded(action: () => void): void {
    if (this.loaded) action();
    else this.pending.push(action);
  }

  setData(features: readonly KelurahanFeature[]): void {
    const drawable = features.filter(
      (f): f is KelurahanFeature & { geometry: MultiPolygon } =>
        f.geometry !== null && f.geometry.coordinates.length > 0,
    );
    this.boxes = new Map(drawable.map((f) => [f.properties.kode, bboxOf(f.geometry)]));
    const city = drawable.reduce((box, f) => extendBBox(box, f.geometry), emptyBBox());
    this.cityBox = isValidBBox(city) ? city : null;
    this.qualifyingKodes = new Set(drawable.filter((f) => f.properties.qualifying > 0).map((f) => f.properties.kode));
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: drawable.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { ...f.properties, coverage: coverageState(f.properties) },
      })),
    };
    const outline = kecamatanOutlines(
      drawable.map((f) => ({ kecamatanKode: f.properties.kecamatan_kode, geometry: f.geometry })),
    );
    this.labels.setLabels(
      drawable.flatMap((f) => {
        const point = labelPoint(f.geometry);
        return point
          ? [{ id: f.properties.kode, text: f.properties.nama, lngLat: point, priority: f.properties.area_m2 ?? 0 }]
          : [];
      }),
    );
    this.applyDimming();
    this.whenLoaded(() => {
      (this.map.getSource(SOURCE_KELURAHAN) as maplibregl.GeoJSONSource).setData(collection);
      (this.map.getSource(SOURCE_KECAMATAN) as maplibregl.GeoJSONSource).setData({
        type: 'Feature',
        geometry: outline,
        properties: {},
      });
    });
  }

  /** Frames a shared selection, else the whole city. False while there is nothing to frame. */
  frameInitially(kode: string | null): boolean {
    if (kode && this.boxes.has(kode)) this.zoomTo(kode, false);
    else if (this.cityBox) this.fitCity(false);
    else return false;
    return true;
  }

  setPadding(padding: PaddingProvider): void {
    this.padding = padding;
  }

  setSelected(kode: string | null): void {
    this.labels.setSelected(kode);
    this.whenLoaded(() => {
      const filter: maplibregl.FilterSpecification = ['==', ['get', 'kode'], kode ?? ''];
      this.map.setFilter(LAYER_SELECTED, filter);
      this.map.setFilter(LAYER_SELECTED_CASING, filter);
    });
  }

  setOnlyUnqualified(on: boolean): void {
    this.onlyUnqualified = on;
    this.applyDimming();
    this.whenLoaded(() => this.applyPaint());
  }

  setBasemap(id: BasemapId): void {
    this.basemap = id;
    this.whenLoaded(() => {
      if (this.map.getLayer(BASEMAP_LAYER)) this.map.removeLayer(BASEMAP_LAYER);
      if (this.map.getSource(BASEMAP_SOURCE)) this.map.removeSource(BASEMAP_SOURCE);
      // Sources are added only when chosen, so the default map never makes a remote request.
      if (id !== 'none') {
        this.map.addSource(BASEMAP_SOURCE, BASEMAP_SOURCES[id]);
        this.map.addLayer({ id: BASEMAP_LAYER, type: 'raster', source: BASEMAP_SOURCE }, FIRST_DATA_LAYER);
      }
      this.applyPaint();
    });
  }

  /** Constraint overlay layers (flood, RTH, roads, …), drawn under the parcels. */
  setOverlays(overlays: readonly OverlayView[]): void {
    this.whenLoaded(() => syncOverlays(this.map, overlays));
  }

  /**
   * The parcels the app holds: with GeoJSON all of them, drawn and named; with tiles the tiles draw them and
   * these (the selected kelurahan's) are only named.
   */
  setParcels(features: readonly ParcelMapFeature[]): void {
    this.parcels = features;
    this.parcelLabels.setLabels(parcelLabelItems(features, this.hiddenParcel));
    this.whenLoaded(() => this.renderParcels());
  }

  /** Switches between the GeoJSON listing and the vector tiles; a new tile revision refetches the tiles. */
  setParcelDisplay(display: ParcelDisplay): void {
    this.parcelDisplay = display;
    this.whenLoaded(() => {
      const source = this.map.getSource(SOURCE_PARCEL_TILES) as maplibregl.VectorTileSource | undefined;
      if (display.kind === 'tiles') {
        const origin = window.location.origin;
        if (source) {
          source.setTiles([parcelTileUrl(origin, display.revision)]);
        } else {
          this.map.addSource(SOURCE_PARCEL_TILES, parcelTileSource(origin, display.revision));
          // Each twin goes right under its GeoJSON layer, so the drawing order (fill, casing, line, …) holds.
          for (const layer of parcelTileLayers(this.hiddenParcel)) {
            this.map.addLayer(layer, layer.id.replace(/-tiles$/, ''));
          }
          this.applyTileFilters();
        }
      } else if (source) {
        for (const layer of parcelLayers) {
          if (this.map.getLayer(tileTwinId(layer.id))) this.map.removeLayer(tileTwinId(layer.id));
        }
        this.map.removeSource(SOURCE_PARCEL_TILES);
      }
      this.renderParcels();
    });
  }

  setSelectedParcel(id: string | null): void {
    this.selectedParcel = id;
    this.parcelLabels.setSelected(id);
    this.whenLoaded(() => {
      this.map.setFilter(LAYER_PARCEL_SELECTED, ['==', ['get', 'id'], id ?? '']);
      this.applyTileFilters();
      this.renderParcels();
    });
  }

  setHiddenParcel(id: string | null): void {
    if (id === this.hiddenParcel) return;
    this.hiddenParcel = id;
    this.parcelLabels.setLabels(parcelLabelItems(this.parcels, id));
    this.whenLoaded(() => {
      this.applyTileFilters();
      this.renderParcels();
    });
  }

  private parcelHitLayers(): string[] {
    return this.map.getSource(SOURCE_PARCEL_TILES)
      ? [...PARCEL_HIT_LAYERS, tileTwinId(LAYER_PARCEL_FILL)]
      : PARCEL_HIT_LAYERS;
  }

  /** The tile twins' filters: their layer's own (the selected outline's follows the open parcel), minus the hidden one. */
  private applyTileFilters(): void {
    if (!this.map.getSource(SOURCE_PARCEL_TILES)) return;
    for (const layer of parcelTileLayers(this.hiddenParcel)) {
      const own: maplibregl.FilterSpecification | undefined =
        layer.id === tileTwinId(LAYER_PARCEL_SELECTED)
          ? ['==', ['get', 'id'], this.selectedParcel ?? '']
          : ownFilter(parcelLayers.find((l) => tileTwinId(l.id) === layer.id));
      this.map.setFilter(layer.id, tileFilter(own, this.hiddenParcel));
    }
  }

  /** The placed 30 × 20 m building of the selected or drafted parcel. */
  setFootprint(footprint: Polygon | null): void {
    this.whenLoaded(() =>
      (this.map.getSource(SOURCE_FOOTPRINT) as maplibregl.GeoJSONSource).setData(
        footprint
          ? { type: 'Feature', geometry: footprint, properties: {} }
          : { type: 'FeatureCollection', features: [] },
      ),
    );
  }

  /** Where a drawn boundary is invalid (e.g. crosses itself). */
  setProblemPoints(points: readonly Position[]): void {
    this.whenLoaded(() =>
      (this.map.getSource(SOURCE_PROBLEMS) as maplibregl.GeoJSONSource).setData({
        type: 'FeatureCollection',
        features: points.map((point) => ({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: point },
          properties: {},
        })),
      }),
    );
  }

  /** Off while drawing: map clicks then place vertices instead of selecting. */
  setSelectionEnabled(enabled: boolean): void {
    this.selectionEnabled = enabled;
    if (!enabled) {
      this.setHovered(null);
      this.setHoveredParcel(null);
    }
  }

  zoomToGeometry(geometry: Polygon | MultiPolygon, animate = true): void {
    const multi: MultiPolygon =
      geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;
    const box = bboxOf(multi);
    if (!isValidBBox(box)) return;
    this.map.fitBounds(
      [
        [box[0], box[1]],
        [box[2], box[3]],
      ],
      { padding: this.fitPadding(), maxZoom: MAX_PARCEL_ZOOM, animate, duration: animate ? 600 : 0 },
    );
  }

  /** Centres a point at parcel scale (GPS position, pasted coordinates). */
  flyTo(lon: number, lat: number, zoom = 18): void {
    this.map.easeTo({ center: [lon, lat], zoom, duration: 600 });
  }

  /** Parcels drawn in the current view, as polygons or dots (for tests). */
  renderedParcelIds(): string[] {
    const ids = new Set<string>();
    for (const feature of this.map.queryRenderedFeatures({ layers: this.parcelHitLayers() })) {
      const id = feature.properties?.id;
      if (typeof id === 'string') ids.add(id);
    }
    return [...ids];
  }

  private renderParcels(): void {
    // With tiles the GeoJSON sources stay empty: the same parcel drawn twice would show a doubled outline.
    const visible = this.parcelDisplay.kind === 'tiles' ? [] : this.parcels.filter((f) => f.id !== this.hiddenParcel);
    const properties = (f: ParcelMapFeature) => ({
      id: f.id,
      name: f.properties.name,
      verdict: f.properties.verdict,
      status: f.properties.status,
      selected: f.id === this.selectedParcel,
    });
    (this.map.getSource(SOURCE_PARCELS) as maplibregl.GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: visible.map((f) => ({ type: 'Feature', geometry: f.geometry, properties: properties(f) })),
    });
    (this.map.getSource(SOURCE_PARCEL_POINTS) as maplibregl.GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: visible.map((f) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: f.properties.point },
        properties: properties(f),
      })),
    });
  }

  private setHoveredParcel(id: string | null): void {
    if (id === this.hoveredParcel) return;
    const target = this.map.getSource(SOURCE_PARCEL_TILES)
      ? { source: SOURCE_PARCEL_TILES, sourceLayer: PARCEL_TILE_LAYER }
      : { source: SOURCE_PARCELS };
    if (this.hoveredParcel && this.map.getSource(target.source)) {
      this.map.setFeatureState({ ...target, id: this.hoveredParcel }, { hover: false });
    }
    this.hoveredParcel = id;
    if (id) this.map.setFeatureState({ ...target, id }, { hover: true });
    this.map.getCanvas().style.cursor = id || this.hovered ? 'pointer' : '';
  }

  zoomTo(kode: string, animate = true): void {
    const box = this.boxes.get(kode);
    if (box) this.fit(box, animate);
  }

  fitCity(animate = true): void {
    if (this.cityBox) this.fit(this.cityBox, animate);
  }

  zoomBy(delta: number): void {
    this.map.easeTo({ zoom: this.map.getZoom() + delta, duration: 250 });
  }

  /** Kelurahan polygons drawn in the current view (tests use this to check what reached the screen). */
  renderedKelurahanCount(): number {
    const kodes = new Set(
      this.map.queryRenderedFeatures({ layers: [LAYER_FILL] }).map((feature) => feature.properties?.kode),
    );
    kodes.delete(undefined);
    return kodes.size;
  }

  visibleLabelCount(): number {
    return this.labels.visibleCount();
  }

  /** Parcel names showing now (for tests). */
  visibleParcelLabels(): string[] {
    return this.parcelLabels.visibleTexts();
  }

  destroy(): void {
    this.parcelLabels.destroy();
    this.labels.destroy();
    this.map.remove();
  }

  private fit(box: BBox, animate: boolean): void {
    this.map.fitBounds(
      [
        [box[0], box[1]],
        [box[2], box[3]],
      ],
      { padding: this.fitPadding(), maxZoom: MAX_FIT_ZOOM, animate, duration: animate ? 600 : 0 },
    );
  }

  private fitPadding(): Padding {
    const container = this.map.getContainer();
    const padding = this.padding(container.clientWidth, container.clientHeight);
    // Never pad away the whole map, whatever the overlays ask for.
    const spareX = container.clientWidth - padding.left - padding.right;
    const spareY = container.clientHeight - padding.top - padding.bottom;
    if (spareX < 80 || spareY < 80) return { top: 8, right: 8, bottom: 8, left: 8 };
    return padding;
  }

  private setHovered(kode: string | null): void {
    if (!this.selectionEnabled) kode = null;
    if (kode === this.hovered) return;
    if (this.hovered) this.map.setFeatureState({ source: SOURCE_KELURAHAN, id: this.hovered }, { hover: false });
    this.hovered = kode;
    if (kode) this.map.setFeatureState({ source: SOURCE_KELURAHAN, id: kode }, { hover: true });
    this.map.getCanvas().style.cursor = kode || this.hoveredParcel ? 'pointer' : '';
  }

  private applyDimming(): void {
    this.labels.setDimmed(this.onlyUnqualified ? this.qualifyingKodes : new Set());
  }

  private applyPaint(): void {
    const lines = lineColors(this.basemap);
    this.map.setPaintProperty(LAYER_FILL, 'fill-opacity', fillOpacity(this.basemap, this.onlyUnqualified));
    this.map.setPaintProperty(LAYER_LINE, 'line-color', lines.kelurahan);
    this.map.setPaintProperty(LAYER_KECAMATAN, 'line-color', lines.kecamatan);
    this.labels.setTheme(this.basemap === 'esri' ? 'dark' : 'light');
    this.parcelLabels.setTheme(this.basemap === 'esri' ? 'dark' : 'light');
  }
}
