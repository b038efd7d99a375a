import { ownerClassLabels } from '../../contracts/codeLists.ts';
import { type Check, checkResult } from '../checkResult.ts';

/**
 * Hard: the owner class is one the programme accepts. Fasos-fasum land counts only once the developer has
 * handed it over to the city by BAST; before that it is not the city's to give.
 */
export const ownerEligible: Check = (input, criteria) => {
  const owner = input.attributes.owner_class ?? null;
  const base = {
    id: 'owner_eligible',
    severity: 'hard' as const,
    value: owner,
    threshold: criteria.eligible_owner_classes,
  };
  if (owner === null) {
    return checkResult({
      ...base,
      status: 'unknown',
      reason: 'owner_unknown',
      message: { id: 'Kelas pemilik belum diisi', en: 'Owner class not entered' },
    });
  }
  const label = ownerClassLabels[owner];
  if (!criteria.eligible_owner_classes.includes(owner)) {
    return checkResult({
      ...base,
      status: 'fail',
      reason: 'owner_not_eligible',
      message: {
        id: `Pemilik "${label.id}" tidak termasuk yang diperbolehkan`,
        en: `Owner "${label.en}" is not eligible`,
      },
    });
  }
  if (owner === 'fasos_fasum') {
    const handover = input.attributes.fasos_fasum?.handover_status ?? null;
    if (handover !== 'sudah_bast') {
      return checkResult({
        ...base,
        status: handover === null ? 'unknown' : 'fail',
        reason: handover === null ? 'fasos_handover_unknown' : 'fasos_not_handed_over',
        message:
          handover === null
            ? {
                id: 'Status serah terima fasos-fasum (BAST) belum diisi',
                en: 'Fasos-fasum handover (BAST) status not entered',
              }
            : {
                id: 'Fasos-fasum belum diserahkan ke pemerintah kota dengan BAST',
                en: 'Fasos-fasum not yet handed over to the city by BAST',
              },
      });
    }
  }
  return checkResult({
    ...base,
    status: 'pass',
    reason: 'owner_eligible',
    message: { id: `Pemilik: ${label.id}`, en: `Owner: ${label.en}` },
  });
};
