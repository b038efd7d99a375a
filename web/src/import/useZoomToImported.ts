import type { MultiPolygon } from 'geojson';
import { useCallback, useEffect, useState } from 'react';
import type { TapakMap } from '../map/controller.ts';

/** What framing needs of a parcel (the map's light parcel list and full parcels both have it). */
type Framed = { id: string; geometry: MultiPolygon };

/** One MultiPolygon of every part of the given parcels, to frame them together. */
export function unionOfParts(parcels: readonly Framed[], ids: ReadonlySet<string>): MultiPolygon | null {
  const coordinates = parcels.filter((parcel) => ids.has(parcel.id)).flatMap((parcel) => parcel.geometry.coordinates);
  return coordinates.length > 0 ? { type: 'MultiPolygon', coordinates } : null;
}

/**
 * After an import the planner wants to see what arrived: once the reloaded parcel list holds the new ids,
 * the map frames them (once).
 */
export function useZoomToImported(controller: TapakMap | null, parcels: readonly Framed[] | null) {
  const [pending, setPending] = useState<ReadonlySet<string> | null>(null);
  useEffect(() => {
    if (!pending || !parcels || !controller) return;
    const union = unionOfParts(parcels, pending);
    if (!union) return;
    setPending(null);
    controller.zoomToGeometry(union);
  }, [pending, parcels, controller]);
  return useCallback((ids: readonly string[]) => setPending(ids.length > 0 ? new Set(ids) : null), []);
}
