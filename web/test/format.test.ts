import { describe, expect, it } from 'vitest';
import { formatAreaHa, formatAreaM2, formatCoordinate, formatInteger } from '../src/i18n/format.ts';

// Intl may use a narrow no-break space or a plain one depending on ICU: compare without that detail.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('id-ID number formatting', () => {
  it('writes parcel areas with a decimal comma', () => {
    expect(plain(formatAreaM2(612.4))).toBe('612,4 m²');
    expect(plain(formatAreaM2(600))).toBe('600,0 m²');
    expect(plain(formatAreaM2(12345.67))).toBe('12.345,7 m²');
  });

  it('writes kelurahan areas in hectares', () => {
    expect(plain(formatAreaHa(3_507_000))).toBe('350,7 ha');
  });

  it('groups thousands with a dot', () => {
    expect(formatInteger(83762)).toBe('83.762');
    expect(formatInteger(56)).toBe('56');
  });

  it('gives coordinates six decimals, sign kept', () => {
    expect(formatCoordinate(106.9876543)).toBe('106,987654');
    expect(formatCoordinate(-6.2)).toMatch(/^[-−]6,200000$/);
  });
});
