/**
 * Numbers for people, always id-ID (decimal comma, dot thousands) — in the English text too, so a figure
 * reads the same in both languages and "1.000" never means one in one place and a thousand in another.
 * `locale` names the sentence's language; it is kept so callers say which text they build.
 */
export function formatNumber(value: number, _locale: 'id' | 'en', maximumFractionDigits = 1): string {
  return formatDecimalIdId(value, maximumFractionDigits) ?? numberFormat(maximumFractionDigits).format(value);
}

/**
 * What `Intl.NumberFormat('id-ID', { maximumFractionDigits })` prints, character for character, without
 * ICU: a re-judgement formats about a million numbers and ICU took 1,6 s of it. ICU rounds the shortest
 * decimal that reads back as the same double (what `String(value)` prints: 1.005 → "1.005" → "1,01"), half
 * away from zero, drops trailing zeros, groups thousands with "." and keeps the sign of a negative value
 * even when it rounds to zero ("-0"). Null where `String` would print an exponent (below 1e-6, from 1e21) or
 * the value is not finite: the caller asks ICU.
 */
export function formatDecimalIdId(value: number, maximumFractionDigits: number): string | null {
  if (!Number.isFinite(value)) return null;
  const text = String(Math.abs(value));
  if (text.includes('e')) return null;
  const point = text.indexOf('.');
  let integer = point < 0 ? text : text.slice(0, point);
  let fraction = point < 0 ? '' : text.slice(point + 1);
  if (fraction.length > maximumFractionDigits) {
    const roundUp = (fraction.charCodeAt(maximumFractionDigits) ?? 48) >= 53; // '5'
    fraction = fraction.slice(0, maximumFractionDigits);
    if (roundUp) {
      // Add one unit in the last kept place, carrying through the digits (999,95 → 1.000).
      const digits = (integer + fraction).split('');
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === '9') {
        digits[i] = '0';
        i -= 1;
      }
      if (i < 0) digits.unshift('1');
      else digits[i] = String.fromCharCode((digits[i] as string).charCodeAt(0) + 1);
      const joined = digits.join('');
      integer = joined.slice(0, joined.length - fraction.length);
      fraction = joined.slice(joined.length - fraction.length);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  let grouped = '';
  for (let end = integer.length; end > 0; end -= 3) {
    grouped = end - 3 > 0 ? `.${integer.slice(end - 3, end)}${grouped}` : `${integer.slice(0, end)}${grouped}`;
  }
  const negative = value < 0 || Object.is(value, -0);
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** "612,4 m²" / "612.4 m²". */
export function formatSquareMeters(value: number, locale: 'id' | 'en'): string {
  return `${formatNumber(value, locale, 1)} m²`;
}

export function formatMeters(value: number, locale: 'id' | 'en', maximumFractionDigits = 2): string {
  return `${formatNumber(value, locale, maximumFractionDigits)} m`;
}

// Building an Intl.NumberFormat costs tens of microseconds; re-judging 100,000 parcels formats a million numbers.
const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(maximumFractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(maximumFractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('id-ID', { maximumFractionDigits });
    numberFormats.set(maximumFractionDigits, format);
  }
  return format;
}
