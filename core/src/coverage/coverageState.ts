import type { ParcelStatus } from '../contracts/codeLists.ts';

/**
 * Where a kelurahan stands in finding its KKMP site, from the furthest it got: a primary site's pipeline
 * status, else a shortlist, else a qualifying candidate, else candidates that do not qualify, else nothing.
 */
export type CoverageState = 'tanpa_kandidat' | 'belum_memenuhi' | 'memenuhi' | 'shortlist' | ParcelStatus;

export interface CoverageCounts {
  candidates: number;
  qualifying: number;
  shortlisted: number;
  primary_status: ParcelStatus | null;
}

export function coverageState(counts: CoverageCounts): CoverageState {
  if (counts.primary_status && counts.primary_status !== 'kandidat') return counts.primary_status;
  if (counts.shortlisted > 0) return 'shortlist';
  if (counts.qualifying > 0) return 'memenuhi';
  if (counts.candidates > 0) return 'belum_memenuhi';
  return 'tanpa_kandidat';
}

export const coverageStateLabels: Record<CoverageState, { id: string; en: string }> = {
  tanpa_kandidat: { id: 'Belum ada kandidat', en: 'No candidate' },
  belum_memenuhi: { id: 'Ada kandidat, belum memenuhi syarat', en: 'Candidates, none qualifies' },
  memenuhi: { id: 'Ada lokasi memenuhi syarat', en: 'Qualifying site' },
  shortlist: { id: 'Masuk daftar pendek', en: 'Shortlisted' },
  kandidat: { id: 'Kandidat', en: 'Candidate' },
  diverifikasi: { id: 'Diverifikasi', en: 'Verified' },
  diusulkan: { id: 'Diusulkan', en: 'Proposed' },
  disetujui: { id: 'Disetujui', en: 'Approved' },
  dibangun: { id: 'Dibangun', en: 'Under construction' },
  beroperasi: { id: 'Beroperasi', en: 'Operating' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
};
