import type { KelurahanFeature, KelurahanProperties } from '../src/api/types.ts';

/** A square kelurahan of `size` degrees with its south-west corner at (x, y). */
export function square(x: number, y: number, size = 0.01): [number, number][] {
  return [
    [x, y],
    [x, y + size],
    [x + size, y + size],
    [x + size, y],
    [x, y],
  ];
}

export function kelurahan(
  kode: string,
  nama: string,
  kecamatan: [kode: string, nama: string],
  props: Partial<KelurahanProperties> = {},
  ring: [number, number][] | null = square(106.9, -6.3),
): KelurahanFeature {
  return {
    type: 'Feature',
    id: kode,
    geometry: ring ? { type: 'MultiPolygon', coordinates: [[ring]] } : null,
    properties: {
      kode,
      nama,
      jenis: 'kelurahan',
      kecamatan_kode: kecamatan[0],
      kecamatan_nama: kecamatan[1],
      area_m2: 1_000_000,
      candidates: 0,
      qualifying: 0,
      shortlisted: 0,
      best_qualifying_area_m2: null,
      ...props,
    },
  };
}

const TIMUR: [string, string] = ['32.75.01', 'Bekasi Timur'];
const BARAT: [string, string] = ['32.75.02', 'Bekasi Barat'];
const JATI: [string, string] = ['32.75.09', 'Jatiasih'];

export const SAMPLE: KelurahanFeature[] = [
  kelurahan('32.75.01.1001', 'Bekasijaya', TIMUR, { area_m2: 3_500_000 }),
  kelurahan('32.75.01.1003', 'Durenjaya', TIMUR, { candidates: 2, area_m2: 2_000_000 }),
  kelurahan('32.75.02.1001', 'Bintara', BARAT, { candidates: 3, qualifying: 1, area_m2: 5_000_000 }),
  kelurahan(
    '32.75.02.1004',
    'Bintarajaya',
    BARAT,
    { candidates: 1, qualifying: 1, shortlisted: 1, area_m2: null },
    null,
  ),
  kelurahan('32.75.09.1002', 'Jatiasih', JATI, { area_m2: 4_000_000 }),
];
