import type { RasterSourceSpecification } from 'maplibre-gl';
import { readStored, writeStored } from '../state/storage.ts';

// Remote basemaps are optional extras: the map is complete without them, and the default is none,
// so an offline machine (or a blocked tile server) never breaks or slows the app.
export type BasemapId = 'none' | 'osm' | 'esri';
export const BASEMAP_IDS: readonly BasemapId[] = ['none', 'osm', 'esri'];

export const BASEMAP_SOURCES: Record<Exclude<BasemapId, 'none'>, RasterSourceSpecification> = {
  osm: {
    type: 'raster',
    tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
    tileSize: 256,
    maxzoom: 19,
    attribution: '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>',
  },
  esri: {
    type: 'raster',
    tiles: ['https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}'],
    tileSize: 256,
    maxzoom: 19,
    attribution: 'Citra © Esri, Maxar, Earthstar Geographics, GIS User Community',
  },
};

const STORAGE_KEY = 'tapak.basemap';

export function isBasemapId(value: unknown): value is BasemapId {
  return value === 'none' || value === 'osm' || value === 'esri';
}

export function loadBasemap(): BasemapId {
  return readStored(STORAGE_KEY, isBasemapId) ?? 'none';
}

export function saveBasemap(id: BasemapId): void {
  writeStored(STORAGE_KEY, id);
}
