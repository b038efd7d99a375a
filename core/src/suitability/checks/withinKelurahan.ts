import { formatNumber } from '../../format.ts';
import { type Check, checkResult } from '../checkResult.ts';

/**
 * Soft: the parcel lies within one kelurahan. The official boundaries are simplified and overlap in slivers,
 * so only more than the tolerated share outside (1 % by default) flags a border crossing.
 */
export const withinKelurahan: Check = (input, criteria) => {
  const kelurahan = input.kelurahan;
  const threshold = criteria.border_outside_ratio;
  if (!kelurahan) {
    return checkResult({
      id: 'within_kelurahan',
      severity: 'soft',
      status: 'unknown',
      reason: 'kelurahan_unknown',
      message: { id: 'Kelurahan belum diketahui', en: 'Kelurahan not known' },
      value: null,
      threshold,
    });
  }
  const outsidePercent = kelurahan.outsideRatio * 100;
  const ok = kelurahan.outsideRatio <= threshold;
  return checkResult({
    id: 'within_kelurahan',
    severity: 'soft',
    status: ok ? 'pass' : 'fail',
    reason: ok ? 'within_kelurahan' : 'crosses_kelurahan_border',
    message: ok
      ? { id: `Di dalam Kelurahan ${kelurahan.nama}`, en: `Within Kelurahan ${kelurahan.nama}` }
      : {
          id: `Melintasi batas kelurahan: ${formatNumber(outsidePercent, 'id')} % di luar Kelurahan ${kelurahan.nama}`,
          en: `Crosses a kelurahan border: ${formatNumber(outsidePercent, 'en')} % outside Kelurahan ${kelurahan.nama}`,
        },
    value: kelurahan.outsideRatio,
    threshold,
  });
};
