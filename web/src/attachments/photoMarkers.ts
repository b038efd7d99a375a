import type { PhotoPointCollection } from '@tapak/core/contracts/attachment';
import type * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import type { TapakMap } from '../map/controller.ts';
import { onAttachmentsChanged } from './attachmentEvents.ts';
import { attachmentsApi } from './attachmentsApi.ts';

const SOURCE_PHOTOS = 'parcel-photos';
const LAYER_PHOTOS = 'parcel-photos-points';
const empty: PhotoPointCollection = { type: 'FeatureCollection', features: [] };

/** Small camera-coloured dots where the open parcel's photos were taken, above every other layer. */
function ensureLayer(map: maplibregl.Map): maplibregl.GeoJSONSource {
  if (!map.getSource(SOURCE_PHOTOS)) {
    map.addSource(SOURCE_PHOTOS, { type: 'geojson', data: empty });
    map.addLayer({
      id: LAYER_PHOTOS,
      type: 'circle',
      source: SOURCE_PHOTOS,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 18, 7],
        'circle-color': '#7c3aed',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    });
  }
  return map.getSource(SOURCE_PHOTOS) as maplibregl.GeoJSONSource;
}

function whenStyleReady(map: maplibregl.Map, run: () => void): () => void {
  if (map.isStyleLoaded()) {
    run();
    return () => {};
  }
  map.once('load', run);
  return () => map.off('load', run);
}

/** Shows the photo positions of the open parcel (none when no parcel is open); reloads after uploads. */
export function usePhotoMarkers(controller: TapakMap | null, parcelId: string | null): void {
  useEffect(() => {
    if (!controller) return;
    const map = controller.map;
    let abort = new AbortController();
    const show = (collection: PhotoPointCollection) => {
      try {
        ensureLayer(map).setData(collection);
      } catch {
        // The map was removed while the request was out.
      }
    };
    const load = () => {
      abort.abort();
      abort = new AbortController();
      if (!parcelId) return show(empty);
      const { signal } = abort;
      attachmentsApi
        .photoPoints(parcelId, signal)
        .then((collection) => !signal.aborted && show(collection))
        .catch(() => !signal.aborted && show(empty));
    };
    const stopWaiting = whenStyleReady(map, load);
    const stopListening = onAttachmentsChanged((changed) => {
      if (changed === parcelId) load();
    });
    return () => {
      abort.abort();
      stopWaiting();
      stopListening();
    };
  }, [controller, parcelId]);
}
