import { describe, expect, it } from 'vitest';
import type { ParcelMapFeature } from '../src/api/types.ts';
import { parcelLabelItems, parcelLabelPriority } from '../src/map/parcelLabels.ts';
import {
  LAYER_PARCEL_FILL,
  LAYER_PARCEL_REJECTED,
  PARCEL_TILES_MIN_ZOOM,
  parcelTileLayers,
  parcelTileUrl,
  tileFilter,
  tileTwinId,
} from '../src/map/parcelLayers.ts';
import { listingMax, MAP_LISTING_MAX, tooManyForListing } from '../src/state/useParcels.ts';

function parcel(id: string, props: Partial<ParcelMapFeature['properties']> = {}): ParcelMapFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: {
      id,
      name: `Bidang ${id}`,
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      verdict: 'tidak_memenuhi',
      qualifies: false,
      score: 0,
      rank: 1,
      area_m2: 800,
      status: 'kandidat',
      shortlisted: false,
      shortlist_rank: null,
      is_primary: false,
      point: [107, -6.25],
      version: 1,
      ...props,
    },
  };
}

describe('parcel names on the map', () => {
  it('ranks the primary site, then the shortlist, then qualifying parcels, then the rest; larger first', () => {
    const p = (props: Partial<ParcelMapFeature['properties']>) => parcelLabelPriority(parcel('x', props).properties);
    const primary = p({ is_primary: true, area_m2: 600 });
    const shortlisted = p({ shortlisted: true, area_m2: 50_000 });
    const qualifying = p({ qualifies: true, area_m2: 900_000 });
    const small = p({ area_m2: 700 });
    const large = p({ area_m2: 5_000_000 });
    expect(primary).toBeGreaterThan(shortlisted);
    expect(shortlisted).toBeGreaterThan(qualifying);
    // However large, a parcel that does not qualify stays below a qualifying one.
    expect(qualifying).toBeGreaterThan(large);
    expect(large).toBeGreaterThan(small);
  });

  it('labels each parcel with its name as text at its point, except the one being edited and blank names', () => {
    const items = parcelLabelItems(
      [parcel('a', { name: '<b>Lahan</b> A' }), parcel('b'), parcel('c', { name: '   ' })],
      'b',
    );
    expect(items).toEqual([{ id: 'a', text: '<b>Lahan</b> A', lngLat: [107, -6.25], priority: expect.any(Number) }]);
  });
});

describe('GeoJSON listing or vector tiles', () => {
  it('switches to tiles when the server answered only the count', () => {
    expect(
      tooManyForListing({ type: 'FeatureCollection', numberMatched: 25_000, numberReturned: 0, features: [] }),
    ).toBe(true);
    expect(tooManyForListing({ type: 'FeatureCollection', numberMatched: 0, numberReturned: 0, features: [] })).toBe(
      false,
    );
  });

  it('takes a per-browser threshold only when it is a whole number the server accepts', () => {
    expect(listingMax(null)).toBe(MAP_LISTING_MAX);
    expect(listingMax('1')).toBe(1);
    expect(listingMax('50000')).toBe(50_000);
    for (const bad of ['0', '-3', '2.5', 'banyak', '50001', '']) expect(listingMax(bad)).toBe(MAP_LISTING_MAX);
  });

  it('keeps the tile placeholders unencoded and changes the URL with the revision', () => {
    expect(parcelTileUrl('http://127.0.0.1:3000', 4)).toBe('http://127.0.0.1:3000/tiles/parcels/{z}/{x}/{y}.mvt?v=4');
  });

  it('draws the polygon layers from the tiles from zoom 13, each hiding the parcel being edited', () => {
    const layers = parcelTileLayers('p-1');
    const fill = layers.find((l) => l.id === tileTwinId(LAYER_PARCEL_FILL));
    expect(fill).toMatchObject({ source: 'parcel-tiles', 'source-layer': 'parcels', type: 'fill' });
    expect(fill?.minzoom).toBe(PARCEL_TILES_MIN_ZOOM);
    expect(layers.every((l) => l.type === 'fill' || l.type === 'line')).toBe(true);
    const rejected = layers.find((l) => l.id === tileTwinId(LAYER_PARCEL_REJECTED));
    expect(rejected && 'filter' in rejected ? rejected.filter : null).toEqual([
      'all',
      ['==', ['get', 'status'], 'ditolak'],
      ['!=', ['get', 'id'], 'p-1'],
    ]);
    expect(tileFilter(undefined, null)).toEqual(['!=', ['get', 'id'], '']);
  });
});
