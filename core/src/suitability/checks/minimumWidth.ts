import { formatMeters } from '../../format.ts';
import { type Check, checkResult } from '../checkResult.ts';

/** Hard: the parcel is nowhere narrower than the minimum width (the widest circle that fits inside it). */
export const minimumWidth: Check = (input, criteria) => {
  const width = input.minimumWidthMeters;
  const min = criteria.min_width_m;
  if (width === null) {
    return checkResult({
      id: 'min_width',
      severity: 'hard',
      status: 'unknown',
      reason: 'width_not_measured',
      message: { id: 'Lebar bidang belum diukur', en: 'Parcel width not measured' },
      value: null,
      threshold: min,
    });
  }
  const ok = width >= min;
  return checkResult({
    id: 'min_width',
    severity: 'hard',
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'width_ok' : 'too_narrow',
    message: ok
      ? {
          id: `Lebar bidang ${formatMeters(width, 'id', 1)} ≥ ${formatMeters(min, 'id', 1)}`,
          en: `Width ${formatMeters(width, 'en', 1)} ≥ ${formatMeters(min, 'en', 1)}`,
        }
      : {
          id: `Bidang terlalu sempit: lebar ${formatMeters(width, 'id', 1)} < ${formatMeters(min, 'id', 1)}`,
          en: `Parcel too narrow: width ${formatMeters(width, 'en', 1)} < ${formatMeters(min, 'en', 1)}`,
        },
    value: width,
    threshold: min,
  });
};
