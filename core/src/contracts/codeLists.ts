/**
 * Code lists of the parcel register. Codes are stable identifiers (stored, exported, used by clients);
 * labels are for people, Bahasa Indonesia first.
 */
export const parcelSources = ['bmd', 'fasos_fasum', 'other'] as const;

export const ownerClasses = [
  'pemkot_bmd',
  'pemprov',
  'kementerian_lembaga',
  'bumn',
  'bumd',
  'eks_blbi',
  'aset_desa_kelurahan',
  'fasos_fasum',
  'swasta',
  'lainnya',
] as const;

export const legalStatuses = ['bersih', 'dalam_proses', 'sengketa', 'belum_diketahui'] as const;

export const handoverStatuses = ['belum_diserahkan', 'proses_bast', 'sudah_bast'] as const;

export const parcelStatuses = [
  'kandidat',
  'diverifikasi',
  'diusulkan',
  'disetujui',
  'dibangun',
  'beroperasi',
  'ditolak',
] as const;

export type ParcelSource = (typeof parcelSources)[number];
export type OwnerClass = (typeof ownerClasses)[number];
export type LegalStatus = (typeof legalStatuses)[number];
export type HandoverStatus = (typeof handoverStatuses)[number];
export type ParcelStatus = (typeof parcelStatuses)[number];

type Labels<T extends string> = Record<T, { id: string; en: string }>;

export const ownerClassLabels: Labels<OwnerClass> = {
  pemkot_bmd: { id: 'Pemkot/Pemkab (BMD, KIB A)', en: 'City/regency (regional asset, KIB A)' },
  pemprov: { id: 'Pemerintah Provinsi', en: 'Provincial government' },
  kementerian_lembaga: { id: 'Kementerian/Lembaga', en: 'Ministry/agency' },
  bumn: { id: 'BUMN', en: 'State-owned enterprise' },
  bumd: { id: 'BUMD', en: 'Regional-owned enterprise' },
  eks_blbi: { id: 'Aset eks-BLBI', en: 'Former BLBI asset' },
  aset_desa_kelurahan: { id: 'Aset desa/kelurahan', en: 'Village asset' },
  fasos_fasum: { id: 'Fasos-fasum (PSU pengembang)', en: 'Developer-provided public facility land' },
  swasta: { id: 'Milik swasta/perorangan', en: 'Private' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export const legalStatusLabels: Labels<LegalStatus> = {
  bersih: { id: 'Jelas (tidak sengketa)', en: 'Clear (not disputed)' },
  dalam_proses: { id: 'Dalam proses', en: 'In progress' },
  sengketa: { id: 'Sengketa', en: 'Disputed' },
  belum_diketahui: { id: 'Belum diketahui', en: 'Unknown' },
};

export const parcelStatusLabels: Labels<ParcelStatus> = {
  kandidat: { id: 'Kandidat', en: 'Candidate' },
  diverifikasi: { id: 'Diverifikasi', en: 'Verified' },
  diusulkan: { id: 'Diusulkan', en: 'Proposed' },
  disetujui: { id: 'Disetujui', en: 'Approved' },
  dibangun: { id: 'Dibangun', en: 'Under construction' },
  beroperasi: { id: 'Beroperasi', en: 'Operating' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
};
