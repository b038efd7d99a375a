import type { CheckResult, Verdict } from '@tapak/core';

/**
 * Words and colours of the printed reports, Bahasa Indonesia first. The verdict colours are the web map's
 * (web/src/domain/verdict.ts), so a printed map reads like the screen.
 */

export const verdictStyles: Record<Verdict, { label: string; labelEn: string; fill: string; ink: string }> = {
  memenuhi: { label: 'Memenuhi syarat', labelEn: 'Qualifies', fill: '#16a34a', ink: '#14532d' },
  tidak_memenuhi: { label: 'Tidak memenuhi', labelEn: 'Does not qualify', fill: '#dc2626', ink: '#7f1d1d' },
  belum_lengkap: { label: 'Belum dicek lengkap', labelEn: 'Not fully checked', fill: '#eab308', ink: '#713f12' },
};

/** Legend order: the hopeful outcome first, as on the web map. */
export const verdictOrder: readonly Verdict[] = ['memenuhi', 'belum_lengkap', 'tidak_memenuhi'];

export const checkStatusStyles: Record<CheckResult['status'], { label: string; mark: string; ink: string }> = {
  pass: { label: 'Terpenuhi', mark: '✓', ink: '#15803d' },
  fail: { label: 'Tidak terpenuhi', mark: '✗', ink: '#b91c1c' },
  unknown: { label: 'Belum dicek', mark: '?', ink: '#a16207' },
};

export const severityLabels: Record<CheckResult['severity'], string> = {
  hard: 'Wajib',
  soft: 'Nilai tambah',
};

/** The footprint every KKMP site must hold (the Agrinas prototype store and warehouse). */
export const footprintLabel = 'Bangunan prototipe 30 × 20 m';

/**
 * The Dinas that signs with the lurah. One constant: Tapak serves one Dinas per deployment and the title only
 * adds the kab/kota name.
 */
export function dinasSignatoryTitle(kabkotaNama: string): string {
  return `Kepala Dinas Koperasi dan UKM ${kabkotaNama}`;
}

/** "Lurah Bekasijaya" or, for a desa, "Kepala Desa …". */
export function kelurahanSignatoryTitle(jenis: 'kelurahan' | 'desa', nama: string): string {
  return jenis === 'desa' ? `Kepala Desa ${nama}` : `Lurah ${nama}`;
}

/** "Kota Bekasi" → "Bekasi", the place written before the date of a letter. */
export function placeName(kabkotaNama: string): string {
  return kabkotaNama.replace(/^(kota|kabupaten|kab\.)\s+/i, '');
}

// Indonesian offices date letters in local time; the server may run in UTC. Kota Bekasi is on WIB.
const longDate = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'Asia/Jakarta' });

/** "29 November 2026". */
export function formatLongDate(date: Date): string {
  return longDate.format(date);
}
