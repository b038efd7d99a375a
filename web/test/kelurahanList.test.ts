import { describe, expect, it } from 'vitest';
import { countQualifying, groupKelurahan, matchesQuery, normalizeQuery } from '../src/domain/kelurahanList.ts';
import { SAMPLE } from './fixtures.ts';

const names = (groups: ReturnType<typeof groupKelurahan>) =>
  groups.map((g) => [g.nama, g.items.map((f) => f.properties.nama)]);

describe('kelurahan list', () => {
  it('groups by kecamatan, both ordered by name', () => {
    expect(names(groupKelurahan(SAMPLE, { query: '', sort: 'nama', onlyUnqualified: false }))).toEqual([
      ['Bekasi Barat', ['Bintara', 'Bintarajaya']],
      ['Bekasi Timur', ['Bekasijaya', 'Durenjaya']],
      ['Jatiasih', ['Jatiasih']],
    ]);
  });

  it('orders by area with unknown areas last, and by coverage with the most advanced first', () => {
    const byArea = groupKelurahan(SAMPLE, { query: '', sort: 'luas', onlyUnqualified: false });
    expect(byArea[0]?.items.map((f) => f.properties.nama)).toEqual(['Bintara', 'Bintarajaya']);
    expect(byArea[1]?.items.map((f) => f.properties.nama)).toEqual(['Bekasijaya', 'Durenjaya']);
    const byStatus = groupKelurahan(SAMPLE, { query: '', sort: 'status', onlyUnqualified: false });
    expect(byStatus[0]?.items.map((f) => f.properties.nama)).toEqual(['Bintarajaya', 'Bintara']);
    expect(byStatus[1]?.items.map((f) => f.properties.nama)).toEqual(['Durenjaya', 'Bekasijaya']);
  });

  it('orders groups by code when sorting by code', () => {
    const groups = groupKelurahan(SAMPLE, { query: '', sort: 'kode', onlyUnqualified: false });
    expect(groups.map((g) => g.kode)).toEqual(['32.75.01', '32.75.02', '32.75.09']);
  });

  it('searches names and codes, forgiving case, spaces and dots', () => {
    const find = (query: string) =>
      groupKelurahan(SAMPLE, { query, sort: 'nama', onlyUnqualified: false }).flatMap((g) =>
        g.items.map((f) => f.properties.kode),
      );
    expect(find('bintara')).toEqual(['32.75.02.1001', '32.75.02.1004']);
    expect(find('BEKASI jaya')).toEqual(['32.75.01.1001']);
    expect(find('32.75.09')).toEqual(['32.75.09.1002']);
    expect(find('3275011003')).toEqual(['32.75.01.1003']);
    expect(find('tidak ada')).toEqual([]);
  });

  it('matches a whole kecamatan by its exact name', () => {
    expect(SAMPLE.filter((f) => matchesQuery(f, 'bekasi timur')).map((f) => f.properties.nama)).toEqual([
      'Bekasijaya',
      'Durenjaya',
    ]);
  });

  it('filters to kelurahan without a qualifying site', () => {
    const groups = groupKelurahan(SAMPLE, { query: '', sort: 'nama', onlyUnqualified: true });
    expect(groups.flatMap((g) => g.items.map((f) => f.properties.nama))).toEqual([
      'Bekasijaya',
      'Durenjaya',
      'Jatiasih',
    ]);
    expect(countQualifying(SAMPLE)).toBe(2);
  });

  it('normalizes accents and punctuation', () => {
    expect(normalizeQuery(' Jati-Asih ')).toBe('jatiasih');
    expect(normalizeQuery('Bojong Rawalumbu')).toBe('bojongrawalumbu');
    expect(normalizeQuery('Cé')).toBe('ce');
  });
});
