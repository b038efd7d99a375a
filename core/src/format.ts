/** Numbers for people: id-ID (decimal comma, dot thousands) for Bahasa Indonesia, en-US for English. */
export function formatNumber(value: number, locale: 'id' | 'en', maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits }).format(value);
}

/** "612,4 m²" / "612.4 m²". */
export function formatSquareMeters(value: number, locale: 'id' | 'en'): string {
  return `${formatNumber(value, locale, 1)} m²`;
}

export function formatMeters(value: number, locale: 'id' | 'en', maximumFractionDigits = 2): string {
  return `${formatNumber(value, locale, maximumFractionDigits)} m`;
}
