/**
 * Numbers for people, always id-ID (decimal comma, dot thousands) — in the English text too, so a figure
 * reads the same in both languages and "1.000" never means one in one place and a thousand in another.
 * `locale` names the sentence's language; it is kept so callers say which text they build.
 */
export function formatNumber(value: number, _locale: 'id' | 'en', maximumFractionDigits = 1): string {
  return numberFormat(maximumFractionDigits).format(value);
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
