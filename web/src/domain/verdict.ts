import type { ParcelStatus, Verdict } from '../api/types.ts';

// How parcels look: the fill says what the rules say (verdict), the outline says how far the parcel is
// in the pipeline (status). The verdict colours are the usual traffic-light meaning, each with a
// dark ink for text on its tint (4.5:1 at least).

export const VERDICTS: readonly Verdict[] = ['memenuhi', 'belum_lengkap', 'tidak_memenuhi'];

export const VERDICT_COLORS: Record<Verdict, { fill: string; tint: string; ink: string }> = {
  memenuhi: { fill: '#16a34a', tint: '#dcfce7', ink: '#14532d' },
  belum_lengkap: { fill: '#eab308', tint: '#fef9c3', ink: '#713f12' },
  tidak_memenuhi: { fill: '#dc2626', tint: '#fee2e2', ink: '#7f1d1d' },
};

export const PARCEL_STATUSES: readonly ParcelStatus[] = [
  'kandidat',
  'diverifikasi',
  'diusulkan',
  'disetujui',
  'dibangun',
  'beroperasi',
  'ditolak',
];

/** Outline per pipeline status: later stages are darker and heavier; rejected is a thin dashed grey. */
export const STATUS_STYLES: Record<ParcelStatus, { color: string; width: number; dashed: boolean }> = {
  kandidat: { color: '#475569', width: 1.5, dashed: false },
  diverifikasi: { color: '#2563eb', width: 2.5, dashed: false },
  diusulkan: { color: '#7c3aed', width: 3, dashed: false },
  disetujui: { color: '#0f766e', width: 3.5, dashed: false },
  dibangun: { color: '#111827', width: 4, dashed: false },
  beroperasi: { color: '#111827', width: 4, dashed: false },
  ditolak: { color: '#6b7280', width: 1.5, dashed: true },
};
