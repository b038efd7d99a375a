/**
 * The SQL LIKE pattern of every Kemendagri code inside a region: `32.75.%` for Kota Bekasi, `32.%` for Jawa
 * Barat, `%` for all of Indonesia (`ID`). One definition for every repository that scopes by region.
 */
export function regionKodePattern(regionCode: string): string {
  return regionCode === 'ID' ? '%' : `${regionCode}.%`;
}
