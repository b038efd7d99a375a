import type { parcelFeatureSchema } from '@tapak/core';
import type { z } from 'zod';

/** One parcel as the GeoJSON export writes it (PostGIS built it; it is not re-validated here). */
export type ParcelFeature = z.infer<typeof parcelFeatureSchema>;
export type ParcelProperties = ParcelFeature['properties'];

/** A MultiPolygon's coordinates: parts → rings → [lon, lat] positions. */
export type MultiPolygonCoordinates = number[][][][];

/** The features of a collection that `parcelCollectionJson` built. */
export function parcelFeaturesOf(collectionJson: string): ParcelFeature[] {
  return (JSON.parse(collectionJson) as { features: ParcelFeature[] }).features;
}
