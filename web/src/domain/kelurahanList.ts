import type { KelurahanFeature } from '../api/types.ts';
import { coverageRank, coverageState, hasQualifyingSite } from './coverage.ts';

export type SortKey = 'nama' | 'kode' | 'luas' | 'status';
export const SORT_KEYS: readonly SortKey[] = ['nama', 'kode', 'luas', 'status'];

export type KecamatanGroup = { kode: string; nama: string; items: KelurahanFeature[] };

const collator = new Intl.Collator('id-ID', { sensitivity: 'base', numeric: true });

/** Lower-case, accents and punctuation folded, so "Jati Asih" finds "Jatiasih" and "3275091" finds a code. */
export function normalizeQuery(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, '');
}

export function matchesQuery(feature: KelurahanFeature, query: string): boolean {
  const q = normalizeQuery(query);
  if (q === '') return true;
  const p = feature.properties;
  return (
    normalizeQuery(p.nama).includes(q) || normalizeQuery(p.kode).includes(q) || normalizeQuery(p.kecamatan_nama) === q
  );
}

function compare(a: KelurahanFeature, b: KelurahanFeature, sort: SortKey): number {
  const pa = a.properties;
  const pb = b.properties;
  switch (sort) {
    case 'kode':
      return collator.compare(pa.kode, pb.kode);
    case 'luas':
      // Unknown areas go last: a missing boundary is not a small kelurahan.
      return (pb.area_m2 ?? -1) - (pa.area_m2 ?? -1) || collator.compare(pa.nama, pb.nama);
    case 'status':
      return (
        coverageRank(coverageState(pb)) - coverageRank(coverageState(pa)) ||
        pb.qualifying - pa.qualifying ||
        pb.candidates - pa.candidates ||
        collator.compare(pa.nama, pb.nama)
      );
    default:
      return collator.compare(pa.nama, pb.nama) || collator.compare(pa.kode, pb.kode);
  }
}

export type ListOptions = { query: string; sort: SortKey; onlyUnqualified: boolean };

export function passesFilter(feature: KelurahanFeature, onlyUnqualified: boolean): boolean {
  return !onlyUnqualified || !hasQualifyingSite(feature.properties);
}

/** Kelurahan grouped by kecamatan, each group and its items in the chosen order; empty groups dropped. */
export function groupKelurahan(features: readonly KelurahanFeature[], options: ListOptions): KecamatanGroup[] {
  const groups = new Map<string, KecamatanGroup>();
  for (const feature of features) {
    if (!passesFilter(feature, options.onlyUnqualified) || !matchesQuery(feature, options.query)) continue;
    const { kecamatan_kode: kode, kecamatan_nama: nama } = feature.properties;
    let group = groups.get(kode);
    if (!group) {
      group = { kode, nama, items: [] };
      groups.set(kode, group);
    }
    group.items.push(feature);
  }
  const result = [...groups.values()];
  for (const group of result) group.items.sort((a, b) => compare(a, b, options.sort));
  // Groups follow the region code when sorting by code, the name otherwise: planners look kecamatan up by name.
  result.sort((a, b) =>
    options.sort === 'kode' ? collator.compare(a.kode, b.kode) : collator.compare(a.nama, b.nama),
  );
  return result;
}

export function countQualifying(features: readonly KelurahanFeature[]): number {
  return features.filter((f) => hasQualifyingSite(f.properties)).length;
}
