import type { Criteria } from '../../contracts/criteria.ts';
import { formatMeters } from '../../format.ts';
import { type CheckResult, checkResult } from '../checkResult.ts';
import type { OverlayMeasurements } from '../overlayMeasurements.ts';

/** Soft: a public facility (school, market, health post) within reach makes a site more strategic. */
export function facilityNearby(measurements: OverlayMeasurements, criteria: Criteria): CheckResult | null {
  if (!measurements.facilityLayersPresent) return null;
  const facility = measurements.nearestFacility;
  const max = criteria.facility_max_distance_m;
  const ok = facility !== null && facility.distanceMeters <= max;
  const name = facility?.name ?? facility?.facilityType ?? '';
  return checkResult({
    id: 'facility_nearby',
    severity: 'soft',
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'facility_nearby' : 'facility_far',
    message: facility
      ? {
          id: `Fasilitas terdekat ${name} ${formatMeters(facility.distanceMeters, 'id', 0)}`.replace(/\s+/g, ' '),
          en: `Nearest facility ${name} ${formatMeters(facility.distanceMeters, 'en', 0)}`.replace(/\s+/g, ' '),
        }
      : { id: 'Tidak ada fasilitas umum di sekitar', en: 'No public facility nearby' },
    value: facility ? Math.round(facility.distanceMeters) : null,
    threshold: max,
  });
}
