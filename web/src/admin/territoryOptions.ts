import type { UserRole } from '@tapak/core/contracts/auth';
import type { KelurahanFeature } from '../api/types.ts';

export type TerritoryOption = { kode: string; nama: string };
export type TerritoryGroup = { label: string | null; options: TerritoryOption[] };

/**
 * What a role's territory can be, from the kelurahan list the app already has: the kecamatan for a camat, the
 * kelurahan grouped by kecamatan for a lurah, nothing for city-wide roles. Sorted by Kemendagri code.
 */
export function territoryOptions(role: UserRole, kelurahan: readonly KelurahanFeature[]): TerritoryGroup[] {
  if (role === 'camat') {
    const kecamatan = new Map<string, string>();
    for (const { properties: p } of kelurahan) kecamatan.set(p.kecamatan_kode, p.kecamatan_nama);
    const options = [...kecamatan].map(([kode, nama]) => ({ kode, nama })).sort((a, b) => a.kode.localeCompare(b.kode));
    return [{ label: null, options }];
  }
  if (role === 'lurah') {
    const groups = new Map<string, TerritoryGroup & { kode: string }>();
    for (const { properties: p } of kelurahan) {
      let group = groups.get(p.kecamatan_kode);
      if (!group) {
        group = { kode: p.kecamatan_kode, label: p.kecamatan_nama, options: [] };
        groups.set(p.kecamatan_kode, group);
      }
      group.options.push({ kode: p.kode, nama: p.nama });
    }
    return [...groups.values()]
      .sort((a, b) => a.kode.localeCompare(b.kode))
      .map(({ label, options }) => ({ label, options: options.sort((a, b) => a.kode.localeCompare(b.kode)) }));
  }
  return [];
}

/** The name of a territory code (kecamatan or kelurahan), or null when the list does not know it. */
export function territoryName(kode: string | null, kelurahan: readonly KelurahanFeature[]): string | null {
  if (!kode) return null;
  for (const { properties: p } of kelurahan) {
    if (p.kode === kode) return p.nama;
    if (p.kecamatan_kode === kode) return p.kecamatan_nama;
  }
  return null;
}
