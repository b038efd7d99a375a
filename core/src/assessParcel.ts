import type { Criteria } from './contracts/criteria.ts';
import type { Assessment, ParcelAttributesPatch } from './contracts/parcel.ts';
import { areaSquareMeters } from './geometry/areaSquareMeters.ts';
import { fitFootprint } from './geometry/fitFootprint.ts';
import { largestInscribedCircleRadiusMeters } from './geometry/largestInscribedCircle.ts';
import type { AreaGeometry } from './geometry/types.ts';
import type { CheckResult } from './suitability/checkResult.ts';
import { evaluateSuitability } from './suitability/evaluateSuitability.ts';

/** Which kelurahan holds the parcel (largest overlap) and how much of the parcel lies outside it. */
export interface KelurahanAssignment {
  kode: string;
  nama: string;
  /** Share (0–1) of the parcel's area outside the assigned kelurahan. */
  outsideRatio: number;
}

/**
 * The whole verdict on one parcel: ellipsoidal area, the placed prototype footprint, its narrowest width and
 * every suitability check. The server stores this; the web computes the same while the planner draws.
 * The kelurahan assignment needs the boundaries, so the caller provides it.
 */
export function assessParcel(
  geometry: AreaGeometry,
  attributes: ParcelAttributesPatch,
  criteria: Criteria,
  kelurahan: KelurahanAssignment | null,
  extraChecks: readonly CheckResult[] = [],
): Assessment {
  const area = areaSquareMeters(geometry);
  const fit = fitFootprint(geometry, {
    widthMeters: criteria.footprint_width_m,
    depthMeters: criteria.footprint_depth_m,
  });
  const minimumWidthMeters = 2 * largestInscribedCircleRadiusMeters(geometry);
  const verdict = evaluateSuitability(
    {
      areaSquareMeters: area,
      footprint: { fits: fit.fits, slackMeters: fit.slackMeters },
      minimumWidthMeters,
      kelurahan,
      attributes: {
        owner_class: attributes.owner_class ?? null,
        legal_status: attributes.legal_status ?? null,
        is_vacant: attributes.is_vacant ?? null,
        fasos_fasum: attributes.fasos_fasum ?? null,
      },
    },
    criteria,
    extraChecks,
  );
  const crossesBorder = kelurahan !== null && kelurahan.outsideRatio > criteria.border_outside_ratio;
  return {
    area_m2: area,
    kelurahan: kelurahan ? { kode: kelurahan.kode, nama: kelurahan.nama } : null,
    crosses_border: crossesBorder,
    kelurahan_outside_ratio: kelurahan?.outsideRatio ?? null,
    fits_prototype: fit.fits,
    footprint: fit.footprint,
    footprint_rotation_deg: fit.rotationDegrees,
    footprint_slack_m: fit.slackMeters,
    min_width_m: minimumWidthMeters,
    ...verdict,
  };
}
