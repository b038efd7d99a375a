import type { ParcelMapFeature } from '../api/types.ts';
import type { LabelItem } from './labels.ts';

// Parcel names on the map (HTML, see labels.ts): from a zoom where parcels are tens of pixels wide, at most a
// few dozen at once, the ones a planner looks for first winning the collisions.

/**
 * From here a 40 m parcel is about 17 px wide at Bekasi's latitude: a name can sit on it and still say
 * which parcel it belongs to. Below, names of neighbouring parcels would pile up over the city.
 */
export const PARCEL_LABEL_MIN_ZOOM = 16;
/** A screenful of names is already more than anyone reads; more only hides the parcels' colours. */
export const PARCEL_LABEL_MAX_VISIBLE = 60;

const AREA_WEIGHT_CAP_M2 = 1e6;

/** Primary site first, then the shortlist, then qualifying parcels, then the rest; larger first within each. */
export function parcelLabelPriority(properties: ParcelMapFeature['properties']): number {
  const tier = properties.is_primary ? 4 : properties.shortlisted ? 3 : properties.qualifies ? 2 : 1;
  return tier * AREA_WEIGHT_CAP_M2 + Math.min(properties.area_m2, AREA_WEIGHT_CAP_M2 - 1);
}

/** One label per parcel at its point on surface (always inside the parcel), except the one being edited. */
export function parcelLabelItems(parcels: readonly ParcelMapFeature[], hiddenId: string | null): LabelItem[] {
  return parcels.flatMap((parcel) => {
    const name = parcel.properties.name.trim();
    if (parcel.id === hiddenId || name.length === 0) return [];
    return [
      { id: parcel.id, text: name, lngLat: parcel.properties.point, priority: parcelLabelPriority(parcel.properties) },
    ];
  });
}
