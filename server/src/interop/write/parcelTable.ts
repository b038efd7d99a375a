import wkx from 'wkx';
import { type FlatValue, parcelColumns, wktColumn } from '../parcelColumns.ts';
import type { ParcelFeature } from '../parcelFeature.ts';

export interface Table {
  header: string[];
  rows: FlatValue[][];
}

/** Parcels as one table for CSV and XLSX: every export column, then the geometry as WKT (lon/lat, WGS 84). */
export function parcelTable(features: ParcelFeature[]): Table {
  return {
    header: [...parcelColumns.map((column) => column.key), wktColumn],
    rows: features.map((feature) => [
      ...parcelColumns.map((column) => column.value(feature.properties)),
      wkx.Geometry.parseGeoJSON(feature.geometry).toWkt(),
    ]),
  };
}
