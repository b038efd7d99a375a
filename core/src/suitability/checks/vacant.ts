import { type Check, checkResult } from '../checkResult.ts';

/** Soft: vacant land is ready to build; land in use needs clearing first. */
export const vacant: Check = (input) => {
  const isVacant = input.attributes.is_vacant ?? null;
  return checkResult({
    id: 'vacant',
    severity: 'soft',
    status: isVacant === null ? 'unknown' : isVacant ? 'pass' : 'fail',
    reason: isVacant === null ? 'use_unknown' : isVacant ? 'vacant' : 'in_use',
    message:
      isVacant === null
        ? { id: 'Penggunaan lahan saat ini belum diisi', en: 'Current land use not entered' }
        : isVacant
          ? { id: 'Lahan kosong, siap bangun', en: 'Vacant, ready to build' }
          : { id: 'Lahan sedang digunakan', en: 'The land is in use' },
    value: isVacant,
    threshold: true,
  });
};
