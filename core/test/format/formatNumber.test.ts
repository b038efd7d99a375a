import { describe, expect, it } from 'vitest';
import { formatDecimalIdId, formatNumber } from '../../src/format.ts';

const icuFormats = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits }));
const icu = (value: number, digits: number) =>
  (icuFormats[digits] ?? new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits })).format(value);

describe('formatNumber (id-ID without ICU)', () => {
  it('prints what Intl.NumberFormat id-ID prints, for edge cases of rounding, carrying, grouping and sign', () => {
    const cases = [
      0,
      -0,
      0.05,
      0.25,
      1.005,
      2.5,
      9.995,
      99.95,
      999.95,
      999_999.5,
      1000,
      1234.5,
      -1234567.891,
      -0.01,
      -0.04,
      0.000001,
      123456789012.345,
      1e20,
      12345678901234568,
      600,
      612.44,
      612.45,
      1.45,
      0.1 + 0.2,
      3.3e-6,
    ];
    for (const value of cases) {
      for (const digits of [0, 1, 2, 3]) {
        expect([value, digits, formatNumber(value, 'id', digits)]).toEqual([value, digits, icu(value, digits)]);
      }
    }
  });

  it('agrees with Intl on 100.000 random values of every magnitude', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 100_000; i += 1) {
      const magnitude = 10 ** Math.floor(random() * 14 - 5);
      // Half the values sit on a rounding boundary in decimal (…5 at some place), where the formats differ.
      const raw = (random() - 0.3) * magnitude;
      const value = i % 2 === 0 ? raw : Number(`${raw.toFixed(Math.floor(random() * 4))}5`);
      const digits = i % 4;
      if (formatNumber(value, 'en', digits) !== icu(value, digits)) {
        expect([value, digits, formatNumber(value, 'en', digits)]).toEqual([value, digits, icu(value, digits)]);
      }
    }
  });

  it('leaves exponents, infinities and NaN to Intl', () => {
    for (const value of [1e-7, 1e21, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(formatDecimalIdId(value, 1)).toBeNull();
      expect(formatNumber(value, 'id', 1)).toBe(icu(value, 1));
    }
  });
});
