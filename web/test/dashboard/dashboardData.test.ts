import type { CoverageEntry, DashboardCandidateArea } from '@tapak/core';
import { describe, expect, it } from 'vitest';
import {
  areaBand,
  countAreaBands,
  countReasons,
  coverageByKecamatan,
  coverageGroup,
  kelurahanWithoutSite,
  NO_SITE_REASONS,
  PIPELINE_STATUSES,
  pipelineFunnel,
  pngFileName,
  sortedCandidateAreas,
  wrapLabel,
} from '../../src/dashboard/dashboardData.ts';
import { parseView, serializeView } from '../../src/dashboard/viewParam.ts';

function entry(
  kode: string,
  nama: string,
  kecamatan: [string, string],
  counts: { candidates: number; qualifying: number },
  no_site_reason: string | null = null,
): CoverageEntry {
  return {
    kode,
    nama,
    kecamatan_kode: kecamatan[0],
    kecamatan_nama: kecamatan[1],
    has_boundary: true,
    candidates: counts.candidates,
    qualifying: counts.qualifying,
    shortlisted: 0,
    best_qualifying_area_m2: null,
    primary: null,
    state: 'none',
    no_site_reason,
  };
}

const timur: [string, string] = ['32.75.01', 'Bekasi Timur'];
const barat: [string, string] = ['32.75.02', 'Bekasi Barat'];
const jatiasih: [string, string] = ['32.75.09', 'Jatiasih'];

const entries: CoverageEntry[] = [
  entry('32.75.01.1001', 'Bekasijaya', timur, { candidates: 2, qualifying: 1 }),
  entry('32.75.01.1002', 'Duren Jaya', timur, { candidates: 1, qualifying: 0 }, 'too_small'),
  entry('32.75.01.1003', 'Aren Jaya', timur, { candidates: 0, qualifying: 0 }, 'no_candidate'),
  entry('32.75.09.1001', 'Jatimekar', jatiasih, { candidates: 3, qualifying: 0 }, 'overlay_conflict'),
  entry('32.75.02.1002', 'Kranji', barat, { candidates: 0, qualifying: 0 }, 'no_candidate'),
  entry('32.75.02.1001', 'Bintara', barat, { candidates: 4, qualifying: 2 }),
];

describe('coverage by kecamatan', () => {
  it('puts each kelurahan in one group: qualifying, candidates only, or no candidate', () => {
    expect(coverageGroup({ candidates: 3, qualifying: 1 })).toBe('qualifying');
    expect(coverageGroup({ candidates: 3, qualifying: 0 })).toBe('candidatesOnly');
    expect(coverageGroup({ candidates: 0, qualifying: 0 })).toBe('noCandidate');
  });

  it('counts kelurahan per group for each kecamatan, kecamatan by name', () => {
    expect(coverageByKecamatan(entries)).toEqual([
      {
        kecamatan_kode: '32.75.02',
        kecamatan_nama: 'Bekasi Barat',
        kelurahan: 2,
        qualifying: 1,
        candidatesOnly: 0,
        noCandidate: 1,
      },
      {
        kecamatan_kode: '32.75.01',
        kecamatan_nama: 'Bekasi Timur',
        kelurahan: 3,
        qualifying: 1,
        candidatesOnly: 1,
        noCandidate: 1,
      },
      {
        kecamatan_kode: '32.75.09',
        kecamatan_nama: 'Jatiasih',
        kelurahan: 1,
        qualifying: 0,
        candidatesOnly: 1,
        noCandidate: 0,
      },
    ]);
  });
});

describe('pipeline funnel', () => {
  it('keeps every step from kandidat to beroperasi in order and sets ditolak apart', () => {
    expect(PIPELINE_STATUSES).toEqual(['kandidat', 'diverifikasi', 'diusulkan', 'disetujui', 'dibangun', 'beroperasi']);
    const { funnel, apart } = pipelineFunnel([
      { status: 'ditolak', parcels: 2 },
      { status: 'kandidat', parcels: 7 },
      { status: 'disetujui', parcels: 1 },
    ]);
    expect(funnel).toEqual([
      { status: 'kandidat', parcels: 7 },
      { status: 'diverifikasi', parcels: 0 },
      { status: 'diusulkan', parcels: 0 },
      { status: 'disetujui', parcels: 1 },
      { status: 'dibangun', parcels: 0 },
      { status: 'beroperasi', parcels: 0 },
    ]);
    expect(apart).toEqual([{ status: 'ditolak', parcels: 2 }]);
  });
});

describe('candidate areas', () => {
  const thresholds = { min_area_m2: 600, ideal_area_m2: 1000 };
  const candidate = (id: string, area_m2: number): DashboardCandidateArea => ({
    id,
    name: `Bidang ${id}`,
    kelurahan_kode: '32.75.01.1001',
    kelurahan_nama: 'Bekasijaya',
    kecamatan_nama: 'Bekasi Timur',
    status: 'kandidat',
    area_m2,
    qualifies: area_m2 >= 600,
  });

  it('places an area against the lines, the lines themselves counting as reached', () => {
    expect(areaBand(599.99, thresholds)).toBe('belowMinimum');
    expect(areaBand(600, thresholds)).toBe('minimum');
    expect(areaBand(999.99, thresholds)).toBe('minimum');
    expect(areaBand(1000, thresholds)).toBe('ideal');
    // The criteria in force decide, not fixed numbers.
    expect(areaBand(700, { min_area_m2: 750, ideal_area_m2: 1200 })).toBe('belowMinimum');
  });

  it('sorts smallest first (ties by id) and counts the bands', () => {
    const list = [candidate('c', 1200), candidate('b', 500), candidate('a', 500), candidate('d', 800)];
    expect(sortedCandidateAreas(list).map((c) => c.id)).toEqual(['a', 'b', 'd', 'c']);
    expect(countAreaBands(list, thresholds)).toEqual({ belowMinimum: 2, minimum: 1, ideal: 1 });
  });
});

describe('kelurahan without a qualifying site', () => {
  it('groups them by kecamatan, both by name, with their reason', () => {
    const groups = kelurahanWithoutSite(entries);
    expect(groups.map((g) => g.kecamatan_nama)).toEqual(['Bekasi Barat', 'Bekasi Timur', 'Jatiasih']);
    expect(groups[1]?.kelurahan).toEqual([
      { kode: '32.75.01.1003', nama: 'Aren Jaya', candidates: 0, reason: 'no_candidate' },
      { kode: '32.75.01.1002', nama: 'Duren Jaya', candidates: 1, reason: 'too_small' },
    ]);
    // Bekasijaya and Bintara have a qualifying site.
    const kode = groups.flatMap((g) => g.kelurahan.map((k) => k.kode));
    expect(kode).not.toContain('32.75.01.1001');
    expect(kode).not.toContain('32.75.02.1001');
  });

  it('falls back to no_candidate when a kelurahan without candidates comes without a reason', () => {
    const groups = kelurahanWithoutSite([entry('32.75.01.1004', 'Margahayu', timur, { candidates: 0, qualifying: 0 })]);
    expect(groups[0]?.kelurahan[0]?.reason).toBe('no_candidate');
  });

  it('counts kelurahan per reason in the core order, zeros kept, unknown codes after', () => {
    const counts = countReasons(
      kelurahanWithoutSite([
        ...entries,
        entry('32.75.09.1002', 'Jatiasih', jatiasih, { candidates: 1, qualifying: 0 }, 'new_reason'),
      ]),
    );
    expect(counts.map((c) => c.reason)).toEqual([...NO_SITE_REASONS, 'new_reason']);
    expect(Object.fromEntries(counts.map((c) => [c.reason, c.kelurahan]))).toEqual({
      no_candidate: 2,
      too_small: 1,
      footprint: 0,
      overlay_conflict: 1,
      ownership: 0,
      dispute: 0,
      incomplete: 0,
      new_reason: 1,
    });
  });
});

describe('small helpers', () => {
  it('names a PNG after the chart and the local date', () => {
    expect(pngFileName('cakupan-kecamatan', new Date(2026, 10, 28, 23, 59))).toBe(
      'tapak-cakupan-kecamatan-2026-11-28.png',
    );
    expect(pngFileName('luas-kandidat', new Date(2027, 0, 5))).toBe('tapak-luas-kandidat-2027-01-05.png');
  });

  it('wraps a long label at spaces', () => {
    expect(wrapLabel('Bertumpang tindih dengan kawasan terlarang atau tanpa akses jalan', 28)).toEqual([
      'Bertumpang tindih dengan',
      'kawasan terlarang atau tanpa',
      'akses jalan',
    ]);
    expect(wrapLabel('Bekasi Timur', 14)).toEqual(['Bekasi Timur']);
    expect(wrapLabel('Pondokmelati', 5)).toEqual(['Pondokmelati']);
  });

  it('reads and writes the view in the link without touching other parameters', () => {
    expect(parseView('?kel=32.75.01.1001&view=dashboard')).toBe('dashboard');
    expect(parseView('?view=other')).toBe('map');
    expect(parseView('')).toBe('map');
    expect(serializeView('dashboard', '?kel=32.75.01.1001')).toBe('?kel=32.75.01.1001&view=dashboard');
    expect(serializeView('map', '?kel=32.75.01.1001&view=dashboard')).toBe('?kel=32.75.01.1001');
    expect(serializeView('map', '?view=dashboard')).toBe('');
  });
});
