import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type Versioned } from '../api/client.ts';
import type { ParcelFeature, ParcelMapCollection, ParcelMapFeature } from '../api/types.ts';
import { readStored } from './storage.ts';
import type { Loadable } from './useTapakData.ts';

/**
 * Most parcels the map takes as one GeoJSON listing; above it the map draws the server's vector tiles. Measured
 * (BENCHMARKS.md, web): 5,000 parcels as the slim listing are ~2 MB of JSON parsed and handed to MapLibre's worker
 * well inside 3 s; the cost grows linearly, and past ~20,000 (a province) a listing would spend the budget on
 * parcels nobody sees at city zoom, while tiles only ever carry what is on screen.
 */
export const MAP_LISTING_MAX = 20_000;

/**
 * `localStorage['tapak.parcelTilesAbove']` lowers (or raises, up to the server's 50,000) the switch to tiles on
 * one browser: for a planner on a slow link or an old laptop, and for the browser tests, which check the
 * tiles on a small database.
 */
const LISTING_MAX_KEY = 'tapak.parcelTilesAbove';

export function listingMax(stored: string | null): number {
  const value = stored === null ? Number.NaN : Number(stored);
  return Number.isInteger(value) && value >= 1 && value <= 50_000 ? value : MAP_LISTING_MAX;
}

/** The query of the region-wide map listing, as the map asks for it at start (and `main.tsx` sends early). */
export function regionListingQuery(): string {
  return `limit=${listingMax(readStored(LISTING_MAX_KEY, (v): v is string => typeof v === 'string'))}`;
}

export type ParcelDisplayKind = 'geojson' | 'tiles';

/** What opening a parcel needs before the full feature arrives: which one, where it lies and in which kelurahan. */
export type ParcelRef = Pick<ParcelMapFeature, 'id' | 'geometry'> & {
  properties: Pick<ParcelMapFeature['properties'], 'kelurahan_kode'>;
};

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(String(error), 0, null);
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** The server answers only the count when more parcels match than the listing may carry. */
export function tooManyForListing(collection: ParcelMapCollection): boolean {
  return collection.numberMatched > collection.numberReturned;
}

/**
 * The region's live parcels as the map draws them (GET /api/parcels/map.geojson: shape, verdict, status, no
 * checks), for the map and the kelurahan panels. When the region has more than MAP_LISTING_MAX parcels the map
 * switches to vector tiles and this holds only the selected kelurahan's parcels (its list, names and snapping).
 * `reload` keeps what is on screen while it fetches, so saving a parcel does not flash the map.
 */
export function useParcels(selectedKelurahan: string | null) {
  const [parcels, setParcels] = useState<Loadable<ParcelMapFeature[]>>({ status: 'loading' });
  const [display, setDisplay] = useState<ParcelDisplayKind>('geojson');
  /** Live parcels of the whole region (with tiles, more than `parcels` holds); null until known. */
  const [total, setTotal] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    void revision;
    const controller = new AbortController();
    api
      .parcelMap(regionListingQuery(), controller.signal)
      .then((data) => {
        setTotal(data.numberMatched);
        if (tooManyForListing(data)) {
          setDisplay('tiles');
          return;
        }
        setDisplay('geojson');
        setParcels({ status: 'ready', data: data.features });
      })
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        setParcels((current) => (current.status === 'ready' ? current : { status: 'error', error: toApiError(error) }));
      });
    return () => controller.abort();
  }, [revision]);

  // With tiles, the panels still list (and the map names) the selected kelurahan's parcels.
  useEffect(() => {
    void revision;
    if (display !== 'tiles') return;
    if (!selectedKelurahan) {
      setParcels({ status: 'ready', data: [] });
      return;
    }
    const controller = new AbortController();
    api
      .parcelMap(`kelurahan=${encodeURIComponent(selectedKelurahan)}&limit=50000`, controller.signal)
      .then((data) => setParcels({ status: 'ready', data: data.features }))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        setParcels((current) => (current.status === 'ready' ? current : { status: 'error', error: toApiError(error) }));
      });
    return () => controller.abort();
  }, [display, selectedKelurahan, revision]);

  const reload = useCallback(() => setRevision((n) => n + 1), []);
  return { parcels, display, total, revision, reload };
}

/**
 * Reads a parcel in full (checks, attributes, the ETag's version) before the panel opens it: the map listing
 * carries none of that, and a list row may be older than the parcel. Only the latest request counts: a planner
 * who clicks two parcels quickly ends up on the second.
 */
export function useFreshParcel() {
  const latest = useRef(0);
  return useCallback(async (id: string): Promise<Versioned<ParcelFeature> | null> => {
    const request = ++latest.current;
    const fresh = await api.parcel(id);
    return request === latest.current ? fresh : null;
  }, []);
}

/**
 * The editor's snapping and the import's "zoom to what arrived" read only `id` and `geometry` of the parcels
 * they are given, which the map listing carries; their parameter types still name the full feature. They
 * belong to other modules: narrowing those types to `Pick<ParcelFeature, 'id' | 'geometry'>` removes this.
 */
export function asGeometrySource(parcels: readonly ParcelMapFeature[]): readonly ParcelFeature[] {
  return parcels as unknown as readonly ParcelFeature[];
}
