import type { Criteria } from '../contracts/criteria.ts';
import type { CheckResult } from './checkResult.ts';
import { facilityNearby } from './checks/facilityNearby.ts';
import { outsideExclusion } from './checks/outsideExclusion.ts';
import { roadAccess, roadClass } from './checks/roadAccess.ts';
import type { OverlayMeasurements } from './overlayMeasurements.ts';

/** Every overlay check for one parcel, from what PostGIS measured; they slot into evaluateSuitability. */
export function overlayChecks(
  measurements: OverlayMeasurements,
  areaSquareMeters: number,
  criteria: Criteria,
): CheckResult[] {
  const checks: CheckResult[] = measurements.exclusionKindsPresent.map((kind) =>
    outsideExclusion(kind, measurements, areaSquareMeters, criteria),
  );
  checks.push(roadAccess(measurements, criteria));
  for (const optional of [roadClass(measurements, criteria), facilityNearby(measurements, criteria)]) {
    if (optional) checks.push(optional);
  }
  return checks;
}
