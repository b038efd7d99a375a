import type { Criteria } from '../../contracts/criteria.ts';
import type { ExclusionKind } from '../../contracts/overlay.ts';
import { overlayKindLabels } from '../../contracts/overlay.ts';
import { formatNumber, formatSquareMeters } from '../../format.ts';
import { type CheckResult, checkResult } from '../checkResult.ts';
import type { OverlayMeasurements } from '../overlayMeasurements.ts';

/**
 * Hard: the parcel lies outside every layer of one exclusion kind (flood, RTH, LP2B, SUTET corridor, other).
 * Overlap up to the sliver tolerance (1 m² by default) is digitising noise along shared edges, not a conflict.
 */
export function outsideExclusion(
  kind: ExclusionKind,
  measurements: OverlayMeasurements,
  areaSquareMeters: number,
  criteria: Criteria,
): CheckResult {
  const overlaps = measurements.exclusionOverlaps.filter((o) => o.kind === kind);
  const overlap = overlaps.reduce((sum, o) => sum + o.overlapSquareMeters, 0);
  const tolerance = criteria.overlay_sliver_tolerance_m2;
  const label = overlayKindLabels[kind];
  const ok = overlap <= tolerance;
  const percent = areaSquareMeters > 0 ? (overlap / areaSquareMeters) * 100 : 0;
  const layers = [...new Set(overlaps.map((o) => o.layerName))].join(', ');
  return checkResult({
    id: `outside_${kind}`,
    severity: 'hard',
    status: ok ? 'pass' : 'fail',
    reason: ok ? `outside_${kind}` : `overlaps_${kind}`,
    message: ok
      ? { id: `Di luar ${label.id}`, en: `Outside ${label.en}` }
      : {
          id: `Tumpang tindih dengan ${label.id} (${layers}): ${formatSquareMeters(overlap, 'id')} = ${formatNumber(percent, 'id')} % bidang`,
          en: `Overlaps ${label.en} (${layers}): ${formatSquareMeters(overlap, 'en')} = ${formatNumber(percent, 'en')} % of the parcel`,
        },
    value: Math.round(overlap * 100) / 100,
    threshold: tolerance,
  });
}
