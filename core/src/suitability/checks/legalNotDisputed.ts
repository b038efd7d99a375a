import { type Check, checkResult } from '../checkResult.ts';

/** Hard: ownership is not disputed (sengketa). Unknown status is not a failure, but it is not a pass either. */
export const legalNotDisputed: Check = (input) => {
  const status = input.attributes.legal_status ?? null;
  const base = { id: 'legal_not_disputed', severity: 'hard' as const, value: status, threshold: 'bukan sengketa' };
  if (status === null || status === 'belum_diketahui') {
    return checkResult({
      ...base,
      status: 'unknown',
      reason: 'legal_status_unknown',
      message: { id: 'Status hukum lahan belum diketahui', en: 'Legal status of the land unknown' },
    });
  }
  if (status === 'sengketa') {
    return checkResult({
      ...base,
      status: 'fail',
      reason: 'legal_disputed',
      message: { id: 'Lahan dalam sengketa', en: 'The land is disputed' },
    });
  }
  return checkResult({
    ...base,
    status: 'pass',
    reason: 'legal_not_disputed',
    message: { id: 'Lahan tidak dalam sengketa', en: 'The land is not disputed' },
  });
};

/** Soft: a clear title (bersih) ranks above one still in process. */
export const legalClear: Check = (input) => {
  const status = input.attributes.legal_status ?? null;
  const clear = status === 'bersih';
  return checkResult({
    id: 'legal_clear',
    severity: 'soft',
    status: status === null || status === 'belum_diketahui' ? 'unknown' : clear ? 'pass' : 'fail',
    reason: clear ? 'legal_clear' : 'legal_not_clear',
    message: clear
      ? { id: 'Status hukum jelas', en: 'Clear legal status' }
      : { id: 'Status hukum belum jelas sepenuhnya', en: 'Legal status not fully clear' },
    value: status,
    threshold: 'bersih',
  });
};
