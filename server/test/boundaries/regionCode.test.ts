import { describe, expect, it } from 'vitest';
import {
  detectCodeProperty,
  detectNameProperty,
  normalizePlaceName,
  normalizeRegionCode,
} from '../../src/boundaries/read/regionCode.ts';

describe('normalizeRegionCode', () => {
  it.each([
    ['3275011001', '32.75.01.1001'],
    ['32.75.01.1001', '32.75.01.1001'],
    ['32 75 01 1001', '32.75.01.1001'],
    ['  32.75.01.1001\n', '32.75.01.1001'],
    [3275011001, '32.75.01.1001'],
    ['ID3275011001', '32.75.01.1001'],
    ['32', '32'],
    [32, '32'],
    ['3275', '32.75'],
    ['32.75', '32.75'],
    ['327501', '32.75.01'],
    ['32.75.01', '32.75.01'],
    ['92.71.05.1004', '92.71.05.1004'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeRegionCode(input)).toBe(expected);
  });

  it('accepts a bigint code', () => {
    expect(normalizeRegionCode(3275011001n)).toBe('32.75.01.1001');
  });

  it.each([
    [''],
    ['   '],
    [null],
    [undefined],
    [{}],
    [['32']],
    ['abc'],
    ['Bekasijaya'],
    ['32.75.1.1001'],
    ['32.75.01.101'],
    ['32.75.01.1001.5'],
    ['327501100'],
    ['32750110011'],
    ['0275011001'],
    [3275011001.5],
    [-3275011001],
    [0],
    ['32,75,01,1001'],
  ])('%j → null', (input) => {
    expect(normalizeRegionCode(input)).toBeNull();
  });
});

describe('detectCodeProperty', () => {
  it('finds KDEPUM (BIG/Dukcapil) among other numeric and text columns', () => {
    const samples = [
      { NAMOBJ: 'Bekasijaya', KDEPUM: '32.75.01.1001', KDPKEC: '32.75.01', LUAS: 2.1, FID: 1 },
      { NAMOBJ: 'Margahayu', KDEPUM: '32.75.01.1002', KDPKEC: '32.75.01', LUAS: 3.3, FID: 2 },
      { NAMOBJ: 'Durenjaya', KDEPUM: '32.75.01.1003', KDPKEC: '32.75.01', LUAS: 2.7, FID: 3 },
    ];
    expect(detectCodeProperty(samples)).toBe('KDEPUM');
  });

  it('finds kd_kel holding undotted codes, despite a few blanks', () => {
    const samples = [
      { kd_kel: '3275011001', nm_kel: 'Bekasijaya' },
      { kd_kel: '3275011002', nm_kel: 'Margahayu' },
      { kd_kel: '', nm_kel: 'Durenjaya' },
      { kd_kel: '3275011004', nm_kel: 'Arenjaya' },
    ];
    expect(detectCodeProperty(samples)).toBe('kd_kel');
  });

  it('finds a numeric code column', () => {
    const samples = [
      { kode: 3275011001, nama: 'Bekasijaya' },
      { kode: 3275011002, nama: 'Margahayu' },
    ];
    expect(detectCodeProperty(samples)).toBe('kode');
  });

  it('finds OCHA ADM4_PCODE with its ID prefix', () => {
    const samples = [
      { ADM4_EN: 'Bekasijaya', ADM4_PCODE: 'ID3275011001', ADM3_PCODE: 'ID327501' },
      { ADM4_EN: 'Margahayu', ADM4_PCODE: 'ID3275011002', ADM3_PCODE: 'ID327501' },
    ];
    expect(detectCodeProperty(samples)).toBe('ADM4_PCODE');
  });

  it('falls back to any property with desa codes, and prefers known names over it', () => {
    expect(detectCodeProperty([{ region: '32.75.01.1001' }, { region: '32.75.01.1002' }])).toBe('region');
    const both = [
      { objectid: '3275011001', kode_desa: '32.75.01.1001' },
      { objectid: '3275011002', kode_desa: '32.75.01.1002' },
    ];
    expect(detectCodeProperty(both)).toBe('kode_desa');
  });

  it('ignores kecamatan codes and returns null when no property holds desa codes for most samples', () => {
    expect(detectCodeProperty([{ kode: '32.75.01' }, { kode: '32.75.02' }])).toBeNull();
    expect(detectCodeProperty([{ kode: '32.75.01.1001' }, { kode: null }, { kode: 'x' }])).toBeNull();
    expect(detectCodeProperty([])).toBeNull();
  });
});

describe('detectNameProperty', () => {
  it('finds nama, NAMOBJ, WADMKD and ADM4_EN', () => {
    expect(detectNameProperty([{ kode: '32.75.01.1001', nama: 'Bekasijaya' }])).toBe('nama');
    expect(detectNameProperty([{ KDEPUM: '3275011001', NAMOBJ: 'Bekasijaya' }])).toBe('NAMOBJ');
    expect(
      detectNameProperty([
        { WADMKC: 'Bekasi Timur', WADMKD: 'Bekasijaya', WADMKK: 'Kota Bekasi' },
        { WADMKC: 'Bekasi Timur', WADMKD: 'Margahayu', WADMKK: 'Kota Bekasi' },
      ]),
    ).toBe('WADMKD');
    expect(detectNameProperty([{ ADM4_PCODE: 'ID3275011001', ADM4_EN: 'Bekasijaya' }])).toBe('ADM4_EN');
  });

  it('without a known name, picks the property with the most distinct names, not a repeated kota name', () => {
    const samples = [
      { kota: 'Kota Bekasi', village: 'Bekasijaya', code: '3275011001' },
      { kota: 'Kota Bekasi', village: 'Margahayu', code: '3275011002' },
      { kota: 'Kota Bekasi', village: 'Durenjaya', code: '3275011003' },
    ];
    expect(detectNameProperty(samples)).toBe('village');
  });

  it('does not take a code column written as text for a name, and returns null without names', () => {
    expect(detectNameProperty([{ kode: '32.75.01.1001' }, { kode: '32.75.01.1002' }])).toBeNull();
    expect(detectNameProperty([{ luas: 1.5 }, { luas: 2 }])).toBeNull();
  });
});

describe('normalizePlaceName', () => {
  it.each([
    ['KEL. Margahayu ', 'margahayu'],
    ['margahayu', 'margahayu'],
    ['Kelurahan  Jaka   Setia', 'jaka setia'],
    ['Kel.Margahayu', 'margahayu'],
    ['DESA Sukamaju', 'sukamaju'],
    ['Ds. Cibening', 'cibening'],
    ['Kelapa Dua', 'kelapa dua'],
    ['Desa', 'desa'],
    ['Pondok-Melati', 'pondok melati'],
    ["Ma'arif", 'maarif'],
    ['Bantar Gebang (Kota)', 'bantar gebang kota'],
    ['Cikarang Barát', 'cikarang barat'],
    ['Pekayon  Jaya\t', 'pekayon jaya'],
  ])('%j → %j', (input, expected) => {
    expect(normalizePlaceName(input)).toBe(expected);
  });
});
