import { describe, expect, it } from 'vitest';
import { noSiteReason } from '../../src/coverage/noSiteReason.ts';
import type { CheckResult } from '../../src/suitability/checkResult.ts';

const hard = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  severity: 'hard',
  status,
  passed: status === 'pass',
  reason: id,
  message: { id, en: id },
  value: null,
  threshold: null,
});

describe('why a kelurahan has no qualifying site', () => {
  it('reads the candidate that came closest', () => {
    expect(noSiteReason([])).toBe('no_candidate');
    expect(noSiteReason([{ checks: [hard('area_min', 'fail'), hard('footprint_fit', 'fail')], score: 50 }])).toBe(
      'too_small',
    );
    expect(
      noSiteReason([
        { checks: [hard('area_min', 'fail'), hard('footprint_fit', 'fail')], score: 90 },
        { checks: [hard('area_min', 'pass'), hard('outside_flood', 'fail')], score: 10 },
      ]),
    ).toBe('overlay_conflict');
    expect(noSiteReason([{ checks: [hard('legal_not_disputed', 'fail')], score: 0 }])).toBe('dispute');
    expect(noSiteReason([{ checks: [hard('owner_eligible', 'unknown')], score: 0 }])).toBe('incomplete');
    expect(noSiteReason([{ checks: [hard('area_min', 'pass')], score: 0 }])).toBeNull();
  });
});
