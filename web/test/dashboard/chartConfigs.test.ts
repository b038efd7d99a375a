import type { DashboardCandidateArea } from '@tapak/core';
import type { Chart } from 'chart.js';
import { describe, expect, it, vi } from 'vitest';
import {
  AREA_BAND_COLORS,
  areaChartConfig,
  COVERAGE_GROUP_COLORS,
  coverageChartConfig,
  funnelChartConfig,
  reasonChartConfig,
  referenceLinesPlugin,
} from '../../src/dashboard/chartConfigs.ts';
import { id } from '../../src/i18n/messages.id.ts';

const candidate = (id_: string, area_m2: number): DashboardCandidateArea => ({
  id: id_,
  name: `Bidang ${id_}`,
  kelurahan_kode: '32.75.01.1001',
  kelurahan_nama: 'Bekasijaya',
  kecamatan_nama: 'Bekasi Timur',
  status: 'kandidat',
  area_m2,
  qualifies: false,
});

describe('chart configurations', () => {
  it('stacks the kecamatan bars in the coverage colours of the map', () => {
    const config = coverageChartConfig(
      [
        {
          kecamatan_kode: '32.75.01',
          kecamatan_nama: 'Bekasi Timur',
          kelurahan: 4,
          qualifying: 1,
          candidatesOnly: 2,
          noCandidate: 1,
        },
      ],
      {
        groups: { qualifying: 'Memenuhi', candidatesOnly: 'Kandidat', noCandidate: 'Belum ada' },
        axis: 'Jumlah kelurahan',
      },
    );
    expect(config.data.datasets.map((d) => [d.label, d.data, d.backgroundColor])).toEqual([
      ['Memenuhi', [1], COVERAGE_GROUP_COLORS.qualifying],
      ['Kandidat', [2], COVERAGE_GROUP_COLORS.candidatesOnly],
      ['Belum ada', [1], COVERAGE_GROUP_COLORS.noCandidate],
    ]);
    expect(config.options?.scales?.x?.stacked).toBe(true);
    expect(config.options?.indexAxis).toBe('y');
    expect(config.data.labels).toEqual(['Bekasi Timur']);
    expect(config.options?.locale).toBe('id-ID');
  });

  it('draws the funnel top to bottom with Indonesian status names', () => {
    const config = funnelChartConfig(
      [
        { status: 'kandidat', parcels: 5 },
        { status: 'diverifikasi', parcels: 2 },
      ],
      { statusLabel: (s) => id.status[s], axis: 'Jumlah bidang', parcels: id.dashboard.parcels },
    );
    expect(config.data.labels).toEqual(['Kandidat', 'Diverifikasi']);
    expect(config.data.datasets[0]?.data).toEqual([5, 2]);
    expect(config.options?.indexAxis).toBe('y');
  });

  it('colours each candidate by band, one bar per candidate, and keeps both lines in view', () => {
    const config = areaChartConfig(
      [candidate('a', 450), candidate('b', 700), candidate('c', 1300)],
      { min_area_m2: 600, ideal_area_m2: 1000 },
      {
        bands: id.dashboard.areas.bands,
        axisArea: 'Luas (m²)',
        axisParcels: 'Kandidat',
        minLine: 'Minimum 600 m²',
        idealLine: 'Ideal 1.000 m²',
        place: (c) => c.kelurahan_nama,
      },
    );
    expect(config.data.datasets.map((d) => [d.backgroundColor, d.data])).toEqual([
      [AREA_BAND_COLORS.belowMinimum, [450, null, null]],
      [AREA_BAND_COLORS.minimum, [null, 700, null]],
      [AREA_BAND_COLORS.ideal, [null, null, 1300]],
    ]);
    expect(config.options?.scales?.y).toMatchObject({ suggestedMax: 1150, beginAtZero: true });
    expect(config.plugins).toHaveLength(1);
  });

  it('draws each reference line at its value inside the plot, labelled', () => {
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_target, prop) =>
          typeof prop === 'string' && ['save', 'restore', 'beginPath', 'stroke', 'setLineDash'].includes(prop)
            ? () => {}
            : prop === 'moveTo' || prop === 'lineTo' || prop === 'fillText'
              ? (...args: unknown[]) => calls.push(`${String(prop)}(${args.join(',')})`)
              : undefined,
        set: () => true,
      },
    );
    const chart = {
      ctx,
      chartArea: { left: 40, right: 540, top: 10, bottom: 310 },
      // 0 m² at the bottom, 1.500 m² at the top.
      scales: { y: { getPixelForValue: vi.fn((v: number) => 310 - (v / 1500) * 300) } },
      options: { font: { family: 'sans-serif' } },
    } as unknown as Chart<'bar'>;
    const plugin = referenceLinesPlugin([
      { value: 600, label: 'Minimum 600 m²', color: '#b91c1c', dash: [6, 4] },
      { value: 3000, label: 'off the chart', color: '#15803d', dash: [] },
    ]);
    (plugin.afterDatasetsDraw as (chart: Chart<'bar'>) => void)(chart);
    expect(calls).toEqual(['moveTo(40,190)', 'lineTo(540,190)', 'fillText(Minimum 600 m²,46,187)']);
  });

  it('labels the reasons with the kelurahan panel labels, wrapped', () => {
    const config = reasonChartConfig(
      [
        { reason: 'overlay_conflict', kelurahan: 3 },
        { reason: 'no_candidate', kelurahan: 9 },
      ],
      {
        reasonLabel: (r) => id.detail.noSiteReasons[r] ?? r,
        axis: 'Jumlah kelurahan',
        kelurahan: id.dashboard.kelurahanCount,
      },
    );
    expect(config.data.labels).toEqual([
      ['Bertumpang tindih dengan', 'kawasan terlarang atau tanpa', 'akses jalan'],
      ['Belum ada kandidat'],
    ]);
    expect(config.data.datasets[0]?.data).toEqual([3, 9]);
  });
});
