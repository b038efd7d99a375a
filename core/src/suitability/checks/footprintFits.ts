import { formatMeters } from '../../format.ts';
import { type Check, checkResult } from '../checkResult.ts';

/** Hard: the Agrinas prototype building (30 × 20 m by default) fits inside the parcel at some position and angle. */
export const footprintFits: Check = (input, criteria) => {
  const size = `${criteria.footprint_width_m} × ${criteria.footprint_depth_m} m`;
  const { fits, slackMeters } = input.footprint;
  return checkResult({
    id: 'footprint_fit',
    severity: 'hard',
    status: fits ? 'pass' : 'fail',
    reason: fits ? 'footprint_fits' : 'footprint_does_not_fit',
    message: fits
      ? {
          id: `Bangunan prototipe ${size} muat${slackMeters !== null ? ` (sisa ${formatMeters(slackMeters, 'id')})` : ''}`,
          en: `The ${size} prototype building fits${slackMeters !== null ? ` (slack ${formatMeters(slackMeters, 'en')})` : ''}`,
        }
      : {
          id: `Bangunan prototipe ${size} tidak muat di bidang ini pada posisi atau arah mana pun`,
          en: `The ${size} prototype building does not fit in this parcel at any position or angle`,
        },
    value: slackMeters,
    threshold: size,
  });
};
