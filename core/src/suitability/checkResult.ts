import type { HandoverStatus, LegalStatus, OwnerClass } from '../contracts/codeLists.ts';
import type { Criteria } from '../contracts/criteria.ts';

/**
 * The verdict of one check. `status` is three-valued because a planner often has not entered ownership yet:
 * `unknown` is neither a pass nor a failure, and the map shows it as "belum dicek".
 */
export interface CheckResult {
  id: string;
  severity: 'hard' | 'soft';
  status: 'pass' | 'fail' | 'unknown';
  passed: boolean;
  /** Stable code for clients and exports, e.g. `area_below_minimum`. */
  reason: string;
  message: { id: string; en: string };
  value: number | string | boolean | null;
  threshold: number | string | boolean | string[] | null;
}

/** What the checks look at: measurements of the geometry plus the planner's attributes. */
export interface SuitabilityInput {
  areaSquareMeters: number;
  footprint: { fits: boolean; slackMeters: number | null };
  /** Diameter of the largest circle inside the parcel: the narrowest a building site can be. */
  minimumWidthMeters: number | null;
  kelurahan: { kode: string; nama: string; outsideRatio: number } | null;
  attributes: {
    owner_class?: OwnerClass | null;
    legal_status?: LegalStatus | null;
    is_vacant?: boolean | null;
    fasos_fasum?: { handover_status?: HandoverStatus | null } | null;
  };
}

export type Check = (input: SuitabilityInput, criteria: Criteria) => CheckResult;

/**
 * Completes a check's fields (always a fresh object literal at the call) with `passed`, in place: copying
 * the object with a spread cost 1,6 s of a 100,000-parcel re-judgement. `passed` comes last either way, so
 * the JSON text of a check, which stored judgements are compared by, is unchanged.
 */
export function checkResult(
  fields: Omit<CheckResult, 'passed' | 'status'> & { status: CheckResult['status'] },
): CheckResult {
  const check = fields as CheckResult;
  check.passed = fields.status === 'pass';
  return check;
}
