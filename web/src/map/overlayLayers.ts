import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { OverlayKind } from '../api/types.ts';
import { OVERLAY_COLORS, overlayShape } from '../domain/layers.ts';
import { LAYER_PARCEL_FILL } from './parcelLayers.ts';

// Constraint overlay layers (flood, RTH, LP2B, SUTET, roads, facilities): one GeoJSON source per layer,
// drawn under the parcels so verdict colours stay on top. Sources are added when a layer is first shown.

export type OverlayView = { id: string; kind: OverlayKind; data: FeatureCollection | null; visible: boolean };

const PREFIX = 'overlay-';
const HATCH_IMAGE = 'overlay-hatch-flood';

function sourceId(id: string): string {
  return `${PREFIX}${id}`;
}

/** An 8 × 8 diagonal hatch in the flood colour, built without a canvas (no sprite, works offline). */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size === 0 || (x + y + 1) % size === 0;
      const i = (y * size + x) * 4;
      data[i] = 0x2b;
      data[i + 1] = 0x6c;
      data[i + 2] = 0xb0;
      data[i + 3] = on ? 200 : 0;
    }
  }
  return { width: size, height: size, data };
}

function layersFor(id: string, kind: OverlayKind): LayerSpecification[] {
  const source = sourceId(id);
  const color = OVERLAY_COLORS[kind];
  const shape = overlayShape(kind);
  if (shape === 'line') {
    return [
      {
        id: `${source}-line`,
        type: 'line',
        source,
        paint: {
          'line-color': color,
          'line-width': kind === 'sutet' ? 3 : 2.5,
          ...(kind === 'sutet' ? { 'line-dasharray': [3, 1.5] } : {}),
        },
      },
    ];
  }
  if (shape === 'point') {
    return [
      {
        id: `${source}-point`,
        type: 'circle',
        source,
        paint: {
          'circle-color': color,
          'circle-radius': 5,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
    ];
  }
  const layers: LayerSpecification[] = [
    { id: `${source}-fill`, type: 'fill', source, paint: { 'fill-color': color, 'fill-opacity': 0.22 } },
  ];
  if (kind === 'flood') {
    layers.push({ id: `${source}-hatch`, type: 'fill', source, paint: { 'fill-pattern': HATCH_IMAGE } });
  }
  layers.push({ id: `${source}-outline`, type: 'line', source, paint: { 'line-color': color, 'line-width': 1.5 } });
  return layers;
}

const shown = new WeakMap<MapLibreMap, Map<string, { data: FeatureCollection; kind: OverlayKind }>>();

/** Brings the map's overlay sources and layers in line with the list (adds, updates, hides, removes). */
export function syncOverlays(map: MapLibreMap, overlays: readonly OverlayView[]): void {
  let current = shown.get(map);
  if (!current) {
    current = new Map();
    shown.set(map, current);
  }
  if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
  const before = map.getLayer(LAYER_PARCEL_FILL) ? LAYER_PARCEL_FILL : undefined;
  const wanted = new Set(overlays.map((o) => o.id));
  for (const [id, entry] of current) {
    if (wanted.has(id)) continue;
    for (const layer of layersFor(id, entry.kind)) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(sourceId(id))) map.removeSource(sourceId(id));
    current.delete(id);
  }
  for (const overlay of overlays) {
    const entry = current.get(overlay.id);
    if (!overlay.data) {
      if (entry) setVisible(map, overlay.id, entry.kind, false);
      continue;
    }
    if (!entry) {
      map.addSource(sourceId(overlay.id), { type: 'geojson', data: overlay.data });
      for (const layer of layersFor(overlay.id, overlay.kind)) map.addLayer(layer, before);
      current.set(overlay.id, { data: overlay.data, kind: overlay.kind });
    } else if (entry.data !== overlay.data) {
      const source = map.getSource(sourceId(overlay.id));
      if (source && 'setData' in source) (source as { setData: (d: FeatureCollection) => void }).setData(overlay.data);
      entry.data = overlay.data;
    }
    setVisible(map, overlay.id, overlay.kind, overlay.visible);
  }
}

function setVisible(map: MapLibreMap, id: string, kind: OverlayKind, visible: boolean): void {
  for (const layer of layersFor(id, kind)) {
    if (map.getLayer(layer.id)) map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
  }
}
