// Public API of the parcel geometry core: pure functions, WGS 84 GeoJSON in, meters out.
export { areaSquareMeters, ringAreaSquareMeters } from './areaSquareMeters.ts';
export type { FitFootprintOptions, FootprintFit } from './fitFootprint.ts';
export { FOOTPRINT_TOLERANCE_METERS, fitFootprint } from './fitFootprint.ts';
export type { LocalizedText } from './geometryProblemMessages.ts';
export type { LargestInscribedCircleOptions } from './largestInscribedCircle.ts';
export { largestInscribedCircleRadiusMeters } from './largestInscribedCircle.ts';
export type { LocalPoint, LocalProjection } from './localProjection.ts';
export { createLocalProjection } from './localProjection.ts';
export { normalizeAreaGeometry } from './normalizeAreaGeometry.ts';
export type {
  AreaGeometry,
  LinearRing,
  LonLat,
  MultiPolygonGeometry,
  PolygonGeometry,
  Position,
} from './types.ts';
export { polygonsOf } from './types.ts';
export type {
  AreaGeometryValidation,
  GeometryProblem,
  GeometryProblemReason,
  ValidateAreaGeometryLimits,
} from './validateAreaGeometry.ts';
export { validateAreaGeometry } from './validateAreaGeometry.ts';
export * from './validateOverlayGeometry.ts';
