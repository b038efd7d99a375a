/**
 * Minimal GeoJSON (RFC 7946) geometry types for land parcels.
 *
 * Coordinates are WGS 84 degrees in GeoJSON order: longitude first, then latitude. A third number
 * (altitude) is tolerated on input because survey exports often carry it, but Tapak never uses it.
 */

/** `[lon, lat]` or `[lon, lat, altitude]` in WGS 84 degrees. */
export type Position = [lon: number, lat: number] | [lon: number, lat: number, altitude: number];

/** A 2D position, the form every Tapak function returns. */
export type LonLat = [lon: number, lat: number];

/** A closed ring: the first and last positions are equal, at least 4 positions. */
export type LinearRing = Position[];

/** A polygon: the first ring is the exterior boundary, the others are holes. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LinearRing[];
}

/** Several disjoint polygons forming one area (e.g. a parcel split by a road). */
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

/** Any geometry that encloses an area. */
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

/** The polygons of an area geometry, each as `[exterior, ...holes]`, so callers need not branch on the type. */
export function polygonsOf(geometry: AreaGeometry): LinearRing[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}
