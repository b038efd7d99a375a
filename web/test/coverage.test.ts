import { describe, expect, it } from 'vitest';
import { COVERAGE_COLORS, COVERAGE_STATES, coverageState, hasQualifyingSite } from '../src/domain/coverage.ts';

const counts = (candidates: number, qualifying: number, shortlisted: number) => ({
  candidates,
  qualifying,
  shortlisted,
});

describe('coverage state', () => {
  it('reads the most advanced state from the counts', () => {
    expect(coverageState(counts(0, 0, 0))).toBe('none');
    expect(coverageState(counts(3, 0, 0))).toBe('candidates');
    expect(coverageState(counts(3, 1, 0))).toBe('qualifying');
    expect(coverageState(counts(3, 1, 1))).toBe('shortlisted');
  });

  it('counts a kelurahan as covered only when a site qualifies', () => {
    expect(hasQualifyingSite(counts(5, 0, 0))).toBe(false);
    expect(hasQualifyingSite(counts(5, 2, 0))).toBe(true);
  });

  it('orders fills from light to dark so the map reads without colour', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
        number,
        number,
        number,
      ];
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const values = COVERAGE_STATES.map((state) => luminance(COVERAGE_COLORS[state].fill));
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // Badge text on its tint meets WCAG AA for small text.
    for (const state of COVERAGE_STATES) {
      const { tint, ink } = COVERAGE_COLORS[state];
      const [hi, lo] = [luminance(tint), luminance(ink)].sort((a, b) => b - a) as [number, number];
      expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
