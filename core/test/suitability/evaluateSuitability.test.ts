import { describe, expect, it } from 'vitest';
import defaults from '../../../data/criteria.default.json' with { type: 'json' };
import type { Criteria } from '../../src/contracts/criteria.ts';
import { criteriaSchema } from '../../src/contracts/criteria.ts';
import { coverageState } from '../../src/coverage/coverageState.ts';
import type { SuitabilityInput } from '../../src/suitability/checkResult.ts';
import { evaluateSuitability } from '../../src/suitability/evaluateSuitability.ts';

const criteria: Criteria = criteriaSchema.parse(defaults);

const good: SuitabilityInput = {
  areaSquareMeters: 1200,
  footprint: { fits: true, slackMeters: 3.2 },
  minimumWidthMeters: 28,
  kelurahan: { kode: '32.75.01.1001', nama: 'Bekasijaya', outsideRatio: 0 },
  attributes: { owner_class: 'pemkot_bmd', legal_status: 'bersih', is_vacant: true },
};

const check = (input: SuitabilityInput, id: string) =>
  evaluateSuitability(input, criteria).checks.find((c) => c.id === id);

describe('suitability rules', () => {
  it('lets a large, owned, clear, vacant parcel qualify with a full score', () => {
    const verdict = evaluateSuitability(good, criteria);
    expect(verdict).toMatchObject({ qualifies: true, verdict: 'memenuhi', score: 100 });
    expect(verdict.checks.every((c) => c.passed)).toBe(true);
  });

  it('fails the minimum area at 599.9 m² and passes it at exactly 600 m², with id-ID numbers', () => {
    expect(check({ ...good, areaSquareMeters: 599.9 }, 'area_min')).toMatchObject({
      status: 'fail',
      reason: 'area_below_minimum',
      value: 599.9,
      threshold: 600,
    });
    expect(check({ ...good, areaSquareMeters: 599.9 }, 'area_min')?.message.id).toBe(
      'Luas 599,9 m² kurang dari minimum 600 m²',
    );
    expect(check({ ...good, areaSquareMeters: 600 }, 'area_min')?.passed).toBe(true);
  });

  it('fails on a footprint that does not fit, a narrow parcel, a dispute, an ineligible owner', () => {
    expect(evaluateSuitability({ ...good, footprint: { fits: false, slackMeters: -0.4 } }, criteria).verdict).toBe(
      'tidak_memenuhi',
    );
    expect(check({ ...good, minimumWidthMeters: 12 }, 'min_width')?.reason).toBe('too_narrow');
    expect(
      check({ ...good, attributes: { ...good.attributes, legal_status: 'sengketa' } }, 'legal_not_disputed'),
    ).toMatchObject({ status: 'fail', reason: 'legal_disputed' });
    expect(
      check({ ...good, attributes: { ...good.attributes, owner_class: 'swasta' } }, 'owner_eligible')?.reason,
    ).toBe('owner_not_eligible');
  });

  it('accepts fasos-fasum land only once it is handed over by BAST', () => {
    const fasos = (handover: 'belum_diserahkan' | 'sudah_bast' | null) =>
      check(
        {
          ...good,
          attributes: { ...good.attributes, owner_class: 'fasos_fasum', fasos_fasum: { handover_status: handover } },
        },
        'owner_eligible',
      );
    expect(fasos('belum_diserahkan')).toMatchObject({ status: 'fail', reason: 'fasos_not_handed_over' });
    expect(fasos(null)).toMatchObject({ status: 'unknown', reason: 'fasos_handover_unknown' });
    expect(fasos('sudah_bast')).toMatchObject({ status: 'pass' });
  });

  it('calls a parcel with missing ownership data incomplete, not failed', () => {
    const verdict = evaluateSuitability({ ...good, attributes: {} }, criteria);
    expect(verdict).toMatchObject({ qualifies: false, verdict: 'belum_lengkap' });
  });

  it('ranks by soft checks: 950 m² above 650 m², a border crossing below a parcel inside', () => {
    const score = (input: SuitabilityInput) => evaluateSuitability(input, criteria).score;
    expect(score({ ...good, areaSquareMeters: 950 })).toBeGreaterThan(score({ ...good, areaSquareMeters: 650 }));
    expect(score({ ...good, kelurahan: { kode: 'x', nama: 'X', outsideRatio: 0.2 } })).toBeLessThan(score(good));
    expect(
      check({ ...good, kelurahan: { kode: 'x', nama: 'X', outsideRatio: 0.005 } }, 'within_kelurahan')?.passed,
    ).toBe(true);
  });

  it('lets checks computed elsewhere (overlays) veto a parcel', () => {
    const verdict = evaluateSuitability(good, criteria, [
      {
        id: 'flood',
        severity: 'hard',
        status: 'fail',
        passed: false,
        reason: 'overlaps_flood',
        message: { id: 'Rawan banjir', en: 'Flood-prone' },
        value: 120,
        threshold: 1,
      },
    ]);
    expect(verdict).toMatchObject({ qualifies: false, verdict: 'tidak_memenuhi' });
  });

  it('refuses criteria whose ideal is below the minimum', () => {
    expect(criteriaSchema.safeParse({ ...defaults, ideal_area_m2: 500 }).success).toBe(false);
  });
});

describe('coverage state', () => {
  it('says how far a kelurahan got', () => {
    const base = { candidates: 0, qualifying: 0, shortlisted: 0, primary_status: null };
    expect(coverageState(base)).toBe('tanpa_kandidat');
    expect(coverageState({ ...base, candidates: 2 })).toBe('belum_memenuhi');
    expect(coverageState({ ...base, candidates: 2, qualifying: 1 })).toBe('memenuhi');
    expect(coverageState({ ...base, candidates: 2, qualifying: 1, shortlisted: 1 })).toBe('shortlist');
    expect(coverageState({ ...base, candidates: 2, qualifying: 1, primary_status: 'diusulkan' })).toBe('diusulkan');
  });
});
