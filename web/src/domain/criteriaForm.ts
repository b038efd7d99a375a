import type { OwnerClass } from '@tapak/core';
import type { Criteria } from '../api/types.ts';
import { parseLocaleNumber } from './parcelForm.ts';

// The criteria editor's form: numbers as the planner types them (id-ID, "0,01"), turned back into a
// criteria body with field errors. The server validates again (zod); these are for inline messages.

export const CRITERIA_NUMBER_FIELDS = [
  'min_area_m2',
  'ideal_area_m2',
  'footprint_width_m',
  'footprint_depth_m',
  'min_width_m',
  'border_outside_ratio',
  'overlay_sliver_tolerance_m2',
  'road_max_distance_m',
  'facility_max_distance_m',
] as const;
export type CriteriaNumberField = (typeof CRITERIA_NUMBER_FIELDS)[number];

export type CriteriaForm = Record<CriteriaNumberField, string> & {
  eligible_owner_classes: OwnerClass[];
  road_access_severity: 'hard' | 'soft';
};

export type CriteriaErrorCode = 'required' | 'number' | 'positive' | 'ratio' | 'idealBelowMin' | 'ownersEmpty';
export type CriteriaErrors = Partial<Record<CriteriaNumberField | 'eligible_owner_classes', CriteriaErrorCode>>;

function text(value: number): string {
  return String(value).replace('.', ',');
}

export function criteriaToForm(criteria: Criteria): CriteriaForm {
  const numbers = Object.fromEntries(CRITERIA_NUMBER_FIELDS.map((f) => [f, text(criteria[f])])) as Record<
    CriteriaNumberField,
    string
  >;
  return {
    ...numbers,
    eligible_owner_classes: [...criteria.eligible_owner_classes],
    road_access_severity: criteria.road_access_severity,
  };
}

/** Fields that must be above zero; the others may be zero. */
const POSITIVE: ReadonlySet<CriteriaNumberField> = new Set([
  'min_area_m2',
  'ideal_area_m2',
  'footprint_width_m',
  'footprint_depth_m',
]);

/** The criteria to send (the base keeps what the form does not edit, e.g. score weights), or the errors. */
export function formToCriteria(
  form: CriteriaForm,
  base: Criteria,
): { ok: true; criteria: Criteria } | { ok: false; errors: CriteriaErrors } {
  const errors: CriteriaErrors = {};
  const values = {} as Record<CriteriaNumberField, number>;
  for (const field of CRITERIA_NUMBER_FIELDS) {
    const value = parseLocaleNumber(form[field]);
    if (value === null) errors[field] = 'required';
    else if (!Number.isFinite(value)) errors[field] = 'number';
    else if (POSITIVE.has(field) ? value <= 0 : value < 0) errors[field] = 'positive';
    else if (field === 'border_outside_ratio' && value > 1) errors[field] = 'ratio';
    else values[field] = value;
  }
  if (
    !errors.min_area_m2 &&
    !errors.ideal_area_m2 &&
    values.ideal_area_m2 !== undefined &&
    values.min_area_m2 !== undefined &&
    values.ideal_area_m2 < values.min_area_m2
  ) {
    errors.ideal_area_m2 = 'idealBelowMin';
  }
  if (form.eligible_owner_classes.length === 0) errors.eligible_owner_classes = 'ownersEmpty';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    criteria: {
      ...base,
      ...values,
      eligible_owner_classes: [...form.eligible_owner_classes],
      road_access_severity: form.road_access_severity,
    },
  };
}
