import { newParcelDefaults } from '@tapak/core';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CheckResult, ParcelFeature } from '../src/api/types.ts';
import { VERDICT_COLORS, VERDICTS } from '../src/domain/verdict.ts';
import { I18nProvider } from '../src/i18n/i18n.tsx';
import { Checklist } from '../src/parcel/Checklist.tsx';
import { ParcelList, sortParcels } from '../src/parcel/ParcelList.tsx';

const check = (fields: Partial<CheckResult> & Pick<CheckResult, 'id' | 'status'>): CheckResult => ({
  severity: 'hard',
  passed: fields.status === 'pass',
  reason: 'r',
  message: { id: `pesan ${fields.id}`, en: `message ${fields.id}` },
  value: null,
  threshold: null,
  ...fields,
});

const CHECKS: CheckResult[] = [
  check({ id: 'area_min', status: 'pass', value: 1234.56, threshold: 600 }),
  check({ id: 'footprint_fit', status: 'fail', value: -2.224, threshold: '30 × 20 m' }),
  check({ id: 'owner_eligible', status: 'unknown', threshold: ['pemkot_bmd'] }),
  check({ id: 'within_kelurahan', severity: 'soft', status: 'pass', value: 0.004, threshold: 0.01 }),
  check({ id: 'road_access', status: 'fail', value: 12.345, threshold: 5 }),
  check({ id: 'outside_flood', status: 'fail', value: 310.25, threshold: 1 }),
  check({ id: 'facility_nearby', severity: 'soft', status: 'pass', value: 412, threshold: 1000 }),
];

describe('Checklist', () => {
  const html = renderToStaticMarkup(
    <I18nProvider>
      <Checklist checks={CHECKS} score={72.5} />
    </I18nProvider>,
  );

  it('lists mandatory checks first with how many pass, then the advantages with the score', () => {
    expect(html.indexOf('Wajib')).toBeLessThan(html.indexOf('Nilai tambah'));
    expect(html).toContain('1/5');
    expect(html).toContain('Skor 73/100');
  });

  it('shows measured values and thresholds as id-ID numbers, whatever the language', () => {
    expect(html).toContain('1.234,6 m²');
    expect(html).toContain('600,0 m²');
    expect(html).toContain('-2,22 m');
    expect(html).toContain('0,4 %');
  });

  it('says the unit of distances (m) and of overlaps with an exclusion layer (m²)', () => {
    expect(html).toContain('12,35 m');
    expect(html).toContain('5,00 m');
    expect(html).toContain('310,3 m²');
    expect(html).toContain('1,0 m²');
    expect(html).toContain('412 m');
    expect(html).toContain('1.000 m');
  });

  it('gives every check a status people and screen readers can tell apart without colour', () => {
    expect(html).toContain('data-status="pass"');
    expect(html).toContain('aria-label="Tidak terpenuhi"');
    expect(html).toContain('aria-label="Belum dicek"');
    expect(html).toContain('pesan owner_eligible');
  });
});

function parcel(id: string, props: Partial<ParcelFeature['properties']>): ParcelFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: {
      id,
      name: id,
      ...newParcelDefaults,
      kelurahan_kode: '32.75.01.1001',
      kelurahan_nama: 'Bekasijaya',
      kecamatan_kode: '32.75.01',
      kecamatan_nama: 'Bekasi Timur',
      area_m2: 700,
      crosses_border: false,
      kelurahan_outside_ratio: 0,
      fits_prototype: true,
      footprint: null,
      footprint_rotation_deg: null,
      footprint_slack_m: null,
      checks: [],
      qualifies: false,
      verdict: 'belum_lengkap',
      score: 0,
      rank: null,
      point: [107, -6.25],
      version: 1,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
      deleted_at: null,
      ...props,
    },
  };
}

describe('parcel lists', () => {
  const parcels = [
    parcel('rejected', { verdict: 'tidak_memenuhi' }),
    parcel('good', { qualifies: true, verdict: 'memenuhi', score: 40 }),
    parcel('better', { qualifies: true, verdict: 'memenuhi', score: 80 }),
    parcel('second', { shortlisted: true, shortlist_rank: 2, qualifies: true, verdict: 'memenuhi' }),
    parcel('first', { shortlisted: true, shortlist_rank: 1, qualifies: true, verdict: 'memenuhi' }),
    parcel('primary', { is_primary: true, qualifies: true, verdict: 'memenuhi' }),
  ];

  it('puts the primary site first, then the shortlist by rank, then qualifying by score', () => {
    expect(sortParcels(parcels).map((p) => p.id)).toEqual(['primary', 'first', 'second', 'better', 'good', 'rejected']);
  });

  it('shows area (id-ID), verdict and status for each parcel', () => {
    const html = renderToStaticMarkup(
      <I18nProvider>
        <ParcelList parcels={[parcels[1] as ParcelFeature]} selected="good" onSelect={() => {}} showKelurahan />
      </I18nProvider>,
    );
    expect(html).toContain('700,0 m²');
    expect(html).toContain('Memenuhi syarat');
    expect(html).toContain('Kandidat');
    expect(html).toContain('Bekasijaya');
    expect(html).toContain('aria-current="true"');
  });

  it('uses verdict badges readable at WCAG AA', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
        number,
        number,
        number,
      ];
      const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    for (const verdict of VERDICTS) {
      const { tint, ink } = VERDICT_COLORS[verdict];
      const [hi, lo] = [luminance(tint), luminance(ink)].sort((a, b) => b - a) as [number, number];
      expect((hi + 0.05) / (lo + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
