import { formatSquareMeters } from '../../format.ts';
import { type Check, checkResult } from '../checkResult.ts';

/** Hard: at least the minimum area (600 m² by default), measured on the WGS 84 ellipsoid. */
export const areaMinimum: Check = (input, criteria) => {
  const area = input.areaSquareMeters;
  const min = criteria.min_area_m2;
  // Compared at the centimetre² the area is reported with: a 30 × 20 m rectangle that measures
  // 599.99999998 m² through floating point is 600 m², not a failure.
  const ok = Math.round(area * 100) / 100 >= min;
  return checkResult({
    id: 'area_min',
    severity: 'hard',
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'area_ok' : 'area_below_minimum',
    message: ok
      ? {
          id: `Luas ${formatSquareMeters(area, 'id')} ≥ ${formatSquareMeters(min, 'id')}`,
          en: `Area ${formatSquareMeters(area, 'en')} ≥ ${formatSquareMeters(min, 'en')}`,
        }
      : {
          id: `Luas ${formatSquareMeters(area, 'id')} kurang dari minimum ${formatSquareMeters(min, 'id')}`,
          en: `Area ${formatSquareMeters(area, 'en')} is below the minimum ${formatSquareMeters(min, 'en')}`,
        },
    value: area,
    threshold: min,
  });
};
