import { describe, expect, it } from 'vitest';
import { territoryName, territoryOptions } from '../src/admin/territoryOptions.ts';
import type { KelurahanFeature } from '../src/api/types.ts';

const kelurahan = (kode: string, nama: string, kecamatanKode: string, kecamatanNama: string): KelurahanFeature => ({
  type: 'Feature',
  id: kode,
  geometry: null,
  properties: {
    kode,
    nama,
    jenis: 'kelurahan',
    kecamatan_kode: kecamatanKode,
    kecamatan_nama: kecamatanNama,
    area_m2: null,
    candidates: 0,
    qualifying: 0,
    shortlisted: 0,
    best_qualifying_area_m2: null,
  },
});

const list = [
  kelurahan('32.75.02.1002', 'Harapan Jaya', '32.75.02', 'Bekasi Utara'),
  kelurahan('32.75.01.1002', 'Jakasampurna', '32.75.01', 'Bekasi Barat'),
  kelurahan('32.75.01.1001', 'Bintara', '32.75.01', 'Bekasi Barat'),
];

describe('territoryOptions', () => {
  it('offers each kecamatan once to a camat, by code', () => {
    expect(territoryOptions('camat', list)).toEqual([
      {
        label: null,
        options: [
          { kode: '32.75.01', nama: 'Bekasi Barat' },
          { kode: '32.75.02', nama: 'Bekasi Utara' },
        ],
      },
    ]);
  });

  it('offers kelurahan grouped by kecamatan to a lurah', () => {
    const groups = territoryOptions('lurah', list);
    expect(groups.map((g) => g.label)).toEqual(['Bekasi Barat', 'Bekasi Utara']);
    expect(groups[0]?.options.map((o) => o.kode)).toEqual(['32.75.01.1001', '32.75.01.1002']);
  });

  it('offers nothing to city-wide roles', () => {
    expect(territoryOptions('perencana', list)).toEqual([]);
    expect(territoryOptions('admin', list)).toEqual([]);
  });

  it('names a kecamatan or kelurahan code', () => {
    expect(territoryName('32.75.01.1002', list)).toBe('Jakasampurna');
    expect(territoryName('32.75.02', list)).toBe('Bekasi Utara');
    expect(territoryName('32.75.09', list)).toBeNull();
    expect(territoryName(null, list)).toBeNull();
  });
});
