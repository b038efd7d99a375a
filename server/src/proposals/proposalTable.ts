import { legalStatusLabels, ownerClassLabels, parcelStatusLabels } from '@tapak/core';
import type { FlatValue } from '../interop/parcelColumns.ts';
import type { ParcelFeature } from '../interop/parcelFeature.ts';
import type { Table } from '../interop/write/parcelTable.ts';

/**
 * The proposal sheet of a package (usulan.xlsx / usulan.csv): one row per site with what Agrinas asks for.
 * Unlike /api/export/proposal.* it does not filter by status: the package is made for the site(s) chosen.
 * Headers are bilingual, labels come from the core's code lists, as in the interop proposal sheet.
 */

export interface ProposalSite {
  feature: ParcelFeature;
  contacts: string[];
}

const verdictText = {
  memenuhi: 'memenuhi / meets the criteria',
  tidak_memenuhi: 'tidak memenuhi / does not meet',
  belum_lengkap: 'data belum lengkap / incomplete data',
} as const;

const yesNo = (value: boolean) => (value ? 'ya / yes' : 'tidak / no');
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

export const proposalHeader = [
  'No',
  'Wilayah / Region',
  'Kode kelurahan / Kelurahan code',
  'Kelurahan',
  'Kecamatan',
  'Nama lokasi / Site name',
  'Kelas pemilik / Owner class',
  'Status hukum / Legal status',
  'Luas (m²) / Area (m²)',
  'Bujur titik / Point longitude',
  'Lintang titik / Point latitude',
  'Prototipe 30 × 20 m muat / 30 × 20 m prototype fits',
  'Putusan / Verdict',
  'Status usulan / Pipeline status',
  'Lokasi utama / Primary site',
  'Kontak / Contact',
  'ID bidang / Parcel id',
];

export function proposalSiteTable(sites: ProposalSite[], region: { kode: string; nama: string }): Table {
  const rows = sites.map(({ feature, contacts }, index): FlatValue[] => {
    const p = feature.properties;
    const owner = p.owner_class ? ownerClassLabels[p.owner_class] : null;
    const legal = p.legal_status ? legalStatusLabels[p.legal_status] : null;
    const status = parcelStatusLabels[p.status];
    return [
      index + 1,
      `${region.nama} (${region.kode})`,
      p.kelurahan_kode,
      p.kelurahan_nama,
      p.kecamatan_nama,
      p.name,
      owner ? `${owner.id} / ${owner.en}` : null,
      legal ? `${legal.id} / ${legal.en}` : null,
      round(p.area_m2, 1),
      // ST_PointOnSurface: always inside the parcel, unlike a centroid of an L-shaped or concave lot.
      p.point[0],
      p.point[1],
      yesNo(p.fits_prototype),
      verdictText[p.verdict],
      `${status.id} / ${status.en}`,
      yesNo(p.is_primary),
      contacts.length > 0 ? contacts.join('; ') : null,
      p.id,
    ];
  });
  return { header: proposalHeader, rows };
}
