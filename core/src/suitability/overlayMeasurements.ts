import type { ExclusionKind, RoadClass } from '../contracts/overlay.ts';

/**
 * What PostGIS measured between one parcel and the overlay layers: the rules that judge these numbers are
 * in the core (overlay check files), the measuring is the database's job (it holds the layers).
 */
export interface OverlayMeasurements {
  /** Exclusion kinds that have at least one layer (a kind without a layer cannot be checked). */
  exclusionKindsPresent: ExclusionKind[];
  /** Overlap with each exclusion layer the parcel touches. */
  exclusionOverlaps: Array<{ kind: ExclusionKind; layerName: string; overlapSquareMeters: number }>;
  roadLayersPresent: boolean;
  nearestRoad: { distanceMeters: number; roadClass: RoadClass | null; layerName: string } | null;
  facilityLayersPresent: boolean;
  nearestFacility: { distanceMeters: number; name: string | null; facilityType: string | null } | null;
}

export const noOverlayMeasurements: OverlayMeasurements = {
  exclusionKindsPresent: [],
  exclusionOverlaps: [],
  roadLayersPresent: false,
  nearestRoad: null,
  facilityLayersPresent: false,
  nearestFacility: null,
};
