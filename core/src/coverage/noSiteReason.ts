import type { CheckResult } from '../suitability/checkResult.ts';

/** Why a kelurahan has no qualifying site, for the planner deciding what to look for next. */
export type NoSiteReason =
  | 'no_candidate'
  | 'too_small'
  | 'footprint'
  | 'overlay_conflict'
  | 'ownership'
  | 'dispute'
  | 'incomplete';

export const noSiteReasonLabels: Record<NoSiteReason, { id: string; en: string }> = {
  no_candidate: { id: 'Belum ada kandidat', en: 'No candidate' },
  too_small: { id: 'Semua kandidat terlalu kecil', en: 'All candidates too small' },
  footprint: { id: 'Bangunan prototipe tidak muat', en: 'The prototype building does not fit' },
  overlay_conflict: {
    id: 'Bertumpang tindih dengan kawasan terlarang atau tanpa akses jalan',
    en: 'Overlay conflict or no road access',
  },
  ownership: { id: 'Kepemilikan tidak memenuhi', en: 'Ownership not eligible' },
  dispute: { id: 'Lahan dalam sengketa', en: 'Land disputed' },
  incomplete: { id: 'Data kandidat belum lengkap', en: 'Candidate data incomplete' },
};

function reasonOfCheck(check: CheckResult): NoSiteReason {
  if (check.id === 'area_min') return 'too_small';
  if (check.id === 'footprint_fit' || check.id === 'min_width') return 'footprint';
  if (check.id.startsWith('outside_') || check.id === 'road_access') return 'overlay_conflict';
  if (check.id === 'owner_eligible') return 'ownership';
  if (check.id === 'legal_not_disputed') return 'dispute';
  return 'incomplete';
}

/**
 * The reason, read from the candidate that came closest (fewest failed hard checks, then highest score):
 * its first failed hard check, in the order a planner would fix things.
 */
export function noSiteReason(
  candidates: ReadonlyArray<{ checks: readonly CheckResult[]; score: number }>,
): NoSiteReason | null {
  if (candidates.length === 0) return 'no_candidate';
  const failedHard = (c: { checks: readonly CheckResult[] }) =>
    c.checks.filter((check) => check.severity === 'hard' && check.status === 'fail');
  if (candidates.some((c) => c.checks.every((check) => check.severity !== 'hard' || check.status === 'pass'))) {
    return null;
  }
  const closest = [...candidates].sort((a, b) => failedHard(a).length - failedHard(b).length || b.score - a.score)[0];
  const first = closest ? failedHard(closest)[0] : undefined;
  return first ? reasonOfCheck(first) : 'incomplete';
}
