import { formatSquareMeters } from '../../format.ts';
import { type Check, checkResult } from '../checkResult.ts';

/** Soft: the national ideal (1,000 m²) leaves room for parking beside the building. */
export const areaIdeal: Check = (input, criteria) => {
  const area = input.areaSquareMeters;
  const ideal = criteria.ideal_area_m2;
  const ok = Math.round(area * 100) / 100 >= ideal;
  return checkResult({
    id: 'area_ideal',
    severity: 'soft',
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'area_ideal' : 'area_below_ideal',
    message: ok
      ? {
          id: `Luas memenuhi ideal ${formatSquareMeters(ideal, 'id')}`,
          en: `Area meets the ideal ${formatSquareMeters(ideal, 'en')}`,
        }
      : {
          id: `Luas di bawah ideal ${formatSquareMeters(ideal, 'id')} (bangunan + parkir)`,
          en: `Area below the ideal ${formatSquareMeters(ideal, 'en')} (building + parking)`,
        },
    value: area,
    threshold: ideal,
  });
};
