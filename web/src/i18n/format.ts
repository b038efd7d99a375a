// Numbers always use id-ID conventions (decimal comma, dot thousands), in both UI languages: the
// figures planners copy into Indonesian documents must read the same whichever language they chose.
const LOCALE = 'id-ID';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, format);
  }
  return format;
}

export function formatInteger(value: number): string {
  return numberFormat(0, 0).format(value);
}

export function formatDecimal(value: number, digits: number): string {
  return numberFormat(digits, digits).format(value);
}

/** A parcel-sized area: "612,4 m²". */
export function formatAreaM2(m2: number): string {
  return `${formatDecimal(m2, 1)} m²`;
}

/** A kelurahan-sized area in hectares, the unit planners use for wilayah: "381,2 ha". */
export function formatAreaHa(m2: number): string {
  return `${formatDecimal(m2 / 10_000, 1)} ha`;
}

/** A longitude or latitude with 6 decimals (about 0,1 m): "106,987654", "-6,234567". */
export function formatCoordinate(degrees: number): string {
  return formatDecimal(degrees, 6);
}

export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long' }).format(date);
}

/** A length in metres: "24,96 m". */
export function formatMeters(m: number, digits = 2): string {
  return `${formatDecimal(m, digits)} m`;
}

/** A share as a percentage: "12,5 %" (id-ID puts a space before the sign). */
export function formatPercent(share: number, digits = 1): string {
  return `${formatDecimal(share * 100, digits)} %`;
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
