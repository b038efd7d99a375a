import { legalStatusLabels, ownerClassLabels, type ParcelStatus, parcelStatusLabels } from '@tapak/core';
import type { FlatValue } from './parcelColumns.ts';
import type { ParcelFeature } from './parcelFeature.ts';
import type { Table } from './write/parcelTable.ts';

/**
 * The sheet Agrinas receives: one row per proposed site. A site is proposed when its pipeline status is
 * "diusulkan" or later (disetujui, dibangun, beroperasi), or when it is marked as its kelurahan's primary site
 * (and not rejected): the primary mark is the city's choice even before the formal proposal. Rejected
 * parcels never appear. Headers are bilingual because the sheet leaves Tapak and is read by people.
 */

const proposedStatuses: ReadonlySet<ParcelStatus> = new Set(['diusulkan', 'disetujui', 'dibangun', 'beroperasi']);

export function isProposedSite(feature: ParcelFeature): boolean {
  const p = feature.properties;
  if (p.status === 'ditolak') return false;
  return proposedStatuses.has(p.status) || p.is_primary;
}

// Labels of the suitability checks the core runs; an unknown (future) check shows its id.
const checkLabels: Record<string, { id: string; en: string }> = {
  area_min: { id: 'Luas minimum', en: 'Minimum area' },
  area_ideal: { id: 'Luas ideal', en: 'Ideal area' },
  footprint_fit: { id: 'Muat bangunan prototipe', en: 'Prototype footprint fits' },
  min_width: { id: 'Lebar minimum', en: 'Minimum width' },
  within_kelurahan: { id: 'Di dalam satu kelurahan', en: 'Within one kelurahan' },
  owner_eligible: { id: 'Pemilik memenuhi syarat', en: 'Eligible owner' },
  legal_not_disputed: { id: 'Tidak sengketa', en: 'Not disputed' },
  vacant: { id: 'Lahan kosong', en: 'Vacant land' },
};

const checkStatusText = {
  pass: 'lulus / pass',
  fail: 'tidak lulus / fail',
  unknown: 'belum diketahui / unknown',
} as const;

const verdictText = {
  memenuhi: 'memenuhi / meets the criteria',
  tidak_memenuhi: 'tidak memenuhi / does not meet',
  belum_lengkap: 'data belum lengkap / incomplete data',
} as const;

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export function proposalTable(features: ParcelFeature[]): Table {
  const sites = features.filter(isProposedSite);
  const checkIds: string[] = [];
  for (const site of sites) {
    for (const check of site.properties.checks) if (!checkIds.includes(check.id)) checkIds.push(check.id);
  }
  const header = [
    'No',
    'Kode kelurahan / Kelurahan code',
    'Kelurahan',
    'Kecamatan',
    'Nama lokasi / Site name',
    'Lintang / Latitude',
    'Bujur / Longitude',
    'Luas (m²) / Area (m²)',
    'Kelas pemilik / Owner class',
    'Hak atas tanah / Land right',
    'Nomor sertifikat / Certificate number',
    'Nomor BAST / Handover (BAST) number',
    'Status hukum / Legal status',
    'Akses jalan / Road access',
    ...checkIds.map((id) => {
      const label = checkLabels[id] ?? { id, en: id };
      return `Cek: ${label.id} / Check: ${label.en}`;
    }),
    'Putusan / Verdict',
    'Status usulan / Pipeline status',
    'Lokasi utama / Primary site',
    'ID bidang / Parcel id',
  ];
  const rows = sites.map((site, index): FlatValue[] => {
    const p = site.properties;
    const checks = new Map(p.checks.map((check) => [check.id, check.status]));
    const owner = p.owner_class ? ownerClassLabels[p.owner_class] : null;
    const legal = p.legal_status ? legalStatusLabels[p.legal_status] : null;
    const status = parcelStatusLabels[p.status];
    return [
      index + 1,
      p.kelurahan_kode,
      p.kelurahan_nama,
      p.kecamatan_nama,
      p.name,
      p.point[1],
      p.point[0],
      round(p.area_m2, 1),
      owner ? `${owner.id} / ${owner.en}` : null,
      p.kib_a.hak ?? null,
      p.kib_a.sertifikat_nomor ?? null,
      p.fasos_fasum.bast_nomor ?? null,
      legal ? `${legal.id} / ${legal.en}` : null,
      // Road access needs the road overlay, which Tapak does not hold yet: the column is there, empty.
      null,
      ...checkIds.map((id) => {
        const checkStatus = checks.get(id);
        return checkStatus ? checkStatusText[checkStatus] : null;
      }),
      verdictText[p.verdict],
      `${status.id} / ${status.en}`,
      p.is_primary ? 'ya / yes' : 'tidak / no',
      p.id,
    ];
  });
  return { header, rows };
}
