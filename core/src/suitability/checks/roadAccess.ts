import type { Criteria } from '../../contracts/criteria.ts';
import { formatMeters } from '../../format.ts';
import { type CheckResult, checkResult } from '../checkResult.ts';
import type { OverlayMeasurements } from '../overlayMeasurements.ts';

/**
 * Road access: the nearest road within 5 m by default (the parcel fronts it). Hard by default; while no road
 * layer exists it cannot be judged, so it is shown as unknown and does not block a parcel.
 */
export function roadAccess(measurements: OverlayMeasurements, criteria: Criteria): CheckResult {
  const max = criteria.road_max_distance_m;
  if (!measurements.roadLayersPresent) {
    return checkResult({
      id: 'road_access',
      severity: 'soft',
      status: 'unknown',
      reason: 'no_road_layer',
      message: {
        id: 'Akses jalan belum dapat dicek: belum ada lapisan jalan',
        en: 'Road access not checked: no road layer yet',
      },
      value: null,
      threshold: max,
    });
  }
  const road = measurements.nearestRoad;
  const ok = road !== null && road.distanceMeters <= max;
  return checkResult({
    id: 'road_access',
    severity: criteria.road_access_severity,
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'road_access' : 'no_road_access',
    message: ok
      ? {
          id: `Berbatasan dengan jalan (${formatMeters(road.distanceMeters, 'id', 1)})`,
          en: `Fronts a road (${formatMeters(road.distanceMeters, 'en', 1)})`,
        }
      : road
        ? {
            id: `Jalan terdekat ${formatMeters(road.distanceMeters, 'id', 1)} dari bidang (maks. ${formatMeters(max, 'id', 1)})`,
            en: `Nearest road ${formatMeters(road.distanceMeters, 'en', 1)} from the parcel (max ${formatMeters(max, 'en', 1)})`,
          }
        : { id: 'Tidak ada jalan di sekitar bidang', en: 'No road near the parcel' },
    value: road ? Math.round(road.distanceMeters * 100) / 100 : null,
    threshold: max,
  });
}

/** Soft: the road it fronts is of a preferred class (arteri/kolektor by default: reachable for trucks). */
export function roadClass(measurements: OverlayMeasurements, criteria: Criteria): CheckResult | null {
  if (!measurements.roadLayersPresent) return null;
  const road = measurements.nearestRoad;
  const cls = road && road.distanceMeters <= criteria.road_max_distance_m ? road.roadClass : null;
  const ok = cls !== null && criteria.preferred_road_classes.includes(cls);
  return checkResult({
    id: 'road_class',
    severity: 'soft',
    status: cls === null ? 'unknown' : ok ? 'pass' : 'fail',
    reason: cls === null ? 'road_class_unknown' : ok ? 'road_class_preferred' : 'road_class_minor',
    message:
      cls === null
        ? { id: 'Kelas jalan tidak diketahui', en: 'Road class unknown' }
        : { id: `Kelas jalan: ${cls}`, en: `Road class: ${cls}` },
    value: cls,
    threshold: criteria.preferred_road_classes,
  });
}
