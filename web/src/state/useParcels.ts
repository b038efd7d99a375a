import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { ParcelFeature } from '../api/types.ts';
import type { Loadable } from './useTapakData.ts';

/** Every parcel on the map need not exceed this for a kota; the list pages through the API instead. */
const MAP_LIMIT = 10_000;

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(String(error), 0, null);
}

/**
 * All (not deleted) parcels of the region for the map and the kelurahan panels. `reload` keeps what is on
 * screen while it fetches, so saving a parcel does not flash the map.
 */
export function useParcels() {
  const [parcels, setParcels] = useState<Loadable<ParcelFeature[]>>({ status: 'loading' });
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    void revision;
    const controller = new AbortController();
    api
      .parcels(`limit=${MAP_LIMIT}`, controller.signal)
      .then((data) => setParcels({ status: 'ready', data: data.features }))
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setParcels((current) => (current.status === 'ready' ? current : { status: 'error', error: toApiError(error) }));
      });
    return () => controller.abort();
  }, [revision]);

  const reload = useCallback(() => setRevision((n) => n + 1), []);
  return { parcels, revision, reload };
}
