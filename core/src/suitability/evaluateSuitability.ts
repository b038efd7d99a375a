import type { Criteria } from '../contracts/criteria.ts';
import type { Check, CheckResult, SuitabilityInput } from './checkResult.ts';
import { areaIdeal } from './checks/areaIdeal.ts';
import { areaMinimum } from './checks/areaMinimum.ts';
import { footprintFits } from './checks/footprintFits.ts';
import { legalClear, legalNotDisputed } from './checks/legalNotDisputed.ts';
import { minimumWidth } from './checks/minimumWidth.ts';
import { ownerEligible } from './checks/ownerEligible.ts';
import { vacant } from './checks/vacant.ts';
import { withinKelurahan } from './checks/withinKelurahan.ts';

/** The checks that read the parcel alone, in the order a planner reads them. */
export const parcelChecks: readonly Check[] = [
  areaMinimum,
  footprintFits,
  minimumWidth,
  ownerEligible,
  legalNotDisputed,
  areaIdeal,
  vacant,
  withinKelurahan,
  legalClear,
];

export type Verdict = 'memenuhi' | 'tidak_memenuhi' | 'belum_lengkap';

export interface SuitabilityVerdict {
  checks: CheckResult[];
  /** Every hard check passes. */
  qualifies: boolean;
  /** memenuhi = qualifies; tidak_memenuhi = a hard check fails; belum_lengkap = nothing fails but data is missing. */
  verdict: Verdict;
  /** 0–100 from the soft checks, for ranking candidates within a kelurahan. */
  score: number;
}

const defaultSoftWeight = 10;

/**
 * Runs every parcel check and any further checks computed elsewhere (overlay checks, which need the
 * database's layers, are evaluated by the server and passed in as results).
 */
export function evaluateSuitability(
  input: SuitabilityInput,
  criteria: Criteria,
  extraChecks: readonly CheckResult[] = [],
): SuitabilityVerdict {
  const checks = [...parcelChecks.map((check) => check(input, criteria)), ...extraChecks];
  const hard = checks.filter((c) => c.severity === 'hard');
  const qualifies = hard.every((c) => c.status === 'pass');
  const verdict: Verdict = qualifies
    ? 'memenuhi'
    : hard.some((c) => c.status === 'fail')
      ? 'tidak_memenuhi'
      : 'belum_lengkap';
  return { checks, qualifies, verdict, score: softScore(checks, input, criteria) };
}

function softScore(checks: readonly CheckResult[], input: SuitabilityInput, criteria: Criteria): number {
  let total = 0;
  let earned = 0;
  for (const check of checks) {
    if (check.severity !== 'soft') continue;
    const weight = criteria.score_weights[check.id] ?? defaultSoftWeight;
    total += weight;
    if (check.id === 'area_ideal') {
      // Partial credit between the minimum and the ideal area, so 950 m² ranks above 650 m².
      const span = criteria.ideal_area_m2 - criteria.min_area_m2;
      const share = span > 0 ? (input.areaSquareMeters - criteria.min_area_m2) / span : check.passed ? 1 : 0;
      earned += weight * Math.min(1, Math.max(0, share));
    } else if (check.status === 'pass') {
      earned += weight;
    }
  }
  return total === 0 ? 0 : Math.round((earned / total) * 1000) / 10;
}
