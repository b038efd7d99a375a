import type { Criteria } from './contracts/criteria.ts';
import type { Assessment, ParcelAttributesPatch } from './contracts/parcel.ts';
import { areaSquareMeters } from './geometry/areaSquareMeters.ts';
import { fitFootprint } from './geometry/fitFootprint.ts';
import { largestInscribedCircleRadiusMeters } from './geometry/largestInscribedCircle.ts';
import type { AreaGeometry, PolygonGeometry } from './geometry/types.ts';
import { evaluateSuitability } from './suitability/evaluateSuitability.ts';
import { overlayChecks } from './suitability/overlayChecks.ts';
import { noOverlayMeasurements, type OverlayMeasurements } from './suitability/overlayMeasurements.ts';

/** Which kelurahan holds the parcel (largest overlap) and how much of the parcel lies outside it. */
export interface KelurahanAssignment {
  kode: string;
  nama: string;
  /** Share (0–1) of the parcel's area outside the assigned kelurahan. */
  outsideRatio: number;
}

/** What the geometry alone yields: the expensive part, recomputed only when the shape or footprint size changes. */
export interface GeometryMeasures {
  areaSquareMeters: number;
  fits: boolean;
  footprint: PolygonGeometry | null;
  rotationDegrees: number | null;
  slackMeters: number | null;
  minimumWidthMeters: number | null;
}

export function measureGeometry(geometry: AreaGeometry, criteria: Criteria): GeometryMeasures {
  const fit = fitFootprint(geometry, {
    widthMeters: criteria.footprint_width_m,
    depthMeters: criteria.footprint_depth_m,
  });
  return {
    areaSquareMeters: areaSquareMeters(geometry),
    fits: fit.fits,
    footprint: fit.footprint,
    rotationDegrees: fit.rotationDegrees,
    slackMeters: fit.slackMeters,
    minimumWidthMeters: 2 * largestInscribedCircleRadiusMeters(geometry),
  };
}

/** The verdict from measures already taken: cheap, so a changed layer or criterion re-judges every parcel. */
export function judgeMeasures(
  measures: GeometryMeasures,
  attributes: ParcelAttributesPatch,
  criteria: Criteria,
  kelurahan: KelurahanAssignment | null,
  overlays: OverlayMeasurements = noOverlayMeasurements,
): Assessment {
  const verdict = evaluateSuitability(
    {
      areaSquareMeters: measures.areaSquareMeters,
      footprint: { fits: measures.fits, slackMeters: measures.slackMeters },
      minimumWidthMeters: measures.minimumWidthMeters,
      kelurahan,
      attributes: {
        owner_class: attributes.owner_class ?? null,
        legal_status: attributes.legal_status ?? null,
        is_vacant: attributes.is_vacant ?? null,
        fasos_fasum: attributes.fasos_fasum ?? null,
      },
    },
    criteria,
    overlayChecks(overlays, measures.areaSquareMeters, criteria),
  );
  return {
    area_m2: measures.areaSquareMeters,
    kelurahan: kelurahan ? { kode: kelurahan.kode, nama: kelurahan.nama } : null,
    crosses_border: kelurahan !== null && kelurahan.outsideRatio > criteria.border_outside_ratio,
    kelurahan_outside_ratio: kelurahan?.outsideRatio ?? null,
    fits_prototype: measures.fits,
    footprint: measures.footprint,
    footprint_rotation_deg: measures.rotationDegrees,
    footprint_slack_m: measures.slackMeters,
    min_width_m: measures.minimumWidthMeters,
    ...verdict,
  };
}

/**
 * The whole verdict on one parcel: ellipsoidal area, the placed prototype footprint, its narrowest width and
 * every suitability check. The server stores this; the web computes the same while the planner draws.
 * The kelurahan assignment and overlay measurements need the database, so the caller provides them.
 */
export function assessParcel(
  geometry: AreaGeometry,
  attributes: ParcelAttributesPatch,
  criteria: Criteria,
  kelurahan: KelurahanAssignment | null,
  overlays: OverlayMeasurements = noOverlayMeasurements,
): Assessment {
  return judgeMeasures(measureGeometry(geometry, criteria), attributes, criteria, kelurahan, overlays);
}
